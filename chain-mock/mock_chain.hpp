// mock_chain.hpp: MockChain, the facade of the simulated chain. It owns the clock, the canonical
// chain with per-tipset state, the message pool, the events API, the fault injector and the log,
// and offers the chain API of sealing-fsm.md §12.5 with its semantics and error cases. Time moves
// only through advance / null_rounds / reorg; every random value derives from the run seed.
//
// Execution model: messages selected for the tipset at height H execute at epoch H (after the cron
// of any null rounds before H) and their receipts belong to H; the state "at" a tipset token is the
// state after that tipset's messages and its end-of-epoch cron. (Lotus executes a tipset's messages
// in its child; the mock folds this one-tipset lag away and says so here.)
//
// Errors: API calls throw ChainError; actor failures are receipts with exit codes.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "chain-mock/chain_clock.hpp"
#include "chain-mock/chain_config.hpp"
#include "chain-mock/chain_events.hpp"
#include "chain-mock/chain_log.hpp"
#include "chain-mock/chain_store.hpp"
#include "chain-mock/deposits.hpp"
#include "chain-mock/fault_injector.hpp"
#include "chain-mock/gas.hpp"
#include "chain-mock/message_pool.hpp"
#include "chain-mock/mock_proof_verifier.hpp"
#include "chain-mock/randomness.hpp"
#include "model/deterministic_rng.hpp"

namespace sealsim::chain {

struct ChainHeadInfo {
  TipSetToken token;
  ChainEpoch height = 0;
  TipSetKey key;
};

struct MsgLookup {
  MessageCid message{};  // the CID found on chain (differs from the one asked for when replaced)
  MessageReceipt receipt;
  TipSetToken tipset;
  ChainEpoch height = 0;
};

struct WaitResult {
  std::optional<MsgLookup> lookup;
  std::string error;  // set when the message was dropped or cleaned up: "message not found"
};

enum class MessageStatus { Pending, Included, Replaced, Dropped, Expired };
std::string message_status_name(MessageStatus status);

struct MessageRecord {
  Message message;
  MessageCid cid{};
  MessageStatus status = MessageStatus::Pending;
  ChainEpoch pushed_epoch = 0;
  std::optional<MessageCid> replaced_by;
  std::optional<ChainEpoch> included_height;
  std::string reason;  // why dropped / expired
};

struct ReorgOptions {
  std::size_t depth = 1;  // tipsets removed from the head
  // Height of the new branch's last epoch; default: the old head's height.
  std::optional<ChainEpoch> new_head_height;
  std::set<ChainEpoch> null_heights;  // heights left empty on the new branch
  bool return_messages_to_pool = true;  // false: the reverted tipsets' messages are dropped
};

struct MinerSetup {
  Address owner;
  Address worker;
  std::vector<Address> control_addresses;
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  TokenAmount balance;
};

class MockChain {
 public:
  MockChain(ChainConfig config, std::uint64_t seed, std::shared_ptr<const ProofVerifier> verifier = nullptr);

  // --- Genesis-style setup (applied to the head state directly, logged).
  Address create_account(TokenAmount balance);
  Address create_miner(const MinerSetup& setup);
  void set_balance(Address address, TokenAmount balance);  // scenario control, e.g. drain a wallet
  void set_base_fee(TokenAmount base_fee);

  // --- Driving time.
  void advance(ChainEpoch epochs = 1);
  void advance_to(ChainEpoch height);
  void null_rounds(ChainEpoch count);  // the next `count` epochs pass without tipsets
  void schedule_null_rounds(ChainEpoch from_height, ChainEpoch count);
  void reorg(const ReorgOptions& options);
  ChainEpoch current_epoch() const { return clock_.epoch(); }

  // --- Chain API (§12.5). An empty token means the head. Unknown or reorged-away tokens throw
  // ChainError(NotFound); pruned state throws ChainError(StatePruned).
  ChainHeadInfo chain_head();
  TipSet chain_get_tipset_by_height(ChainEpoch height, const TipSetToken& from = {});
  TokenAmount chain_base_fee(const TipSetToken& token = {});
  int state_network_version(const TipSetToken& token = {});
  Node32 get_randomness_from_tickets(const TipSetToken& token, DomainSeparationTag tag, ChainEpoch epoch, ByteSpan entropy);
  Node32 get_randomness_from_beacon(const TipSetToken& token, DomainSeparationTag tag, ChainEpoch epoch, ByteSpan entropy);
  GasEstimate gas_estimate_message_gas(const Message& message, std::optional<TokenAmount> max_fee = std::nullopt);
  // Assigns the nonce and the gas (capped by max_fee) and pushes. Throws InsufficientFunds when the
  // balance cannot cover value + gas limit × fee cap, NotFound for an unknown sender.
  MessageCid mpool_push_message(Message message, std::optional<TokenAmount> max_fee = std::nullopt);
  // Pushes a message as signed by its sender: nonce and gas as given (replacement by nonce).
  MessageCid mpool_push(const Message& message);
  std::optional<MsgLookup> state_search_msg(const MessageCid& cid);
  // StateWaitMsg without blocking: `done` runs once the message is `confidence` tipsets deep (at
  // once if it already is), or with an error once it is dropped, cleaned up, replaced by a different
  // call with its nonce, or when the CID was never pushed (the mock cannot wait forever).
  void state_wait_msg(const MessageCid& cid, ChainEpoch confidence, std::function<void(const WaitResult&)> done);
  MinerInfo state_miner_info(Address miner, const TipSetToken& token = {});
  bool state_miner_sector_allocated(Address miner, SectorNumber sector, const TipSetToken& token = {});
  // The precommit if present; absent and allocated → ChainError(SectorAllocated); absent and
  // unallocated → nullopt.
  std::optional<SectorPreCommitOnChainInfo> state_sector_precommit_info(Address miner, SectorNumber sector,
                                                                        const TipSetToken& token = {});
  std::optional<SectorOnChainInfo> state_sector_get_info(Address miner, SectorNumber sector, const TipSetToken& token = {});
  std::optional<SectorLocation> state_sector_partition(Address miner, SectorNumber sector, const TipSetToken& token = {});
  std::vector<Partition> state_miner_partitions(Address miner, std::uint64_t deadline, const TipSetToken& token = {});
  DeadlineInfo state_miner_proving_deadline(Address miner, const TipSetToken& token = {});
  TokenAmount state_miner_precommit_deposit_for_power(Address miner, const SectorPreCommitInfo& info, const TipSetToken& token = {});
  TokenAmount state_miner_initial_pledge_collateral(Address miner, const SectorPreCommitInfo& info, const TipSetToken& token = {});
  TokenAmount state_miner_available_balance(Address miner, const TipSetToken& token = {});
  Node32 state_compute_data_commitment(RegisteredSealProof proof, const std::vector<DealId>& deals, const TipSetToken& token = {});
  MarketDeal state_market_storage_deal(DealId deal, const TipSetToken& token = {});
  DealProposal state_market_storage_deal_proposal(DealId deal, const TipSetToken& token = {});
  EscrowEntry state_market_balance(Address party, const TipSetToken& token = {});
  // StateDealProviderCollateralBounds (deposits.hpp's formula; `verified` does not change it).
  DealCollateralBounds state_deal_provider_collateral_bounds(PaddedPieceSize piece, bool verified,
                                                             const TipSetToken& token = {});
  TokenAmount wallet_balance(Address address, const TipSetToken& token = {});

  // --- Events API.
  std::uint64_t chain_at(ChainEpoch height, ChainEpoch confidence, HeightApplyFn apply, HeightRevertFn revert);
  void cancel_chain_at(std::uint64_t id) { events_.cancel(id); }
  std::uint64_t subscribe_head_changes(HeadChangeFn fn) { return events_.subscribe_head_changes(std::move(fn)); }
  void unsubscribe_head_changes(std::uint64_t id) { events_.unsubscribe(id); }

  // --- Faults and inspection.
  FaultInjector& faults() { return faults_; }
  ChainLog& log() { return log_; }
  const ChainLog& log() const { return log_; }
  const ChainStore& store() const { return store_; }
  const ChainConfig& config() const { return config_; }
  const ProofVerifier& verifier() const { return *verifier_; }
  const StateTree& head_state() const { return *store_.head().state; }
  std::uint64_t seed() const { return seed_; }
  const MessageRecord* message(const MessageCid& cid) const;
  std::vector<MessageRecord> messages() const;  // in push order
  std::size_t pending_messages() const { return pool_.size(); }
  Json messages_json() const;
  Json snapshot_json() const;  // head, clock, state tree, messages

 private:
  const ChainNode& resolve(const TipSetToken& token) const;
  const StateTree& state_at(const TipSetToken& token) const;
  const MinerState& miner_at(Address miner, const TipSetToken& token) const;
  StateTree& mutable_head_state();
  void check(ApiCall call);
  Node32 ticket_base(ChainEpoch epoch) const;
  Node32 beacon_base(ChainEpoch epoch) const;
  void produce_tipset(ChainEpoch height);
  void step(std::vector<TipSet>* applied);
  void after_head_change(const std::vector<TipSet>& reverted, const std::vector<TipSet>& applied);
  void check_waiters();
  void add_to_pool(MessageRecord& record, ChainEpoch not_before);
  std::optional<MsgLookup> lookup_included(const MessageCid& cid) const;
  // StateSearchMsg without the fault check: the CID itself or a same-call replacement.
  std::optional<MsgLookup> search_included(const MessageCid& cid) const;

  ChainConfig config_;
  std::uint64_t seed_;
  DeterministicRng rng_;
  std::shared_ptr<const ProofVerifier> verifier_;
  ChainClock clock_;
  ChainStore store_;
  MessagePool pool_;
  ChainEvents events_;
  FaultInjector faults_;
  ChainLog log_;
  std::uint64_t branch_ = 0;
  std::set<ChainEpoch> scheduled_nulls_;
  std::map<MessageCid, MessageRecord> records_;
  std::vector<MessageCid> push_order_;
  // Canonical inclusion: cid → (height, index in the tipset); (sender, nonce) → cid.
  std::map<MessageCid, std::pair<ChainEpoch, std::size_t>> included_;
  std::map<std::pair<ActorId, std::uint64_t>, MessageCid> included_by_nonce_;
  struct Waiter {
    MessageCid cid;
    ChainEpoch confidence;
    std::function<void(const WaitResult&)> done;
  };
  std::map<std::uint64_t, Waiter> waiters_;
  std::uint64_t next_waiter_ = 0;
};

}  // namespace sealsim::chain
