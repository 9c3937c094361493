// mock_chain.cpp: the facade: setup, time, tipset production, reorgs, the chain API and waits.
#include "chain-mock/mock_chain.hpp"

#include <algorithm>

#include "chain-mock/chain_error.hpp"
#include "chain-mock/deadlines.hpp"
#include "chain-mock/deposits.hpp"
#include "chain-mock/market_actor.hpp"
#include "chain-mock/miner_actor.hpp"
#include "chain-mock/vm.hpp"

namespace sealsim::chain {
namespace {

ChainNode make_genesis(const ChainConfig& config, std::uint64_t seed) {
  auto state = std::make_shared<StateTree>();
  for (Address a : {kSystemActor, kInitActor, kRewardActor, kCronActor, kPowerActor, kBurntFundsActor}) {
    state->actors[a.id] = ActorEntry{a == kBurntFundsActor ? ActorKind::Burnt : ActorKind::System, TokenAmount(), 0};
  }
  state->actors[kMarketActor.id] = ActorEntry{ActorKind::Market, TokenAmount(), 0};
  ChainNode genesis;
  genesis.tipset.height = 0;
  genesis.tipset.parent_height = -1;
  genesis.tipset.key = derive_tipset_key(seed, TipSetKey{}, 0, 0);
  genesis.tipset.ticket = derive_ticket(seed, genesis.tipset.key);
  genesis.tipset.beacon = derive_beacon(seed, 0, config.beacon_model == BeaconModel::PerBranch ? &genesis.tipset.key : nullptr);
  genesis.tipset.timestamp = config.genesis_timestamp;
  genesis.state = std::move(state);
  return genesis;
}

std::string not_found(const std::string& what) { return what + " not found"; }

}  // namespace

std::string message_status_name(MessageStatus status) {
  switch (status) {
    case MessageStatus::Pending: return "pending";
    case MessageStatus::Included: return "included";
    case MessageStatus::Replaced: return "replaced";
    case MessageStatus::Dropped: return "dropped";
    case MessageStatus::Expired: return "expired";
  }
  return "unknown";
}

MockChain::MockChain(ChainConfig config, std::uint64_t seed, std::shared_ptr<const ProofVerifier> verifier)
    : config_(config),
      seed_(seed),
      rng_(DeterministicRng(seed).fork("chain")),
      verifier_(verifier ? std::move(verifier) : std::make_shared<MockProofVerifier>()),
      clock_(config.genesis_timestamp, config.block_delay_seconds),
      store_(make_genesis(config, seed)),
      events_(config.events_gc_confidence) {
  log_.add(0, "genesis", tipset_json(store_.head().tipset));
}

// ---------------------------------------------------------------------------------------------
// Setup.

StateTree& MockChain::mutable_head_state() {
  ChainNode& head = store_.mutable_head();
  auto copy = std::make_shared<StateTree>(*head.state);
  StateTree& ref = *copy;
  head.state = std::move(copy);
  return ref;
}

Address MockChain::create_account(TokenAmount balance) {
  StateTree& state = mutable_head_state();
  Address address{state.next_account_id++};
  state.actors[address.id] = ActorEntry{ActorKind::Account, balance, 0};
  log_.add(clock_.epoch(), "account_created", {{"address", address.to_string()}, {"balance", balance.to_string()}});
  return address;
}

Address MockChain::create_miner(const MinerSetup& setup) {
  StateTree& state = mutable_head_state();
  if (state.find_actor(setup.owner.id) == nullptr || state.find_actor(setup.worker.id) == nullptr) {
    throw ChainError(ChainErrorKind::NotFound, "miner owner " + setup.owner.to_string() + " or worker " +
                                                   setup.worker.to_string() + " is not an account");
  }
  Address address{state.next_miner_id++};
  const SealProofInfo& proof = seal_proof_info(setup.seal_proof);
  MinerInfo info{setup.owner,
                 setup.worker,
                 setup.control_addresses,
                 setup.seal_proof,
                 proof.sector_size,
                 proof.window_post_partition_sectors,
                 proof.window_post_proof_id};
  DeterministicRng offset_rng = rng_.fork("proving-period-offset/" + address.to_string());
  auto offset = static_cast<ChainEpoch>(offset_rng.uniform_below(static_cast<std::uint64_t>(config_.wpost_proving_period)));
  state.actors[address.id] = ActorEntry{ActorKind::Miner, setup.balance, 0};
  state.miners[address.id] = miner::make_miner_state(config_, info, offset);
  log_.add(clock_.epoch(), "miner_created",
           {{"address", address.to_string()}, {"owner", setup.owner.to_string()}, {"worker", setup.worker.to_string()},
            {"seal_proof", std::string(proof.name)}, {"proving_period_offset", offset}});
  return address;
}

void MockChain::set_balance(Address address, TokenAmount balance) {
  StateTree& state = mutable_head_state();
  ActorEntry* actor = state.find_actor(address.id);
  if (actor == nullptr) throw ChainError(ChainErrorKind::NotFound, not_found("actor " + address.to_string()));
  if (balance.is_negative()) throw ChainError(ChainErrorKind::InvalidArgument, "negative balance");
  actor->balance = balance;
  log_.add(clock_.epoch(), "balance_set", {{"address", address.to_string()}, {"balance", balance.to_string()}});
}

void MockChain::set_base_fee(TokenAmount base_fee) {
  config_.base_fee = base_fee;
  log_.add(clock_.epoch(), "base_fee_set", {{"base_fee", base_fee.to_string()}});
}

// ---------------------------------------------------------------------------------------------
// Time.

void MockChain::step(std::vector<TipSet>* applied) {
  clock_.tick();
  ChainEpoch height = clock_.epoch();
  if (scheduled_nulls_.erase(height) != 0) {
    log_.add(height, "null_round", Json::object());
    return;
  }
  produce_tipset(height);
  applied->push_back(store_.head().tipset);
}

void MockChain::advance(ChainEpoch epochs) {
  for (ChainEpoch i = 0; i < epochs; ++i) {
    std::vector<TipSet> applied;
    step(&applied);
    if (!applied.empty()) after_head_change({}, applied);
  }
}

void MockChain::advance_to(ChainEpoch height) {
  if (height > clock_.epoch()) advance(height - clock_.epoch());
}

void MockChain::null_rounds(ChainEpoch count) {
  schedule_null_rounds(clock_.epoch() + 1, count);
  advance(count);
}

void MockChain::schedule_null_rounds(ChainEpoch from_height, ChainEpoch count) {
  for (ChainEpoch h = from_height; h < from_height + count; ++h) {
    if (h > clock_.epoch()) scheduled_nulls_.insert(h);
  }
}

Node32 MockChain::ticket_base(ChainEpoch epoch) const {
  const ChainNode* node = store_.at_or_before(std::clamp<ChainEpoch>(epoch, 0, store_.head().tipset.height));
  return node->tipset.ticket;
}

Node32 MockChain::beacon_base(ChainEpoch epoch) const {
  const ChainNode* node = store_.at_or_before(std::clamp<ChainEpoch>(epoch, 0, store_.head().tipset.height));
  return node->tipset.beacon;
}

void MockChain::produce_tipset(ChainEpoch height) {
  const ChainNode& parent = store_.head();
  auto state = std::make_shared<StateTree>(*parent.state);
  std::vector<ActorEvent> events;
  auto make_runtime = [&](ChainEpoch epoch) {
    return ActorRuntime{config_,
                        epoch,
                        *state,
                        *verifier_,
                        [this](DomainSeparationTag tag, ChainEpoch e, ByteSpan entropy) {
                          return draw_randomness(ticket_base(e), tag, e, entropy);
                        },
                        [this](DomainSeparationTag tag, ChainEpoch e, ByteSpan entropy) {
                          return draw_randomness(beacon_base(e), tag, e, entropy);
                        },
                        events};
  };
  // Cron of the null rounds since the parent.
  for (ChainEpoch e = parent.tipset.height + 1; e < height; ++e) {
    ActorRuntime rt = make_runtime(e);
    run_cron(rt);
  }
  ChainNode node;
  node.tipset.parent = parent.tipset.key;
  node.tipset.parent_height = parent.tipset.height;
  node.tipset.height = height;
  node.tipset.branch = branch_;
  node.tipset.key = derive_tipset_key(seed_, parent.tipset.key, height, branch_);
  node.tipset.ticket = derive_ticket(seed_, node.tipset.key);
  node.tipset.beacon = derive_beacon(seed_, height, config_.beacon_model == BeaconModel::PerBranch ? &node.tipset.key : nullptr);
  node.tipset.timestamp = clock_.timestamp_of(height);
  std::vector<PendingMessage> selected = pool_.select(*state, height, config_.base_fee, config_.max_messages_per_tipset);
  ActorRuntime rt = make_runtime(height);
  for (const PendingMessage& p : selected) {
    std::optional<ForcedOutcome> forced = faults_.take_execution_fault(p.message);
    MessageReceipt receipt = apply_message(rt, p.message, forced);
    pool_.remove(p.message.from.id, p.message.nonce);
    MessageRecord& record = records_.at(p.cid);
    record.status = MessageStatus::Included;
    record.included_height = height;
    included_[p.cid] = {height, node.tipset.messages.size()};
    included_by_nonce_[{p.message.from.id, p.message.nonce}] = p.cid;
    if (log_.enabled()) {
      Json detail{{"cid", hex32(p.cid)}, {"receipt", receipt_json(receipt)}};
      if (forced) detail["injected"] = true;
      log_.add(height, "message_included", std::move(detail));
    }
    node.tipset.messages.push_back(p.cid);
    node.receipts.push_back(std::move(receipt));
  }
  run_cron(rt);
  for (const ActorEvent& e : events) {
    log_.add(e.epoch, e.kind, {{"actor", Address{e.actor}.to_string()}, {"subject", e.subject}, {"detail", e.detail}});
  }
  // Messages the chain passed (nonce consumed) or that waited longer than the cleanup window.
  for (const MessageCid& cid : pool_.prune(*state, height - config_.message_cleanup_epochs)) {
    MessageRecord& record = records_.at(cid);
    bool nonce_used = state->actors[record.message.from.id].nonce > record.message.nonce;
    record.status = nonce_used ? MessageStatus::Replaced : MessageStatus::Expired;
    record.reason = nonce_used ? "nonce used by another message" : "not included within the cleanup window";
    log_.add(height, nonce_used ? "message_replaced" : "message_expired", {{"cid", hex32(cid)}});
  }
  node.state = std::move(state);
  log_.add(height, "tipset", log_.enabled() ? tipset_json(node.tipset) : Json());
  store_.append(std::move(node));
  store_.prune_states(static_cast<std::size_t>(config_.state_retention));
}

void MockChain::reorg(const ReorgOptions& options) {
  if (options.depth == 0 || options.depth >= store_.size()) {
    throw ChainError(ChainErrorKind::InvalidArgument, "reorg depth " + std::to_string(options.depth) + " must be in [1, " +
                                                          std::to_string(store_.size() - 1) + "]");
  }
  if (options.depth >= static_cast<std::size_t>(config_.state_retention) ||
      !store_.at_index(store_.size() - options.depth - 1).state) {
    throw ChainError(ChainErrorKind::InvalidArgument, "reorg depth " + std::to_string(options.depth) + " exceeds the retained state");
  }
  ChainEpoch old_height = clock_.epoch();
  std::vector<ChainNode> removed = store_.truncate(options.depth);
  ChainEpoch ancestor = store_.head().tipset.height;
  ++branch_;
  log_.add(old_height, "reorg",
           {{"depth", options.depth}, {"ancestor", ancestor}, {"branch", branch_}, {"return_messages", options.return_messages_to_pool}});
  std::vector<TipSet> reverted;
  for (auto it = removed.rbegin(); it != removed.rend(); ++it) reverted.push_back(it->tipset);
  // Un-include the reverted messages, oldest first so nonces go back in order.
  for (const ChainNode& node : removed) {
    for (const MessageCid& cid : node.tipset.messages) {
      MessageRecord& record = records_.at(cid);
      included_.erase(cid);
      included_by_nonce_.erase({record.message.from.id, record.message.nonce});
      record.included_height.reset();
      if (options.return_messages_to_pool) {
        record.status = MessageStatus::Pending;
        record.pushed_epoch = ancestor;
        add_to_pool(record, ancestor + 1);
        log_.add(ancestor, "message_returned_to_pool", {{"cid", hex32(cid)}});
      } else {
        record.status = MessageStatus::Dropped;
        record.reason = "dropped by reorg";
        log_.add(ancestor, "message_dropped", {{"cid", hex32(cid)}, {"reason", record.reason}});
      }
    }
  }
  clock_.set_epoch(ancestor);
  ChainEpoch target = options.new_head_height.value_or(old_height);
  for (ChainEpoch h : options.null_heights) {
    if (h > ancestor && h <= target) scheduled_nulls_.insert(h);
  }
  std::vector<TipSet> applied;
  while (clock_.epoch() < target) step(&applied);
  after_head_change(reverted, applied);
}

void MockChain::after_head_change(const std::vector<TipSet>& reverted, const std::vector<TipSet>& applied) {
  events_.notify(store_, reverted, applied);
  check_waiters();
}

// ---------------------------------------------------------------------------------------------
// Messages.

void MockChain::add_to_pool(MessageRecord& record, ChainEpoch not_before) {
  const ActorEntry* sender = head_state().find_actor(record.message.from.id);
  std::uint64_t state_nonce = sender == nullptr ? 0 : sender->nonce;
  try {
    std::optional<MessageCid> replaced =
        pool_.add(PendingMessage{record.message, record.cid, record.pushed_epoch, not_before}, state_nonce);
    if (replaced) {
      MessageRecord& old = records_.at(*replaced);
      old.status = MessageStatus::Replaced;
      old.replaced_by = record.cid;
      log_.add(clock_.epoch(), "message_replaced", {{"cid", hex32(*replaced)}, {"by", hex32(record.cid)}});
    }
  } catch (const ChainError& e) {
    if (record.status != MessageStatus::Pending || records_.count(record.cid) == 0) throw;
    // A message returned by a reorg whose nonce is already taken.
    record.status = MessageStatus::Dropped;
    record.reason = e.what();
  }
}

GasEstimate MockChain::gas_estimate_message_gas(const Message& message, std::optional<TokenAmount> max_fee) {
  check(ApiCall::GasEstimate);
  return estimate_gas(config_, config_.base_fee, message, max_fee);
}

MessageCid MockChain::mpool_push_message(Message message, std::optional<TokenAmount> max_fee) {
  check(ApiCall::MpoolPushMessage);
  const ActorEntry* sender = head_state().find_actor(message.from.id);
  if (sender == nullptr || sender->kind != ActorKind::Account) {
    throw ChainError(ChainErrorKind::NotFound, "sender " + message.from.to_string() + " is not an account");
  }
  message.nonce = pool_.next_nonce(message.from.id, sender->nonce);
  GasEstimate gas = estimate_gas(config_, config_.base_fee, message, max_fee);
  message.gas_limit = gas.gas_limit;
  message.gas_fee_cap = gas.gas_fee_cap;
  message.gas_premium = gas.gas_premium;
  if (sender->balance < message.required_funds()) {
    throw ChainError(ChainErrorKind::InsufficientFunds, "not enough funds in " + message.from.to_string() + ": balance " +
                                                            sender->balance.to_string() + ", need " +
                                                            message.required_funds().to_string());
  }
  return mpool_push(message);
}

MessageCid MockChain::mpool_push(const Message& message) {
  const ActorEntry* sender = head_state().find_actor(message.from.id);
  if (sender == nullptr) throw ChainError(ChainErrorKind::NotFound, "sender " + message.from.to_string() + " not found");
  if (message.gas_limit <= 0 || message.gas_premium > message.gas_fee_cap || message.value.is_negative()) {
    throw ChainError(ChainErrorKind::InvalidArgument, "message gas or value invalid");
  }
  MessageCid cid = message_cid(message);
  auto existing = records_.find(cid);
  if (existing != records_.end() && existing->second.status != MessageStatus::Dropped &&
      existing->second.status != MessageStatus::Expired) {
    throw ChainError(ChainErrorKind::NonceConflict, "message " + hex32(cid) + " already pushed");
  }
  MessageRecord record{message, cid, MessageStatus::Pending, clock_.epoch(), std::nullopt, std::nullopt, {}};
  ChainEpoch delay = faults_.take_inclusion_delay(message);
  bool drop = faults_.take_drop(message);
  if (!drop) add_to_pool(record, clock_.epoch() + config_.inclusion_delay + delay);  // throws on nonce conflicts
  if (existing == records_.end()) push_order_.push_back(cid);
  if (log_.enabled()) {
    Json detail{{"cid", hex32(cid)}, {"message", message_json(message)}};
    if (delay > 0) detail["injected_delay"] = delay;
    log_.add(clock_.epoch(), "message_pushed", std::move(detail));
  }
  if (drop) {
    record.status = MessageStatus::Dropped;
    record.reason = "dropped by fault injection";
    log_.add(clock_.epoch(), "message_dropped", {{"cid", hex32(cid)}, {"reason", record.reason}});
  }
  records_[cid] = std::move(record);
  check_waiters();
  return cid;
}

std::optional<MsgLookup> MockChain::lookup_included(const MessageCid& cid) const {
  auto it = included_.find(cid);
  if (it == included_.end()) return std::nullopt;
  const ChainNode* node = store_.at_or_before(it->second.first);
  return MsgLookup{cid, node->receipts[it->second.second], node->tipset.token(), node->tipset.height};
}

std::optional<MsgLookup> MockChain::state_search_msg(const MessageCid& cid) {
  check(ApiCall::StateSearchMsg);
  return search_included(cid);
}

std::optional<MsgLookup> MockChain::search_included(const MessageCid& cid) const {
  if (auto found = lookup_included(cid)) return found;
  auto record = records_.find(cid);
  if (record == records_.end()) return std::nullopt;
  // A replacement with the same sender and nonce counts when it makes the same call (Lotus
  // allowReplaced: same receiver, method and value).
  const Message& m = record->second.message;
  auto other = included_by_nonce_.find({m.from.id, m.nonce});
  if (other == included_by_nonce_.end()) return std::nullopt;
  const Message& replacement = records_.at(other->second).message;
  if (replacement.to != m.to || replacement.method != m.method || replacement.value != m.value) return std::nullopt;
  return lookup_included(other->second);
}

void MockChain::state_wait_msg(const MessageCid& cid, ChainEpoch confidence, std::function<void(const WaitResult&)> done) {
  check(ApiCall::StateWaitMsg);
  waiters_[next_waiter_++] = Waiter{cid, confidence, std::move(done)};
  check_waiters();
}

void MockChain::check_waiters() {
  std::vector<std::uint64_t> ids;
  for (const auto& [id, w] : waiters_) ids.push_back(id);
  ChainEpoch head = store_.head().tipset.height;
  for (std::uint64_t id : ids) {
    auto it = waiters_.find(id);
    if (it == waiters_.end()) continue;
    Waiter waiter = it->second;
    std::optional<MsgLookup> found = search_included(waiter.cid);
    if (found && head >= found->height + waiter.confidence) {
      waiters_.erase(id);
      waiter.done(WaitResult{found, {}});
      continue;
    }
    auto record = records_.find(waiter.cid);
    bool gone = record == records_.end() ||
                (!found && (record->second.status == MessageStatus::Dropped || record->second.status == MessageStatus::Expired ||
                            (record->second.status == MessageStatus::Replaced &&
                             included_by_nonce_.count({record->second.message.from.id, record->second.message.nonce}) != 0)));
    if (gone) {
      waiters_.erase(id);
      waiter.done(WaitResult{std::nullopt, "message " + hex32(waiter.cid) + " not found" +
                                               (record != records_.end() && record->second.status == MessageStatus::Replaced
                                                    ? " (its nonce was used by a different call)"
                                                    : "")});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// State queries.

void MockChain::check(ApiCall call) {
  try {
    faults_.check_api(call, clock_.epoch());
  } catch (const ChainError& e) {
    log_.add(clock_.epoch(), "api_fault_injected", {{"call", api_call_name(call)}, {"error", e.what()}});
    throw;
  }
}

const ChainNode& MockChain::resolve(const TipSetToken& token) const {
  if (token.empty()) return store_.head();
  const ChainNode* node = store_.find(key_of(token));
  if (node == nullptr) throw ChainError(ChainErrorKind::NotFound, "tipset " + to_hex(token) + " not found on the canonical chain");
  return *node;
}

const StateTree& MockChain::state_at(const TipSetToken& token) const {
  const ChainNode& node = resolve(token);
  if (!node.state) {
    throw ChainError(ChainErrorKind::StatePruned, "state of tipset at height " + std::to_string(node.tipset.height) + " was pruned");
  }
  return *node.state;
}

const MinerState& MockChain::miner_at(Address miner, const TipSetToken& token) const {
  const MinerState* state = state_at(token).find_miner(miner.id);
  if (state == nullptr) throw ChainError(ChainErrorKind::NotFound, "miner " + miner.to_string() + " not found");
  return *state;
}

ChainHeadInfo MockChain::chain_head() {
  check(ApiCall::ChainHead);
  const TipSet& head = store_.head().tipset;
  return ChainHeadInfo{head.token(), head.height, head.key};
}

TipSet MockChain::chain_get_tipset_by_height(ChainEpoch height, const TipSetToken& from) {
  check(ApiCall::ChainGetTipSetByHeight);
  const ChainNode& base = resolve(from);
  if (height > base.tipset.height) {
    throw ChainError(ChainErrorKind::InvalidArgument, "looking for tipset with height greater than start point (" +
                                                          std::to_string(height) + " > " + std::to_string(base.tipset.height) + ")");
  }
  if (height < 0) throw ChainError(ChainErrorKind::InvalidArgument, "negative height " + std::to_string(height));
  return store_.at_or_before(height)->tipset;
}

TokenAmount MockChain::chain_base_fee(const TipSetToken& token) {
  check(ApiCall::ChainBaseFee);
  resolve(token);
  return config_.base_fee;
}

int MockChain::state_network_version(const TipSetToken& token) {
  check(ApiCall::StateNetworkVersion);
  resolve(token);
  return config_.network_version;
}

Node32 MockChain::get_randomness_from_tickets(const TipSetToken& token, DomainSeparationTag tag, ChainEpoch epoch, ByteSpan entropy) {
  check(ApiCall::GetRandomnessFromTickets);
  const ChainNode& base = resolve(token);
  if (epoch > base.tipset.height) {
    throw ChainError(ChainErrorKind::InvalidArgument, "cannot draw randomness from the future (" + std::to_string(epoch) + " > " +
                                                          std::to_string(base.tipset.height) + ")");
  }
  return draw_randomness(ticket_base(epoch), tag, epoch, entropy);
}

Node32 MockChain::get_randomness_from_beacon(const TipSetToken& token, DomainSeparationTag tag, ChainEpoch epoch, ByteSpan entropy) {
  check(ApiCall::GetRandomnessFromBeacon);
  const ChainNode& base = resolve(token);
  if (epoch > base.tipset.height) {
    throw ChainError(ChainErrorKind::InvalidArgument, "cannot draw randomness from the future (" + std::to_string(epoch) + " > " +
                                                          std::to_string(base.tipset.height) + ")");
  }
  return draw_randomness(beacon_base(epoch), tag, epoch, entropy);
}

MinerInfo MockChain::state_miner_info(Address miner, const TipSetToken& token) {
  check(ApiCall::StateMinerInfo);
  return miner_at(miner, token).info;
}

bool MockChain::state_miner_sector_allocated(Address miner, SectorNumber sector, const TipSetToken& token) {
  check(ApiCall::StateMinerSectorAllocated);
  return miner_at(miner, token).allocated_sectors.count(sector) != 0;
}

std::optional<SectorPreCommitOnChainInfo> MockChain::state_sector_precommit_info(Address miner, SectorNumber sector,
                                                                                 const TipSetToken& token) {
  check(ApiCall::StateSectorPreCommitInfo);
  const MinerState& state = miner_at(miner, token);
  auto it = state.precommits.find(sector);
  if (it != state.precommits.end()) return it->second;
  if (state.allocated_sectors.count(sector) != 0) {
    throw ChainError(ChainErrorKind::SectorAllocated, "sectorNumber is allocated, but PreCommit info wasn't found on chain");
  }
  return std::nullopt;
}

std::optional<SectorOnChainInfo> MockChain::state_sector_get_info(Address miner, SectorNumber sector, const TipSetToken& token) {
  check(ApiCall::StateSectorGetInfo);
  const MinerState& state = miner_at(miner, token);
  auto it = state.sectors.find(sector);
  if (it == state.sectors.end()) return std::nullopt;
  return it->second;
}

std::optional<SectorLocation> MockChain::state_sector_partition(Address miner, SectorNumber sector, const TipSetToken& token) {
  check(ApiCall::StateSectorPartition);
  const MinerState& state = miner_at(miner, token);
  auto it = state.locations.find(sector);
  if (it == state.locations.end()) return std::nullopt;
  return it->second;
}

std::vector<Partition> MockChain::state_miner_partitions(Address miner, std::uint64_t deadline, const TipSetToken& token) {
  check(ApiCall::StateMinerPartitions);
  const MinerState& state = miner_at(miner, token);
  if (deadline >= state.deadlines.size()) {
    throw ChainError(ChainErrorKind::InvalidArgument, "deadline " + std::to_string(deadline) + " out of range");
  }
  return state.deadlines[deadline].partitions;
}

DeadlineInfo MockChain::state_miner_proving_deadline(Address miner, const TipSetToken& token) {
  check(ApiCall::StateMinerProvingDeadline);
  const ChainNode& node = resolve(token);
  return deadline_info_at(config_, miner_at(miner, token).proving_period_offset, node.tipset.height);
}

TokenAmount MockChain::state_miner_precommit_deposit_for_power(Address miner, const SectorPreCommitInfo& info, const TipSetToken& token) {
  check(ApiCall::StateMinerPreCommitDepositForPower);
  miner_at(miner, token);
  return precommit_deposit_for(config_, info.seal_proof);
}

TokenAmount MockChain::state_miner_initial_pledge_collateral(Address miner, const SectorPreCommitInfo& info, const TipSetToken& token) {
  check(ApiCall::StateMinerInitialPledgeCollateral);
  miner_at(miner, token);
  return initial_pledge_for(config_, info.seal_proof);
}

TokenAmount MockChain::state_miner_available_balance(Address miner, const TipSetToken& token) {
  miner_at(miner, token);
  return miner::available_balance(state_at(token), miner.id);
}

Node32 MockChain::state_compute_data_commitment(RegisteredSealProof proof, const std::vector<DealId>& deals, const TipSetToken& token) {
  check(ApiCall::StateComputeDataCommitment);
  Node32 commitment{};
  ActorResult result = market::compute_data_commitment(state_at(token), proof, deals, commitment);
  if (!result.ok()) throw ChainError(ChainErrorKind::NotFound, result.error);
  return commitment;
}

MarketDeal MockChain::state_market_storage_deal(DealId deal, const TipSetToken& token) {
  check(ApiCall::StateMarketStorageDeal);
  const MarketState& market = state_at(token).market;
  auto it = market.deals.find(deal);
  if (it == market.deals.end()) throw ChainError(ChainErrorKind::NotFound, "deal " + std::to_string(deal) + " not found");
  return it->second;
}

DealProposal MockChain::state_market_storage_deal_proposal(DealId deal, const TipSetToken& token) {
  return state_market_storage_deal(deal, token).proposal;
}

EscrowEntry MockChain::state_market_balance(Address party, const TipSetToken& token) {
  const MarketState& market = state_at(token).market;
  auto it = market.balances.find(party.id);
  return it == market.balances.end() ? EscrowEntry{} : it->second;
}

DealCollateralBounds MockChain::state_deal_provider_collateral_bounds(PaddedPieceSize piece, bool /*verified*/,
                                                                     const TipSetToken& token) {
  resolve(token);  // an unknown token is an error, as for every state call
  return deal_provider_collateral_bounds_for(config_, piece);
}

TokenAmount MockChain::wallet_balance(Address address, const TipSetToken& token) {
  const ActorEntry* actor = state_at(token).find_actor(address.id);
  if (actor == nullptr) throw ChainError(ChainErrorKind::NotFound, "actor " + address.to_string() + " not found");
  return actor->balance;
}

std::uint64_t MockChain::chain_at(ChainEpoch height, ChainEpoch confidence, HeightApplyFn apply, HeightRevertFn revert) {
  check(ApiCall::ChainAt);
  return events_.chain_at(store_, height, confidence, std::move(apply), std::move(revert));
}

// ---------------------------------------------------------------------------------------------
// Inspection.

const MessageRecord* MockChain::message(const MessageCid& cid) const {
  auto it = records_.find(cid);
  return it == records_.end() ? nullptr : &it->second;
}

std::vector<MessageRecord> MockChain::messages() const {
  std::vector<MessageRecord> out;
  for (const MessageCid& cid : push_order_) out.push_back(records_.at(cid));
  return out;
}

Json MockChain::messages_json() const {
  Json out = Json::array();
  for (const MessageCid& cid : push_order_) {
    const MessageRecord& r = records_.at(cid);
    Json j;
    j["cid"] = hex32(cid);
    j["status"] = message_status_name(r.status);
    j["pushed_epoch"] = r.pushed_epoch;
    j["included_height"] = r.included_height ? Json(*r.included_height) : Json(nullptr);
    j["replaced_by"] = r.replaced_by ? Json(hex32(*r.replaced_by)) : Json(nullptr);
    j["reason"] = r.reason;
    j["message"] = message_json(r.message);
    out.push_back(std::move(j));
  }
  return out;
}

Json MockChain::snapshot_json() const {
  Json j;
  j["seed"] = seed_;
  j["epoch"] = clock_.epoch();
  j["timestamp"] = clock_.now();
  j["head"] = tipset_json(store_.head().tipset);
  j["state"] = state_tree_json(head_state());
  j["messages"] = messages_json();
  return j;
}

}  // namespace sealsim::chain
