// provider_machine.cpp: routes an event to the machine holding the rows of the deal's status.
//
// The table of market-fsm §2 (58 exact rows) is split by the deal's phase into four Boost.MSM
// machines (classic back end), one per translation unit, each under 20 rows plus restore rows for
// its statuses: MSM's compile memory grows steeply with table size. A row's target in another
// group is simply entered and reported; the next event restores the record's status into the
// machine owning its rows.
#include "sealing/market/provider_machine.hpp"

#include "sealing/market/provider_table_groups.hpp"

namespace sealsim::market {

TransitionResult evaluate_transition(DealStatus from, const ProviderEvent& event, MinerDeal& deal) {
  switch (deal_status_info(from).group) {
    case ProviderTableGroup::Negotiation:
      return table::evaluate_negotiation(from, event, deal);
    case ProviderTableGroup::Transfer:
      return table::evaluate_transfer(from, event, deal);
    case ProviderTableGroup::FundingPublish:
      return table::evaluate_funding_publish(from, event, deal);
    case ProviderTableGroup::Completion:
      return table::evaluate_completion(from, event, deal);
  }
  return TransitionResult{TransitionKind::Invalid, from};
}

const std::vector<ProviderTableRow>& provider_table_rows() {
  static const std::vector<ProviderTableRow> rows = [] {
    std::vector<ProviderTableRow> out;
    table::collect_negotiation_rows(out);
    table::collect_transfer_rows(out);
    table::collect_funding_publish_rows(out);
    table::collect_completion_rows(out);
    return out;
  }();
  return rows;
}

}  // namespace sealsim::market
