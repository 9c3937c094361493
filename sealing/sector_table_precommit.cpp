// sector_table_precommit.cpp: the sealing rows from Undefined up to WaitSeed of the planner table (spec §6) as one Boost.MSM machine.
// One group per translation unit keeps each compile within the CI box's memory budget.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/sector_machine_msm.hpp"

namespace sealsim::sealing::table {

// Sealing, up to the seed.
using SealingPreCommitRows = mpl::vector<
    On<st::Undefined, SectorStart, st::WaitDeals>,
    On<st::Undefined, SectorStartCC, st::Packing>,
    On<st::Empty, SectorAddPiece, st::AddPiece>,
    On<st::Empty, SectorStartPacking, st::Packing>,
    On<st::WaitDeals, SectorAddPiece, st::AddPiece>,
    On<st::WaitDeals, SectorStartPacking, st::Packing>,
    On<st::AddPiece, SectorPieceAdded, st::WaitDeals>,
    Apply<st::AddPiece, SectorStartPacking>,
    Apply<st::AddPiece, SectorAddPiece>,
    On<st::AddPiece, SectorAddPieceFailed, st::AddPieceFailed>,
    On<st::Packing, SectorPacked, st::GetTicket>,
    On<st::GetTicket, SectorTicket, st::PreCommit1>,
    On<st::GetTicket, SectorCommitFailed, st::CommitFailed>,
    On<st::PreCommit1, SectorPreCommit1, st::PreCommit2>,
    On<st::PreCommit1, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::PreCommit1, SectorDealsExpired, st::DealsExpired>,
    On<st::PreCommit1, SectorInvalidDealIDs, st::RecoverDealIDs>,
    On<st::PreCommit1, SectorOldTicket, st::GetTicket>,
    On<st::PreCommit2, SectorPreCommit2, st::PreCommitting>,
    On<st::PreCommit2, SectorSealPreCommit2Failed, st::SealPreCommit2Failed>,
    On<st::PreCommit2, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::PreCommitting, SectorPreCommitBatch, st::SubmitPreCommitBatch>,
    On<st::PreCommitting, SectorPreCommitted, st::PreCommitWait>,
    On<st::PreCommitting, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::PreCommitting, SectorChainPreCommitFailed, st::PreCommitFailed>,
    On<st::PreCommitting, SectorPreCommitLanded, st::WaitSeed>,
    On<st::PreCommitting, SectorDealsExpired, st::DealsExpired>,
    On<st::PreCommitting, SectorInvalidDealIDs, st::RecoverDealIDs>,
    On<st::SubmitPreCommitBatch, SectorPreCommitBatchSent, st::PreCommitBatchWait>,
    On<st::SubmitPreCommitBatch, SectorSealPreCommit1Failed, st::SealPreCommit1Failed>,
    On<st::SubmitPreCommitBatch, SectorChainPreCommitFailed, st::PreCommitFailed>,
    On<st::SubmitPreCommitBatch, SectorPreCommitLanded, st::WaitSeed>,
    On<st::SubmitPreCommitBatch, SectorDealsExpired, st::DealsExpired>,
    On<st::SubmitPreCommitBatch, SectorInvalidDealIDs, st::RecoverDealIDs>,
    On<st::PreCommitBatchWait, SectorChainPreCommitFailed, st::PreCommitFailed>,
    On<st::PreCommitBatchWait, SectorPreCommitLanded, st::WaitSeed>,
    On<st::PreCommitBatchWait, SectorRetryPreCommit, st::PreCommitting>,
    On<st::PreCommitWait, SectorChainPreCommitFailed, st::PreCommitFailed>,
    On<st::PreCommitWait, SectorPreCommitLanded, st::WaitSeed>,
    On<st::PreCommitWait, SectorRetryPreCommit, st::PreCommitting>,
    On<st::WaitSeed, SectorSeedReady, st::Committing>,
    On<st::WaitSeed, SectorChainPreCommitFailed, st::PreCommitFailed>>;

RuleResult evaluate_sealing_pre_commit(SectorState from, const SectorEvent& event, SectorInfo& record,
                         std::int64_t now) {
  return evaluate_in_group<SealingPreCommitRows, TableGroup::SealingPreCommit>(from, event, record, now);
}

void collect_sealing_pre_commit_rows(std::vector<TableRow>& out) { collect_rows<SealingPreCommitRows>(out); }

}  // namespace sealsim::sealing::table
