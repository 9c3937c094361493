// network_constants.hpp: the one table of network constants (sealing-fsm.md §12.4: Lotus v1.11.0,
// mainnet, actors v5, network version 13; market-fsm.md §3.1 for the deal bounds) and its 2k-devnet
// preset. The simulated chain's ChainConfig extends it and the sector FSM reads it, so both sides
// of a scenario see the same numbers and nothing else spells them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim {

inline constexpr ChainEpoch kEpochsPerDay = 2880;  // builtin.EpochsInDay at 30 s epochs

struct NetworkConstants {
  // BlockDelaySecs: simulated seconds per epoch.
  std::int64_t block_delay_seconds = 30;

  // Sealing and proving (miner actor v5).
  ChainEpoch chain_finality = 900;
  ChainEpoch seal_randomness_lookback = 900;  // = ChainFinality
  ChainEpoch max_pre_commit_randomness_lookback = kEpochsPerDay + 900;  // = MaxTicketAge
  ChainEpoch pre_commit_challenge_delay = 150;
  int interactive_porep_confidence = 6;  // ChainAt confidence (an int in Lotus)
  ChainEpoch message_confidence = 5;  // StateWaitMsg
  ChainEpoch max_prove_commit_duration_v1_1 = 30 * kEpochsPerDay + 150;
  ChainEpoch max_prove_commit_duration_v1 = kEpochsPerDay + 150;
  ChainEpoch min_sector_expiration = 180 * kEpochsPerDay;
  ChainEpoch max_sector_expiration_extension = 540 * kEpochsPerDay;
  ChainEpoch wpost_proving_period = kEpochsPerDay;
  std::uint64_t wpost_period_deadlines = 48;
  ChainEpoch wpost_challenge_window = 60;
  ChainEpoch wpost_challenge_lookback = 20;
  ChainEpoch fault_declaration_cutoff = 70;
  SectorNumber max_sector_number = (SectorNumber{1} << 63) - 1;
  ChainEpoch events_gc_confidence = 1800;  // the events API's gcConfidence

  // Batching (network version 13, HyperDrive) and the message size limits.
  std::int64_t batching_network_version = 13;  // first with PreCommitSectorBatch / ProveCommitAggregate
  std::size_t pre_commit_sector_batch_max_size = 256;
  std::size_t min_aggregated_sectors = 4;
  std::size_t max_aggregated_sectors = 819;
  std::size_t addressed_sectors_max = 10'000;
  std::size_t declarations_max = 3'000;

  // Market policy (market actor v5): DealDurationBounds and the label size limit.
  ChainEpoch deal_min_duration = 180 * kEpochsPerDay;
  ChainEpoch deal_max_duration = 540 * kEpochsPerDay;
  std::size_t deal_max_label_size = 256;
  // DealUpdatesInterval (one day): a deal's cron processing epochs are spaced by it, the first at
  // GenRandNextEpoch(StartEpoch, DealID) (chain-mock/market_actor.hpp).
  ChainEpoch deal_updates_interval = kEpochsPerDay;

  // MaxProveCommitDuration of actors v5 for the proof type.
  ChainEpoch max_prove_commit_duration(RegisteredSealProof proof) const {
    return seal_proof_info(proof).api_version == ProofsApiVersion::V1_1 ? max_prove_commit_duration_v1_1
                                                                       : max_prove_commit_duration_v1;
  }
  // MaxTicketAge (sealing-fsm.md §8.0).
  constexpr ChainEpoch max_ticket_age() const { return max_pre_commit_randomness_lookback; }
  // WinningPoStSectorSetLookback: 10 up to network version 3, then ChainFinality.
  constexpr ChainEpoch winning_post_sector_set_lookback(std::int64_t network_version) const {
    return network_version <= 3 ? 10 : chain_finality;
  }

  friend bool operator==(const NetworkConstants&, const NetworkConstants&) = default;

  static constexpr NetworkConstants mainnet() { return {}; }
  // Lotus's 2k devnet build: 4 s blocks, PreCommitChallengeDelay 10, the rest as mainnet.
  static constexpr NetworkConstants devnet_2k() {
    NetworkConstants constants;
    constants.block_delay_seconds = 4;
    constants.pre_commit_challenge_delay = 10;
    return constants;
  }
};

}  // namespace sealsim
