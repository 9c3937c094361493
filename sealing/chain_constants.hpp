// chain_constants.hpp: the network constants the sector FSM reads (spec §12.4: Lotus v1.11.0,
// mainnet, actors v5, network version 13) and the message/randomness numbers it uses. The FSM's
// one copy: handlers take a NetworkConstants from HandlerEnv so a 2k-devnet scenario can pass its
// own (PreCommitChallengeDelay 10). sealing/ cannot include chain-mock/, whose ChainConfig holds
// the same mainnet values for the simulated chain; a scenario builds both from one preset.
#pragma once

#include <cstdint>

#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::sealing {

struct NetworkConstants {
  ChainEpoch seal_randomness_lookback = 900;            // SealRandomnessLookback = ChainFinality
  ChainEpoch max_pre_commit_randomness_lookback = 2880 + 900;  // = MaxTicketAge
  ChainEpoch pre_commit_challenge_delay = 150;
  int interactive_porep_confidence = 6;
  ChainEpoch max_prove_commit_duration_v1_1 = 30 * 2880 + 150;  // actors v5
  ChainEpoch max_prove_commit_duration_v1 = 2880 + 150;
  ChainEpoch min_sector_expiration = 180 * 2880;
  ChainEpoch max_sector_expiration_extension = 540 * 2880;
  ChainEpoch wpost_proving_period = 2880;
  // First network version with PreCommitSectorBatch / ProveCommitAggregate (HyperDrive).
  std::int64_t batching_network_version = 13;
  std::int64_t block_delay_secs = 30;  // BlockDelaySecs (2k devnet: 4)

  // WinningPoStSectorSetLookback: 10 up to network version 3, then ChainFinality (900).
  ChainEpoch winning_post_sector_set_lookback(std::int64_t network_version) const {
    return network_version <= 3 ? 10 : seal_randomness_lookback;
  }

  // MaxProveCommitDuration of actors v5 for the proof type (spec §12.4).
  ChainEpoch max_prove_commit_duration(RegisteredSealProof proof) const {
    return seal_proof_info(proof).api_version == ProofsApiVersion::V1_1 ? max_prove_commit_duration_v1_1
                                                                       : max_prove_commit_duration_v1;
  }
  // MaxTicketAge (spec §8.0).
  ChainEpoch max_ticket_age() const { return max_pre_commit_randomness_lookback; }
  // BasicPreCommitPolicy's default duration: MaxSectorExpirationExtension − 2 × WPoStProvingPeriod.
  ChainEpoch default_pre_commit_policy_duration() const {
    return max_sector_expiration_extension - 2 * wpost_proving_period;
  }

  static NetworkConstants mainnet() { return {}; }
  // Lotus's 2k devnet build: PreCommitChallengeDelay 10, the rest as mainnet.
  static NetworkConstants devnet_2k() {
    NetworkConstants c;
    c.pre_commit_challenge_delay = 10;
    c.block_delay_secs = 4;
    return c;
  }
};

// Miner actor method numbers (spec §12.4).
inline constexpr std::uint64_t kMethodPreCommitSector = 6;
inline constexpr std::uint64_t kMethodProveCommitSector = 7;
inline constexpr std::uint64_t kMethodTerminateSectors = 9;
inline constexpr std::uint64_t kMethodPreCommitSectorBatch = 25;
inline constexpr std::uint64_t kMethodProveCommitAggregate = 26;

// Exit codes the FSM distinguishes.
inline constexpr std::int64_t kExitOk = 0;
inline constexpr std::int64_t kExitSysErrInsufficientFunds = 6;
inline constexpr std::int64_t kExitSysErrOutOfGas = 7;

}  // namespace sealsim::sealing
