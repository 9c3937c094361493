// chain_config.hpp: the simulated chain's policy: the network constants (model/network_constants.hpp,
// shared with the sector FSM) extended with the mock's own knobs (inclusion delay, message cleanup,
// base fee) and the deposit formula's parameters. Presets derive from the network's presets.
#pragma once

#include <cstdint>

#include "model/network_constants.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/token_amount.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

// How beacon (drand) entries relate to forks. Drand is global, so on mainnet a reorg changes seed
// randomness only when the seed epoch's null-ness changes (DrandGlobal). PerBranch derives the
// entry from the branch too, so any reorg over the seed epoch changes the seed: the harsher case the
// FSM must survive (sealing-fsm.md Q6), and the default for testing.
enum class BeaconModel { PerBranch, DrandGlobal };

struct ChainConfig : NetworkConstants {
  std::int64_t genesis_timestamp = 1'598'306'400;  // seconds; mainnet genesis

  // The network's version (the mock does not model upgrades).
  int network_version = 13;

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

  // The network constants alone (what the sector FSM reads of the same network).
  const NetworkConstants& network() const { return *this; }

  static ChainConfig mainnet();
  // Lotus's 2k devnet: 4 s blocks, PreCommitChallengeDelay 10, everything else mainnet.
  static ChainConfig devnet_2k();

  // precommit_epoch + MaxProveCommitDuration + 1: the cron epoch at which an unproven precommit
  // is removed and its deposit burnt (actors v5 AddPreCommitExpirations).
  ChainEpoch precommit_expiry_epoch(ChainEpoch precommit_epoch, RegisteredSealProof proof) const;
  ChainEpoch seed_epoch(ChainEpoch precommit_epoch) const { return precommit_epoch + pre_commit_challenge_delay; }
};

}  // namespace sealsim::chain
