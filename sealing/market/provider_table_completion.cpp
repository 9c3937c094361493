// provider_table_completion.cpp: the rows leaving Staged, AwaitingPreCommit, Sealing, Finalizing,
// Active and Failing (market-fsm §2) as one Boost.MSM machine.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/market/provider_machine_msm.hpp"

namespace sealsim::market::table {

using CompletionRows = mpl::vector<
    JustRecord<st::Failing, ev::FundsReleased>,
    To<st::Staged, ev::FileStoreErrored, st::Failing>,
    To<st::AwaitingPreCommit, ev::FileStoreErrored, st::Failing>,
    To<st::Sealing, ev::FileStoreErrored, st::Failing>,
    To<st::Active, ev::FileStoreErrored, st::Failing>,
    To<st::Staged, ev::DealHandoffFailed, st::Failing>,
    To<st::Staged, ev::DealHandedOff, st::AwaitingPreCommit>,
    To<st::AwaitingPreCommit, ev::DealPrecommitFailed, st::Failing>,
    To<st::AwaitingPreCommit, ev::DealPrecommitted, st::Sealing>,
    To<st::Sealing, ev::DealActivationFailed, st::Failing>,
    To<st::AwaitingPreCommit, ev::DealActivated, st::Finalizing>,
    To<st::Sealing, ev::DealActivated, st::Finalizing>,
    JustRecord<st::Staged, ev::PieceStoreErrored>,
    To<st::Finalizing, ev::Finalized, st::Active>,
    // Active → Error directly, without FailDeal (market-fsm §9.5).
    To<st::Active, ev::DealCompletionFailed, st::Error>,
    // Registered but never fired in v1.6.2.
    To<st::Staged, ev::MultistoreErrored, st::Failing>,
    To<st::Active, ev::DealExpired, st::Expired>,
    To<st::Active, ev::DealSlashed, st::Slashed>,
    To<st::Failing, ev::Failed, st::Error>>;

TransitionResult evaluate_completion(DealStatus from, const ProviderEvent& event, MinerDeal& deal) {
  return evaluate_in_group<CompletionRows, ProviderTableGroup::Completion>(from, event, deal);
}

void collect_completion_rows(std::vector<ProviderTableRow>& out) { collect_rows<CompletionRows>(out); }

}  // namespace sealsim::market::table
