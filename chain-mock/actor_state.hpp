// actor_state.hpp: the world state of the simulated chain as plain values: actors with balances
// and nonces, miner actor state (precommits, sectors, deadlines), market actor state (escrow,
// deals). A snapshot of it is kept per tipset, so reorgs and state-at-tipset queries are copies;
// what grows with the sectors and deals lives in copy-on-write containers (cow_containers.hpp), so
// the per-epoch copy costs the same for ten sectors as for ten thousand.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "chain-mock/address.hpp"
#include "chain-mock/cow_containers.hpp"
#include "chain-mock/message.hpp"
#include "model/token_amount.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

// "No epoch yet" for the lower bounds below: later than any epoch.
inline constexpr ChainEpoch kNoEpochBound = std::numeric_limits<ChainEpoch>::max();

enum class ActorKind { System, Account, Miner, Market, Burnt };

struct ActorEntry {
  ActorKind kind = ActorKind::Account;
  TokenAmount balance;
  std::uint64_t nonce = 0;  // accounts only: the next nonce the chain accepts
};

struct MinerInfo {
  Address owner;
  Address worker;
  std::vector<Address> control_addresses;
  RegisteredSealProof seal_proof_type = RegisteredSealProof::StackedDrg2KiBV1_1;
  std::uint64_t sector_size = 0;
  std::uint64_t window_post_partition_sectors = 0;
  std::int64_t window_post_proof_type = 0;
};

struct SectorPreCommitOnChainInfo {
  SectorPreCommitInfo info;
  TokenAmount precommit_deposit;
  ChainEpoch precommit_epoch = 0;
};

struct SectorOnChainInfo {
  SectorNumber sector_number = 0;
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  Node32 sealed_cid{};
  std::vector<DealId> deal_ids;
  ChainEpoch activation = 0;
  ChainEpoch expiration = 0;
  TokenAmount initial_pledge;
};

struct Partition {
  std::set<SectorNumber> sectors;     // every sector ever assigned, terminated ones included
  std::set<SectorNumber> faults;
  std::set<SectorNumber> recoveries;  // declared recovered, healthy again after the next proof
  std::set<SectorNumber> terminated;

  bool is_live(SectorNumber n) const { return sectors.count(n) != 0 && terminated.count(n) == 0; }
  std::set<SectorNumber> live() const;
  std::size_t live_count() const;  // live().size() without building the set
  std::set<SectorNumber> active() const;  // live and not faulty
};

struct Deadline {
  std::vector<Partition> partitions;
  std::set<std::uint64_t> proven_partitions;  // WindowPoSt received in the current challenge window
};

struct SectorLocation {
  std::uint64_t deadline = 0;
  std::uint64_t partition = 0;
};

// Proving-period arithmetic of a miner at an epoch (miner.DeadlineInfo).
struct DeadlineInfo {
  ChainEpoch current_epoch = 0;
  ChainEpoch period_start = 0;
  std::uint64_t index = 0;
  ChainEpoch open = 0;
  ChainEpoch close = 0;
  ChainEpoch challenge = 0;
  ChainEpoch fault_cutoff = 0;
};

struct MinerState {
  MinerInfo info;
  ChainEpoch proving_period_offset = 0;  // period starts are ≡ offset (mod proving period)
  CowMap<SectorNumber, SectorPreCommitOnChainInfo> precommits;
  CowMap<SectorNumber, SectorOnChainInfo> sectors;  // proven, not terminated or expired
  CowSet<SectorNumber> allocated_sectors;
  CowVector<Deadline> deadlines;
  CowMap<SectorNumber, SectorLocation> locations;
  // Prove-commits received this epoch, verified by the end-of-epoch cron (actors v5).
  std::map<SectorNumber, Bytes> pending_prove_commits;
  TokenAmount precommit_deposits;  // locked
  TokenAmount initial_pledge;      // locked
  ChainEpoch last_deadline_cron = -1;
  // At or before the earliest expiration of `sectors` (a lower bound: lowered when a sector is
  // added, raised only by the cron's scan), so the cron looks for expired sectors only when one
  // can be due instead of scanning every sector at every epoch.
  ChainEpoch earliest_expiration_bound = kNoEpochBound;
  // The same for the precommits' expiry (ChainConfig::precommit_expiry_epoch).
  ChainEpoch earliest_precommit_expiry_bound = kNoEpochBound;
};

enum class DealStatus { Published, Activated, Slashed, Expired };

struct DealState {
  ChainEpoch sector_start_epoch = -1;  // -1 until activated
  ChainEpoch last_updated_epoch = -1;
  ChainEpoch slash_epoch = -1;
  SectorNumber sector_number = 0;
};

struct MarketDeal {
  DealProposal proposal;
  DealState state;
  DealStatus status = DealStatus::Published;
  ChainEpoch publish_epoch = 0;
};

struct EscrowEntry {
  TokenAmount escrow;  // everything the party deposited and has not withdrawn or paid
  TokenAmount locked;  // part of escrow committed to deals

  TokenAmount available() const { return escrow - locked; }
};

struct MarketState {
  std::map<ActorId, EscrowEntry> balances;
  CowMap<DealId, MarketDeal> deals;  // live deals (removed when expired or slashed and settled)
  CowMap<DealId, MarketDeal> closed_deals;  // for inspection: deals that ended, with their final status
  DealId next_deal_id = 0;
  // At or before the earliest epoch at which the cron has something to do with a live deal (a
  // published deal's start, an activated one's end); lowered when a deal is published, raised
  // only by the cron's scan.
  ChainEpoch earliest_deal_due_bound = kNoEpochBound;
};

struct StateTree {
  std::map<ActorId, ActorEntry> actors;
  std::map<ActorId, MinerState> miners;
  MarketState market;
  ActorId next_account_id = 100;
  ActorId next_miner_id = 1000;

  const ActorEntry* find_actor(ActorId id) const;
  ActorEntry* find_actor(ActorId id);
  const MinerState* find_miner(ActorId id) const;
  MinerState* find_miner(ActorId id);
  TokenAmount& burnt();
};

}  // namespace sealsim::chain
