// chain_config.hpp: the one place where the simulated chain's policy lives: network constants of
// sealing-fsm.md §12.4 (Lotus v1.11.0 mainnet, actors v5, network version 13), the mock's own
// knobs (inclusion delay, message cleanup, base fee) and the deposit formula's parameters.
// Presets derive from mainnet(); nothing else hard-codes these numbers.
#pragma once

#include <cstdint>

#include "model/token_amount.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

// How beacon (drand) entries relate to forks. Drand is global, so on mainnet a reorg changes seed
// randomness only when the seed epoch's null-ness changes (DrandGlobal). PerBranch derives the
// entry from the branch too, so any reorg over the seed epoch changes the seed: the harsher case the
// FSM must survive (sealing-fsm.md Q6), and the default for testing.
enum class BeaconModel { PerBranch, DrandGlobal };

struct ChainConfig {
  // Clock.
  std::int64_t genesis_timestamp = 1'598'306'400;  // seconds; mainnet genesis
  std::int64_t block_delay_seconds = 30;

  // Network constants (§12.4).
  int network_version = 13;
  ChainEpoch chain_finality = 900;
  ChainEpoch seal_randomness_lookback = 900;
  ChainEpoch max_precommit_randomness_lookback = 2880 + 900;  // = MaxTicketAge
  ChainEpoch precommit_challenge_delay = 150;
  ChainEpoch interactive_porep_confidence = 6;
  ChainEpoch message_confidence = 5;
  ChainEpoch max_prove_commit_duration_v1_1 = 30 * 2880 + 150;
  ChainEpoch max_prove_commit_duration_v1 = 2880 + 150;
  ChainEpoch min_sector_expiration = 180 * 2880;
  ChainEpoch max_sector_expiration_extension = 540 * 2880;
  ChainEpoch wpost_proving_period = 2880;
  std::uint64_t wpost_period_deadlines = 48;
  ChainEpoch wpost_challenge_window = 60;
  ChainEpoch wpost_challenge_lookback = 20;
  ChainEpoch fault_declaration_cutoff = 70;
  std::size_t precommit_sector_batch_max_size = 256;
  std::size_t min_aggregated_sectors = 4;
  std::size_t max_aggregated_sectors = 819;
  std::size_t addressed_sectors_max = 10'000;
  std::size_t declarations_max = 3'000;
  ChainEpoch events_gc_confidence = 1800;
  SectorNumber max_sector_number = (SectorNumber{1} << 63) - 1;
  // Market policy (actors v5): deal duration bounds and label size.
  ChainEpoch deal_min_duration = 180 * 2880;
  ChainEpoch deal_max_duration = 540 * 2880;
  std::size_t deal_max_label_size = 256;
  // DealUpdatesInterval (one day): a deal's cron processing epochs are spaced by it, the first at
  // GenRandNextEpoch(StartEpoch, DealID) (market_actor.hpp).
  ChainEpoch deal_updates_interval = 2880;

  // Mock behaviour.
  ChainEpoch inclusion_delay = 1;           // epochs from push to the first tipset that may include it
  ChainEpoch message_cleanup_epochs = 900;  // pending messages older than this are dropped (not found)
  std::size_t max_messages_per_tipset = 100'000;
  ChainEpoch state_retention = 2 * 900;     // tipsets whose state stays queryable; also max reorg depth
  TokenAmount base_fee = TokenAmount(100);  // attoFIL per gas unit
  TokenAmount gas_premium = TokenAmount(100'000);
  std::int64_t gas_overestimation_percent = 125;  // GasEstimateGasLimit × 1.25, as Lotus
  BeaconModel beacon_model = BeaconModel::PerBranch;

  // Deposit formula (deposits.hpp): initial pledge per GiB of sector, precommit deposit as a
  // share of the pledge, termination and fault fees as shares of the pledge.
  TokenAmount pledge_per_gib = TokenAmount::from_nano(6'250'000);  // 0.2 FIL per 32 GiB sector
  std::int64_t precommit_deposit_percent = 50;
  std::int64_t termination_fee_percent = 50;
  std::int64_t fault_fee_percent = 1;  // per missed or declared-faulty proving deadline
  // Deal provider collateral (deposits.hpp): the market's minimum per GiB of piece, before
  // Lotus's 110/100 margin (StateDealProviderCollateralBounds).
  TokenAmount deal_provider_collateral_per_gib = TokenAmount::from_nano(1'000'000);  // 0.001 FIL

  static ChainConfig mainnet();
  // Lotus's 2k devnet: 4 s blocks, PreCommitChallengeDelay 10, everything else mainnet.
  static ChainConfig devnet_2k();

  ChainEpoch max_prove_commit_duration(RegisteredSealProof proof) const;
  // precommit_epoch + MaxProveCommitDuration + 1: the cron epoch at which an unproven precommit
  // is removed and its deposit burnt (actors v5 AddPreCommitExpirations).
  ChainEpoch precommit_expiry_epoch(ChainEpoch precommit_epoch, RegisteredSealProof proof) const;
  ChainEpoch seed_epoch(ChainEpoch precommit_epoch) const { return precommit_epoch + precommit_challenge_delay; }
};

}  // namespace sealsim::chain
