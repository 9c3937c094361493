// sector_table_errors.cpp: the sealing-error rows of the planner table (spec §6) as one Boost.MSM machine.
// One group per translation unit keeps each compile within the CI box's memory budget.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/sector_machine_msm.hpp"

namespace sealsim::sealing::table {

// Sealing errors. AddPieceFailed, PackingFailed and DealsExpired have no rows (globals only).
using SealingErrorRows = mpl::vector<
    On<st::SealPreCommit1Failed, SectorRetrySealPreCommit1, st::PreCommit1>,
    On<st::SealPreCommit2Failed, SectorRetrySealPreCommit1, st::PreCommit1>,
    On<st::SealPreCommit2Failed, SectorRetrySealPreCommit2, st::PreCommit2>,
    On<st::PreCommitFailed, SectorRetryPreCommit, st::PreCommitting>,
    On<st::PreCommitFailed, SectorRetryPreCommitWait, st::PreCommitWait>,
    On<st::PreCommitFailed, SectorRetryWaitSeed, st::WaitSeed>,
    On<st::PreCommitFailed, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::PreCommitFailed, SectorPreCommitLanded, st::WaitSeed>,
    On<st::PreCommitFailed, SectorDealsExpired, st::DealsExpired>,
    On<st::PreCommitFailed, SectorInvalidDealIDs, st::RecoverDealIDs>,
    On<st::ComputeProofFailed, SectorRetryComputeProof, st::Committing>,
    On<st::ComputeProofFailed, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::CommitFinalizeFailed, SectorRetryFinalize, st::CommitFinalize>,
    On<st::CommitFailed, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::CommitFailed, SectorRetryWaitSeed, st::WaitSeed>,
    On<st::CommitFailed, SectorRetryComputeProof, st::Committing>,
    On<st::CommitFailed, SectorRetryInvalidProof, st::Committing>,
    On<st::CommitFailed, SectorRetryPreCommitWait, st::PreCommitWait>,
    On<st::CommitFailed, SectorChainPreCommitFailed, st::PreCommitFailed>,
    On<st::CommitFailed, SectorRetryPreCommit, st::PreCommitting>,
    On<st::CommitFailed, SectorRetryCommitWait, st::CommitWait>,
    On<st::CommitFailed, SectorRetrySubmitCommit, st::SubmitCommit>,
    On<st::CommitFailed, SectorDealsExpired, st::DealsExpired>,
    On<st::CommitFailed, SectorInvalidDealIDs, st::RecoverDealIDs>,
    On<st::CommitFailed, SectorTicketExpired, st::Removing>,
    On<st::FinalizeFailed, SectorRetryFinalize, st::FinalizeSector>,
    ReturnTo<SectorState::PreCommit1>,
    ReturnTo<SectorState::PreCommitting>,
    ReturnTo<SectorState::PreCommitFailed>,
    ReturnTo<SectorState::CommitFailed>,
    Row<st::RecoverDealIDs, SectorUpdateDealIDs, none, ReturnNotSet, ReturnEmpty>,
    Row<st::RecoverDealIDs, SectorUpdateDealIDs, none, ReturnByName, ReturnOther>>;

RuleResult evaluate_sealing_error(SectorState from, const SectorEvent& event, SectorInfo& record,
                         std::int64_t now) {
  return evaluate_in_group<SealingErrorRows, TableGroup::SealingError>(from, event, record, now);
}

void collect_sealing_error_rows(std::vector<TableRow>& out) { collect_rows<SealingErrorRows>(out); }

}  // namespace sealsim::sealing::table
