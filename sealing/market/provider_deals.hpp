// provider_deals.hpp: the provider's deal state machines (go-statemachine fsm.Group over
// MinerDeal records, driven as go-fil-markets' Provider drives it): one machine per proposal CID,
// one event per step, entry functions after each transition, persistence after every applied
// event, restart of every non-final deal on start-up.
//
// Engine semantics (market-fsm §0.2): an event is looked up in the transition table
// (provider_machine.hpp); an invalid one is dropped with a finding; a finality status ends the
// machine and drops its queue. Events an entry function triggers are queued and applied after it
// returns. An entry function that blocks in Go (WaitForFunding, PublishDeal, WaitForPublish,
// HandoffDeal) calls EntryContext::block(): the deal's queue waits until the returned completion
// finishes, as the Go machine's goroutine does.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sealing/clock.hpp"
#include "sealing/market/deal_store.hpp"
#include "sealing/market/market_finding.hpp"
#include "sealing/market/provider_environment.hpp"
#include "sealing/market/provider_event_list.hpp"

namespace sealsim::market {

// One published notification: the event applied and the status after it.
struct DealTransition {
  std::string event;
  DealStatus status = DealStatus::Unknown;
  friend bool operator==(const DealTransition&, const DealTransition&) = default;
};

class ProviderDealsCore;

// Delivers events to one deal later (callbacks of chain subscriptions). Dropped when the provider
// that created it is gone (a stopped process).
class DealEventSender {
 public:
  DealEventSender(std::weak_ptr<ProviderDealsCore> core, std::string proposal_cid)
      : core_(std::move(core)), proposal_cid_(std::move(proposal_cid)) {}
  void send(ProviderEvent event) const;

 private:
  std::weak_ptr<ProviderDealsCore> core_;
  std::string proposal_cid_;
};

// The rest of a blocked entry function: trigger its events, then finish() to let the deal's queue
// go on. Copyable; only the first finish() counts.
class EntryCompletion {
 public:
  EntryCompletion(std::weak_ptr<ProviderDealsCore> core, std::string proposal_cid,
                  std::uint64_t generation)
      : core_(std::move(core)), proposal_cid_(std::move(proposal_cid)), generation_(generation) {}
  void trigger(ProviderEvent event) const;
  void finish() const;
  // False once the provider that started the entry function is gone (a stopped process): the
  // rest of the function must not act any more.
  bool alive() const { return !core_.expired(); }

 private:
  std::weak_ptr<ProviderDealsCore> core_;
  std::string proposal_cid_;
  std::uint64_t generation_;
};

class EntryContext {
 public:
  EntryContext(std::shared_ptr<ProviderDealsCore> core, const MinerDeal& deal,
               ProviderEnvironment& env, sealing::Clock& clock, std::uint64_t generation)
      : core_(std::move(core)), deal_(deal), env_(env), clock_(clock), generation_(generation) {}

  const MinerDeal& deal() const { return deal_; }
  ProviderEnvironment& env() { return env_; }
  sealing::Clock& clock() { return clock_; }
  // ctx.Trigger: queued, applied after the entry function returns.
  void trigger(ProviderEvent event);
  // The entry function blocks until the completion finishes.
  EntryCompletion block();
  DealEventSender sender() const;
  void finding(MarketFindingKind kind, std::string message);

 private:
  std::shared_ptr<ProviderDealsCore> core_;
  MinerDeal deal_;  // the record as the entry function was started with
  ProviderEnvironment& env_;
  sealing::Clock& clock_;
  std::uint64_t generation_;
};

struct ReceivedDeal {
  std::string proposal_cid;
  bool already_tracked = false;  // a re-proposal: the stored state was re-sent (market-fsm §9.7)
};

class ProviderDeals {
 public:
  // Loads every stored record (a restarted process); call restart_deals() to resume them.
  ProviderDeals(ProviderEnvironment env, DealStore& store, sealing::Clock& clock);
  ~ProviderDeals();
  ProviderDeals(const ProviderDeals&) = delete;
  ProviderDeals& operator=(const ProviderDeals&) = delete;

  // receiveDeal: a new MinerDeal in Unknown, then Open. A proposal CID already tracked gets its
  // current state re-sent and no second machine.
  ReceivedDeal receive_deal(const ClientDealProposal& proposal, const DataRef& ref,
                            bool fast_retrieval, const std::string& client_peer);
  // Tracks a record as given, running nothing (the provider_states tests start deals in a status).
  void begin_tracking(MinerDeal deal);
  // Sends an event to a deal (data-transfer subscriber, chain callbacks, tests).
  void send(const std::string& proposal_cid, ProviderEvent event);
  // Runs the entry function of the deal's current status once, as provider_states_test does.
  void run_entry_function(const std::string& proposal_cid);
  // go-fil-markets' fsmtest mode: transitions apply, but no entry function runs except through
  // run_entry_function (its events are replayed through the table and stop there).
  void set_entry_functions_enabled(bool enabled);
  // Provider.start → restartDeals: Restart to every deal not in a finality status, CID order.
  void restart_deals();
  // ImportDataForDeal (offline deals): CommP of `payload`, padded to the proposal's piece size,
  // must match; then VerifiedData(temp path, ""). Does not check the deal's status (§3.15).
  Result<Unit> import_data_for_deal(const std::string& proposal_cid, Bytes payload);
  // The offline path as lotus-miner storage-deals import-data runs it: the file at `path` in the
  // provider's file store is read and imported.
  Result<Unit> import_file_for_deal(const std::string& proposal_cid, const std::string& path);

  std::optional<MinerDeal> deal(const std::string& proposal_cid) const;
  std::vector<MinerDeal> deals() const;
  const std::vector<DealTransition>& history(const std::string& proposal_cid) const;
  const std::vector<MarketFinding>& findings() const;
  // True while the deal's entry function is blocked.
  bool blocked(const std::string& proposal_cid) const;

 private:
  std::shared_ptr<ProviderDealsCore> core_;
};

}  // namespace sealsim::market
