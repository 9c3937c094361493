// deadlines.hpp: proving-period arithmetic (miner.NewDeadlineInfo) and the assignment of new
// sectors to deadlines and partitions.
#pragma once

#include "chain-mock/actor_state.hpp"
#include "chain-mock/chain_config.hpp"

namespace sealsim::chain {

DeadlineInfo deadline_info_at(const ChainConfig& config, ChainEpoch proving_period_offset, ChainEpoch epoch);
// Info of the given deadline's current occurrence if it is open, else its next one.
DeadlineInfo next_deadline_occurrence(const ChainConfig& config, ChainEpoch proving_period_offset,
                                      ChainEpoch epoch, std::uint64_t deadline);
// The current and the next deadline cannot be changed by terminations (actors
// deadlineIsMutable).
bool deadline_is_mutable(const ChainConfig& config, ChainEpoch proving_period_offset, ChainEpoch epoch,
                         std::uint64_t deadline);
// Places a sector: the mutable deadline with the fewest live sectors (lowest index on ties), its
// last partition when not full, else a new one.
SectorLocation assign_sector(const ChainConfig& config, MinerState& miner, ChainEpoch epoch, SectorNumber sector);

}  // namespace sealsim::chain
