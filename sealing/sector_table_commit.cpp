// sector_table_commit.cpp: the sealing rows from Committing to FinalizeSector of the planner table (spec §6) as one Boost.MSM machine.
// One group per translation unit keeps each compile within the CI box's memory budget.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/sector_machine_msm.hpp"

namespace sealsim::sealing::table {

// Sealing, from Committing to FinalizeSector. Committing's rows continue (planCommitting) except
// a new seed, which stops.
using SealingCommitRows = mpl::vector<
    CommittingContinue<SectorCommitted, st::SubmitCommit>,
    CommittingContinue<SectorProofReady, st::CommitFinalize>,
    Row<st::Committing, SectorSeedReady, st::Committing, ApplyAndStop, SeedChanged>,
    Row<st::Committing, SectorSeedReady, none, Ignore, SeedUnchanged>,
    CommittingContinue<SectorComputeProofFailed, st::ComputeProofFailed>,
    Row<st::Committing, SectorSealPreCommit1Failed, st::SealPreCommit1Failed, ContinueWithoutApply, none>,
    CommittingContinue<SectorCommitFailed, st::CommitFailed>,
    CommittingContinue<SectorRetryCommitWait, st::CommitWait>,
    On<st::CommitFinalize, SectorFinalized, st::SubmitCommit>,
    On<st::CommitFinalize, SectorFinalizeFailed, st::CommitFinalizeFailed>,
    On<st::SubmitCommit, SectorCommitSubmitted, st::CommitWait>,
    On<st::SubmitCommit, SectorSubmitCommitAggregate, st::SubmitCommitAggregate>,
    On<st::SubmitCommit, SectorCommitFailed, st::CommitFailed>,
    On<st::SubmitCommitAggregate, SectorCommitAggregateSent, st::CommitWait>,
    On<st::SubmitCommitAggregate, SectorCommitFailed, st::CommitFailed>,
    On<st::SubmitCommitAggregate, SectorRetrySubmitCommit, st::SubmitCommit>,
    On<st::CommitWait, SectorProving, st::FinalizeSector>,
    On<st::CommitWait, SectorCommitFailed, st::CommitFailed>,
    On<st::CommitWait, SectorRetrySubmitCommit, st::SubmitCommit>,
    On<st::CommitAggregateWait, SectorProving, st::FinalizeSector>,
    On<st::CommitAggregateWait, SectorCommitFailed, st::CommitFailed>,
    On<st::CommitAggregateWait, SectorRetrySubmitCommit, st::SubmitCommit>,
    On<st::FinalizeSector, SectorFinalized, st::Proving>,
    On<st::FinalizeSector, SectorFinalizeFailed, st::FinalizeFailed>>;

RuleResult evaluate_sealing_commit(SectorState from, const SectorEvent& event, SectorInfo& record,
                         std::int64_t now) {
  return evaluate_in_group<SealingCommitRows, TableGroup::SealingCommit>(from, event, record, now);
}

void collect_sealing_commit_rows(std::vector<TableRow>& out) { collect_rows<SealingCommitRows>(out); }

}  // namespace sealsim::sealing::table
