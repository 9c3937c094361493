// provider_deals.cpp: the deal engine: queues, one event per step, entry functions, persistence,
// findings (see provider_deals.hpp for the semantics).
#include "sealing/market/provider_deals.hpp"

#include <stdexcept>

#include "sealing/market/provider_entry_functions.hpp"
#include "sealing/market/provider_machine.hpp"

namespace sealsim::market {

namespace {

// What a restart in `status` repeats or skips (market-fsm §2.1, §9.3, §9.4); nullopt when the
// re-run is harmless (re-subscriptions, waits, a repeated CommP).
std::optional<MarketFinding> restart_note(DealStatus before, DealStatus after) {
  const std::string where = "restart in " + std::string(deal_status_name(before));
  if (after == DealStatus::Error) {
    return MarketFinding{MarketFindingKind::SkippedCleanup, {},
                         where + " goes to StorageDealError without FailDeal: the client peer stays "
                                 "tagged and the staging store is not removed",
                         {}};
  }
  switch (before) {
    case DealStatus::ReserveProviderFunds:
      return MarketFinding{MarketFindingKind::RepeatedSideEffect, {},
                           where + " reserves the provider collateral again; FundsReserved "
                                   "accumulates",
                           {}};
    case DealStatus::Publish:
      return MarketFinding{MarketFindingKind::RepeatedSideEffect, {},
                           where + " publishes the deal again (a second PublishStorageDeals "
                                   "submission)",
                           {}};
    case DealStatus::Staged:
      return MarketFinding{MarketFindingKind::RepeatedSideEffect, {},
                           where + " hands the deal off again (AddPiece again; after a process "
                                   "restart the piece is accepted a second time)",
                           {}};
    default:
      return std::nullopt;
  }
}

}  // namespace

class ProviderDealsCore : public std::enable_shared_from_this<ProviderDealsCore> {
 public:
  ProviderDealsCore(ProviderEnvironment env, DealStore& store, sealing::Clock& clock)
      : env_(std::move(env)), store_(store), clock_(clock) {
    for (const auto& cid : store_.list()) {
      if (auto deal = store_.load(cid)) {
        Tracked t;
        t.deal = std::move(*deal);
        t.terminated = is_final(t.deal.state);
        deals_.emplace(cid, std::move(t));
      }
    }
  }

  struct Tracked {
    MinerDeal deal;
    std::deque<ProviderEvent> queue;
    bool busy = false;        // an entry function is blocked
    bool processing = false;  // the queue loop is running (re-entrant sends only enqueue)
    bool terminated = false;  // in a finality status
    std::uint64_t generation = 0;
    std::vector<DealTransition> history;
  };

  Tracked& tracked(const std::string& cid) {
    const auto it = deals_.find(cid);
    if (it == deals_.end()) {
      throw std::logic_error("provider deals: no deal " + cid);
    }
    return it->second;
  }
  const Tracked* find(const std::string& cid) const {
    const auto it = deals_.find(cid);
    return it == deals_.end() ? nullptr : &it->second;
  }

  void begin_tracking(MinerDeal deal) {
    const std::string cid = deal.proposal_cid;
    store_.save(deal);
    Tracked t;
    t.deal = std::move(deal);
    t.terminated = is_final(t.deal.state);
    deals_.insert_or_assign(cid, std::move(t));
  }

  // Trigger: unregistered events fail here and never reach the queue.
  void enqueue(const std::string& cid, ProviderEvent event) {
    const ProviderEventType type = event_type(event);
    if (provider_event_info(type).registration == Registration::Unregistered) {
      findings_.push_back({MarketFindingKind::UnregisteredEvent, cid,
                           "trigger failed: unknown event " + std::string(provider_event_name(type)),
                           std::string(provider_event_name(type))});
      return;
    }
    tracked(cid).queue.push_back(std::move(event));
  }

  void send(const std::string& cid, ProviderEvent event) {
    enqueue(cid, std::move(event));
    process(cid);
  }

  void process(const std::string& cid) {
    Tracked& t = tracked(cid);
    if (t.processing) {
      return;
    }
    t.processing = true;
    while (!t.busy && !t.queue.empty()) {
      ProviderEvent event = std::move(t.queue.front());
      t.queue.pop_front();
      apply_one(cid, t, event);
    }
    t.processing = false;
  }

  void apply_one(const std::string& cid, Tracked& t, const ProviderEvent& event) {
    const ProviderEventType type = event_type(event);
    const std::string name(provider_event_name(type));
    if (t.terminated) {
      findings_.push_back({MarketFindingKind::EventAfterFinality, cid,
                           "event for a deal in finality status " +
                               std::string(deal_status_name(t.deal.state)) + ": terminated",
                           name});
      return;
    }
    const DealStatus before = t.deal.state;
    MinerDeal next = t.deal;
    const TransitionResult result = evaluate_transition(before, event, next);
    if (result.kind == TransitionKind::Invalid) {
      findings_.push_back({MarketFindingKind::InvalidTransition, cid,
                           "Executing event planner failed: Invalid transition in queue, state `" +
                               std::string(deal_status_name(before)) + "`, event `" + name + "`",
                           name});
      return;
    }
    if (type == ProviderEventType::Restart) {
      if (auto note = restart_note(before, result.status)) {
        note->proposal_cid = cid;
        note->event = name;
        findings_.push_back(std::move(*note));
      }
    }
    next.state = result.status;
    store_.save(next);
    t.deal = std::move(next);
    t.history.push_back({name, t.deal.state});
    if (is_final(t.deal.state)) {
      t.terminated = true;
      t.queue.clear();  // each dropped event completes with ErrTerminated
      return;
    }
    if (entries_enabled_ &&
        (result.kind == TransitionKind::Enter || result.kind == TransitionKind::ReEnter)) {
      run_entry(t);
    }
  }

  void run_entry(Tracked& t) {
    ++t.generation;
    EntryContext ctx(shared_from_this(), t.deal, env_, clock_, t.generation);
    run_provider_entry_function(t.deal.state, ctx);
  }

  void block(const std::string& cid, std::uint64_t generation) {
    Tracked& t = tracked(cid);
    if (t.generation == generation) {
      t.busy = true;
    }
  }

  void finish(const std::string& cid, std::uint64_t generation) {
    Tracked& t = tracked(cid);
    if (t.generation != generation || !t.busy) {
      return;
    }
    t.busy = false;
    process(cid);
  }

  ProviderEnvironment env_;
  DealStore& store_;
  sealing::Clock& clock_;
  std::map<std::string, Tracked> deals_;
  std::vector<MarketFinding> findings_;
  bool entries_enabled_ = true;
};

// ---- handles ---------------------------------------------------------------------------------

void DealEventSender::send(ProviderEvent event) const {
  if (const auto core = core_.lock()) {
    core->send(proposal_cid_, std::move(event));
  }
}

void EntryCompletion::trigger(ProviderEvent event) const {
  if (const auto core = core_.lock()) {
    core->enqueue(proposal_cid_, std::move(event));
  }
}

void EntryCompletion::finish() const {
  if (const auto core = core_.lock()) {
    core->finish(proposal_cid_, generation_);
  }
}

void EntryContext::trigger(ProviderEvent event) { core_->enqueue(deal_.proposal_cid, std::move(event)); }

EntryCompletion EntryContext::block() {
  core_->block(deal_.proposal_cid, generation_);
  return EntryCompletion(core_, deal_.proposal_cid, generation_);
}

DealEventSender EntryContext::sender() const { return DealEventSender(core_, deal_.proposal_cid); }

void EntryContext::finding(MarketFindingKind kind, std::string message) {
  core_->findings_.push_back({kind, deal_.proposal_cid, std::move(message), {}});
}

// ---- ProviderDeals ---------------------------------------------------------------------------

ProviderDeals::ProviderDeals(ProviderEnvironment env, DealStore& store, sealing::Clock& clock)
    : core_(std::make_shared<ProviderDealsCore>(std::move(env), store, clock)) {}

ProviderDeals::~ProviderDeals() = default;

ReceivedDeal ProviderDeals::receive_deal(const ClientDealProposal& proposal, const DataRef& ref,
                                         bool fast_retrieval, const std::string& client_peer) {
  const std::string cid = proposal_cid(proposal);
  if (const auto* existing = core_->find(cid)) {
    ProviderEnvironment& env = core_->env_;
    (void)env.connections->send_signed_response(
        cid, SignedResponse{existing->deal.state, existing->deal.message, cid});
    (void)env.connections->disconnect(cid);
    return ReceivedDeal{cid, true};
  }
  MinerDeal deal;
  deal.client_deal_proposal = proposal;
  deal.proposal_cid = cid;
  deal.miner_peer = core_->env_.miner_peer;
  deal.client_peer = client_peer;
  deal.state = DealStatus::Unknown;
  deal.ref = ref;
  deal.fast_retrieval = fast_retrieval;
  if (!ref.is_manual()) {
    deal.store_id = core_->env_.staging->create();
  }
  deal.creation_time = core_->clock_.now();
  core_->begin_tracking(std::move(deal));
  core_->send(cid, ev::Open{});
  return ReceivedDeal{cid, false};
}

void ProviderDeals::begin_tracking(MinerDeal deal) { core_->begin_tracking(std::move(deal)); }

void ProviderDeals::send(const std::string& proposal_cid, ProviderEvent event) {
  core_->send(proposal_cid, std::move(event));
}

void ProviderDeals::run_entry_function(const std::string& proposal_cid) {
  auto& t = core_->tracked(proposal_cid);
  t.processing = true;
  core_->run_entry(t);
  t.processing = false;
  core_->process(proposal_cid);
}

void ProviderDeals::set_entry_functions_enabled(bool enabled) { core_->entries_enabled_ = enabled; }

void ProviderDeals::restart_deals() {
  std::vector<std::string> cids;
  for (const auto& [cid, t] : core_->deals_) {
    if (!t.terminated) {
      cids.push_back(cid);
    }
  }
  for (const auto& cid : cids) {
    core_->send(cid, ev::Restart{});
  }
}

Result<Unit> ProviderDeals::import_data_for_deal(const std::string& proposal_cid, Bytes payload) {
  const auto* t = core_->find(proposal_cid);
  if (t == nullptr) {
    return Result<Unit>::fail("failed getting deal " + proposal_cid + ": not found");
  }
  const DealProposal proposal = t->deal.proposal();
  ProviderEnvironment& env = core_->env_;
  const std::string temp_path = env.files->create_temp(payload);
  const auto generated = env.committer->generate(payload);
  if (!generated) {
    return Result<Unit>::fail("failed to generate commP: " + generated.error());
  }
  if (generated->piece_size > proposal.piece_size) {
    return Result<Unit>::fail("failed to pad commp: piece size " +
                              std::to_string(generated->piece_size.bytes()) +
                              " larger than the proposal's " +
                              std::to_string(proposal.piece_size.bytes()));
  }
  const std::string got =
      padded_piece_cid(generated->commitment, generated->piece_size, proposal.piece_size);
  if (got != proposal.piece_cid) {
    return Result<Unit>::fail("given data does not match expected commP (got: " + got +
                              ", expected " + proposal.piece_cid + ")");
  }
  core_->send(proposal_cid, ev::VerifiedData{{temp_path, ""}});
  return Result<Unit>::ok({});
}

Result<Unit> ProviderDeals::import_file_for_deal(const std::string& proposal_cid,
                                                const std::string& path) {
  auto contents = core_->env_.files->open(path);
  if (!contents) {
    return Result<Unit>::fail("failed to open file " + path + ": " + contents.error());
  }
  return import_data_for_deal(proposal_cid, std::move(*contents));
}

std::optional<MinerDeal> ProviderDeals::deal(const std::string& proposal_cid) const {
  const auto* t = core_->find(proposal_cid);
  if (t == nullptr) {
    return std::nullopt;
  }
  return t->deal;
}

std::vector<MinerDeal> ProviderDeals::deals() const {
  std::vector<MinerDeal> out;
  for (const auto& [cid, t] : core_->deals_) {
    out.push_back(t.deal);
  }
  return out;
}

const std::vector<DealTransition>& ProviderDeals::history(const std::string& proposal_cid) const {
  static const std::vector<DealTransition> kEmpty;
  const auto* t = core_->find(proposal_cid);
  return t == nullptr ? kEmpty : t->history;
}

const std::vector<MarketFinding>& ProviderDeals::findings() const { return core_->findings_; }

bool ProviderDeals::blocked(const std::string& proposal_cid) const {
  const auto* t = core_->find(proposal_cid);
  return t != nullptr && t->busy;
}

}  // namespace sealsim::market
