// provider_machine.hpp: the provider deal transition table (market-fsm §2) as Boost.MSM machines,
// seen through an MSM-free interface: given the status a deal is in and one event, find the rule,
// run the event's action on the record and say what the engine does next. MSM lives in the
// provider_table_*.cpp translation units only.
//
// Lookup order is go-statemachine's (§0.2): the exact (event, status) row of the table first;
// without one, the event's FromAny rule from the event list (NodeErrored → Failing, Restart → no
// change); without that, the event is invalid: no action, status unchanged.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sealing/market/deal_status_list.hpp"
#include "sealing/market/miner_deal.hpp"
#include "sealing/market/provider_event_list.hpp"

namespace sealsim::market {

enum class TransitionKind {
  Enter,       // To(s): status set, s's entry function runs
  ReEnter,     // ToNoChange(): status kept, its entry function runs again
  JustRecord,  // ToJustRecord(): action applied, status kept, no entry function
  Invalid,     // no rule: "Invalid transition in queue" (nothing applied)
};

struct TransitionResult {
  TransitionKind kind = TransitionKind::Invalid;
  DealStatus status = DealStatus::Unknown;  // the status after the event
};

// Evaluates `event` in status `from`, applying its action to `deal` when a rule matches. Does
// not write deal.state (the engine does, after persisting nothing on Invalid).
TransitionResult evaluate_transition(DealStatus from, const ProviderEvent& event, MinerDeal& deal);

// One exact row of the MSM tables (FromAny rules are in the event list), for list-derived tests.
struct ProviderTableRow {
  DealStatus from;
  ProviderEventType event;
  std::optional<DealStatus> to;  // nullopt: ToJustRecord (internal row)
};
const std::vector<ProviderTableRow>& provider_table_rows();

}  // namespace sealsim::market
