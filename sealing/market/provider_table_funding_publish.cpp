// provider_table_funding_publish.cpp: the rows leaving ReserveProviderFunds, ProviderFunding,
// Publish and Publishing (market-fsm §2) as one Boost.MSM machine.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/market/provider_machine_msm.hpp"

namespace sealsim::market::table {

using FundingPublishRows = mpl::vector<
    JustRecord<st::ReserveProviderFunds, ev::FundsReserved>,
    JustRecord<st::Publishing, ev::FundsReleased>,
    To<st::ReserveProviderFunds, ev::FundingInitiated, st::ProviderFunding>,
    To<st::ProviderFunding, ev::Funded, st::Publish>,
    To<st::ReserveProviderFunds, ev::Funded, st::Publish>,
    To<st::Publish, ev::DealPublishInitiated, st::Publishing>,
    To<st::Publishing, ev::DealPublished, st::Staged>,
    To<st::Publishing, ev::DealPublishError, st::Failing>,
    // Registered but never fired in v1.6.2 (market-fsm §9.2).
    To<st::ReserveProviderFunds, ev::TrackFundsFailed, st::Failing>>;

TransitionResult evaluate_funding_publish(DealStatus from, const ProviderEvent& event, MinerDeal& deal) {
  return evaluate_in_group<FundingPublishRows, ProviderTableGroup::FundingPublish>(from, event, deal);
}

void collect_funding_publish_rows(std::vector<ProviderTableRow>& out) {
  collect_rows<FundingPublishRows>(out);
}

}  // namespace sealsim::market::table
