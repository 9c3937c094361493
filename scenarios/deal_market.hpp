// deal_market.hpp: the deals side of a scenario run: the storage provider of go-fil-markets v1.6.2
// (sealing/market's deal FSM, Lotus's DealPublisher and OnDealComplete) over chain-mock
// (market_chain_adapter.hpp), handing its deals to the sealing node's input through
// sealing/deal_input (MarketInputAdapter, DealPayloads), and a compact client that funds its
// escrow on chain (AddBalance, waited for), proposes and pushes the payload online or imports it
// offline. pipeline_wiring.cpp builds it and connects it; the engine sees it only through the
// pipeline's hooks.
//
// Deals are numbered by the scenario, 1, 2, ... in the order their `deal` events run; the number
// is the trace's `deal` field and what `expect.deals` names (a chain deal id exists only once a
// deal is published). The payload is the file's bytes, or `size` bytes drawn from the run's seed.
//
// Process restarts: the deal store, the staging and file stores and the client survive; the
// provider, its publisher queue, its chain watches, the data transfers and the hand-off are
// rebuilt over the new sealing node and every non-final deal gets Restart (Provider.start,
// market-fsm §2.1). A transfer in flight is not resumed by the client (its deal waits in
// ProviderTransferAwaitRestart).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/chain_adapter.hpp"
#include "scenarios/scenario.hpp"
#include "sealing/clock.hpp"
#include "sealing/deal_input/deal_payloads.hpp"
#include "sealing/sealing_node.hpp"

namespace sealsim::scenarios {

// One change of a deal, for the trace (component "market") and the run's deal histories.
struct DealChange {
  std::uint64_t deal = 0;  // the scenario's deal number
  std::string event;       // the provider event ("ProviderEventOpen"), or the client's step
  std::string from;        // status names (StorageDealValidating ...); empty before the first
  std::string to;
  std::string details;
  std::optional<DealId> deal_id;  // once published
  std::optional<SectorNumber> sector;
  bool failed = false;  // entered Rejecting, Failing or Error; details hold the deal's message
};

struct MarketUpdate {
  std::vector<DealChange> changes;
  std::vector<std::string> findings;  // "market <kind>: <message>"
};

class DealMarket {
 public:
  // Creates the client's account on the chain (with the scenario's client balance).
  DealMarket(const Scenario& scenario, std::uint64_t seed, sealing::Clock& clock, ChainAdapter& chain,
             sealing::DealPayloads& payloads);
  ~DealMarket();
  DealMarket(const DealMarket&) = delete;
  DealMarket& operator=(const DealMarket&) = delete;

  // A (re)started miner process: the provider side is built over `node` (which has run()); after
  // the first start, every stored non-final deal is restarted.
  void attach(sealing::SealingNode& node);
  // The process stops: its provider side goes (pending callbacks are dropped with it).
  void detach();
  // A `deal` timeline event: the client funds its escrow and proposes. "" or the reason the event
  // cannot run (unreadable payload file).
  std::string propose(const DealEvent& event);
  // What changed since the last call, in a deterministic order.
  MarketUpdate take_update();

 private:
  struct World;
  struct Process;
  void start_proposal(std::uint64_t number);
  void client_failed(std::uint64_t number, const std::string& why);

  std::unique_ptr<World> world_;
  std::unique_ptr<Process> process_;
};

}  // namespace sealsim::scenarios
