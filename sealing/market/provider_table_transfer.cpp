// provider_table_transfer.cpp: the rows leaving WaitingForData, Transferring and
// ProviderTransferAwaitRestart (market-fsm §2) as one Boost.MSM machine.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/market/provider_machine_msm.hpp"

namespace sealsim::market::table {

using TransferRows = mpl::vector<
    To<st::Transferring, ev::DataTransferFailed, st::Failing>,
    To<st::ProviderTransferAwaitRestart, ev::DataTransferFailed, st::Failing>,
    To<st::WaitingForData, ev::DataTransferInitiated, st::Transferring>,
    To<st::ProviderTransferAwaitRestart, ev::DataTransferInitiated, st::Transferring>,
    To<st::WaitingForData, ev::DataTransferRestarted, st::Transferring>,
    To<st::ProviderTransferAwaitRestart, ev::DataTransferRestarted, st::Transferring>,
    JustRecord<st::Transferring, ev::DataTransferRestarted>,
    To<st::Transferring, ev::DataTransferCompleted, st::VerifyData>,
    To<st::ProviderTransferAwaitRestart, ev::DataTransferCompleted, st::VerifyData>,
    // Offline deals: ImportDataForDeal verifies the data itself and skips VerifyData.
    To<st::WaitingForData, ev::VerifiedData, st::ReserveProviderFunds>,
    To<st::Transferring, ev::Restart, st::ProviderTransferAwaitRestart>,
    JustRecord<st::Transferring, ev::DataTransferStalled>,
    JustRecord<st::ProviderTransferAwaitRestart, ev::DataTransferStalled>,
    To<st::WaitingForData, ev::DataTransferCancelled, st::Failing>,
    To<st::Transferring, ev::DataTransferCancelled, st::Failing>,
    To<st::ProviderTransferAwaitRestart, ev::DataTransferCancelled, st::Failing>>;

TransitionResult evaluate_transfer(DealStatus from, const ProviderEvent& event, MinerDeal& deal) {
  return evaluate_in_group<TransferRows, ProviderTableGroup::Transfer>(from, event, deal);
}

void collect_transfer_rows(std::vector<ProviderTableRow>& out) { collect_rows<TransferRows>(out); }

}  // namespace sealsim::market::table
