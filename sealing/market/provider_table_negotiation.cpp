// provider_table_negotiation.cpp: the rows leaving Unknown, Validating, AcceptWait, Rejecting and
// VerifyData (market-fsm §2) as one Boost.MSM machine; one group per translation unit keeps each
// compile small.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/market/provider_machine_msm.hpp"

namespace sealsim::market::table {

using NegotiationRows = mpl::vector<
    To<st::Unknown, ev::Open, st::Validating>,
    To<st::Validating, ev::DealDeciding, st::AcceptWait>,
    To<st::Validating, ev::DealRejected, st::Rejecting>,
    To<st::VerifyData, ev::DealRejected, st::Rejecting>,
    To<st::AcceptWait, ev::DealRejected, st::Rejecting>,
    To<st::Rejecting, ev::RejectionSent, st::Failing>,
    To<st::AcceptWait, ev::DataRequested, st::WaitingForData>,
    To<st::VerifyData, ev::DataVerificationFailed, st::Failing>,
    To<st::VerifyData, ev::VerifiedData, st::ReserveProviderFunds>,
    To<st::AcceptWait, ev::SendResponseFailed, st::Failing>,
    To<st::Rejecting, ev::SendResponseFailed, st::Failing>,
    // Restart: the client's stream is gone, straight to Error (no FailDeal; market-fsm §2.1).
    To<st::Validating, ev::Restart, st::Error>,
    To<st::AcceptWait, ev::Restart, st::Error>,
    To<st::Rejecting, ev::Restart, st::Error>>;

TransitionResult evaluate_negotiation(DealStatus from, const ProviderEvent& event, MinerDeal& deal) {
  return evaluate_in_group<NegotiationRows, ProviderTableGroup::Negotiation>(from, event, deal);
}

void collect_negotiation_rows(std::vector<ProviderTableRow>& out) { collect_rows<NegotiationRows>(out); }

}  // namespace sealsim::market::table
