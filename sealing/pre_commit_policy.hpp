// pre_commit_policy.hpp: Lotus's BasicPreCommitPolicy (spec §12.3): the expiration a new sector
// asks for, from its deals' end epochs, aligned to the miner's proving period boundary.
#pragma once

#include <vector>

#include "sealing/chain_constants.hpp"
#include "sealing/result.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

struct BasicPreCommitPolicy {
  // The miner's default duration: MaxSectorExpirationExtension − 2 × WPoStProvingPeriod.
  static constexpr ChainEpoch default_duration(const NetworkConstants& network) {
    return network.max_sector_expiration_extension - 2 * network.wpost_proving_period;
  }

  ChainEpoch duration = default_duration(NetworkConstants::mainnet());
  ChainEpoch proving_boundary = 0;  // PeriodStart mod WPoStProvingPeriod of the miner
  ChainEpoch proving_period = NetworkConstants::mainnet().wpost_proving_period;

  // The miner's policy for the network, with the default duration.
  static BasicPreCommitPolicy for_network(const NetworkConstants& network, ChainEpoch proving_boundary) {
    return BasicPreCommitPolicy{default_duration(network), proving_boundary, network.wpost_proving_period};
  }

  // Expiration(pieces): the latest end epoch of the deals not yet ended at the head (head +
  // duration without one), moved to the epoch before the next proving boundary. A value already on
  // a boundary still moves a full period forward, as in Lotus.
  Result<ChainEpoch> expiration(SealingChainApi& api, const std::vector<Piece>& pieces) const;
};

}  // namespace sealsim::sealing
