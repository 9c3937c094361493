// spec_planner_table.inc.hpp: the planner table of spec sealing-fsm.md §6, transcribed row by row
// (From, Event, To, note). An independent source for planner_table_test.cpp: the MSM tables must
// match it. "(stay)" = apply rule; "value of `Return`" = onReturning.
#pragma once

#include <string_view>

namespace sealsim::sealing::test {

struct SpecRow {
  std::string_view from;
  std::string_view event;
  std::string_view to;
  std::string_view note;
};

inline constexpr SpecRow kSpecPlannerTable[] = {
    {"Undefined", "SectorStart", "WaitDeals", ""},  // deal sector
    {"Undefined", "SectorStartCC", "Packing", ""},  // committed-capacity sector
    {"Empty", "SectorAddPiece", "AddPiece", ""},  // deprecated state, same rules as WaitDeals
    {"Empty", "SectorStartPacking", "Packing", ""},
    {"WaitDeals", "SectorAddPiece", "AddPiece", ""},
    {"WaitDeals", "SectorStartPacking", "Packing", ""},
    {"AddPiece", "SectorPieceAdded", "WaitDeals", ""},
    {"AddPiece", "SectorStartPacking", "(stay)", ""},  // `apply`: absorbed, continue with next event
    {"AddPiece", "SectorAddPiece", "(stay)", ""},  // `apply`: sets CreationTime if 0, continue
    {"AddPiece", "SectorAddPieceFailed", "AddPieceFailed", ""},
    {"Packing", "SectorPacked", "GetTicket", ""},
    {"GetTicket", "SectorTicket", "PreCommit1", ""},
    {"GetTicket", "SectorCommitFailed", "CommitFailed", ""},
    {"PreCommit1", "SectorPreCommit1", "PreCommit2", ""},
    {"PreCommit1", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"PreCommit1", "SectorDealsExpired", "DealsExpired", ""},
    {"PreCommit1", "SectorInvalidDealIDs", "RecoverDealIDs", ""},
    {"PreCommit1", "SectorOldTicket", "GetTicket", ""},
    {"PreCommit2", "SectorPreCommit2", "PreCommitting", ""},
    {"PreCommit2", "SectorSealPreCommit2Failed", "SealPreCommit2Failed", ""},
    {"PreCommit2", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"PreCommitting", "SectorPreCommitBatch", "SubmitPreCommitBatch", ""},
    {"PreCommitting", "SectorPreCommitted", "PreCommitWait", ""},
    {"PreCommitting", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"PreCommitting", "SectorChainPreCommitFailed", "PreCommitFailed", ""},
    {"PreCommitting", "SectorPreCommitLanded", "WaitSeed", ""},
    {"PreCommitting", "SectorDealsExpired", "DealsExpired", ""},
    {"PreCommitting", "SectorInvalidDealIDs", "RecoverDealIDs", ""},
    {"SubmitPreCommitBatch", "SectorPreCommitBatchSent", "PreCommitBatchWait", ""},
    {"SubmitPreCommitBatch", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"SubmitPreCommitBatch", "SectorChainPreCommitFailed", "PreCommitFailed", ""},
    {"SubmitPreCommitBatch", "SectorPreCommitLanded", "WaitSeed", ""},
    {"SubmitPreCommitBatch", "SectorDealsExpired", "DealsExpired", ""},
    {"SubmitPreCommitBatch", "SectorInvalidDealIDs", "RecoverDealIDs", ""},
    {"PreCommitBatchWait", "SectorChainPreCommitFailed", "PreCommitFailed", ""},
    {"PreCommitBatchWait", "SectorPreCommitLanded", "WaitSeed", ""},
    {"PreCommitBatchWait", "SectorRetryPreCommit", "PreCommitting", ""},
    {"PreCommitWait", "SectorChainPreCommitFailed", "PreCommitFailed", ""},
    {"PreCommitWait", "SectorPreCommitLanded", "WaitSeed", ""},
    {"PreCommitWait", "SectorRetryPreCommit", "PreCommitting", ""},
    {"WaitSeed", "SectorSeedReady", "Committing", ""},
    {"WaitSeed", "SectorChainPreCommitFailed", "PreCommitFailed", ""},
    {"Committing", "SectorCommitted", "SubmitCommit", ""},  // planCommitting, continues
    {"Committing", "SectorProofReady", "CommitFinalize", ""},  // planCommitting, continues
    {"Committing", "SectorSeedReady", "Committing", "new seed"},  // planCommitting, stops; same seed → ignored
    {"Committing", "SectorComputeProofFailed", "ComputeProofFailed", ""},  // planCommitting, continues
    {"Committing", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},  // planCommitting, continues, no apply
    {"Committing", "SectorCommitFailed", "CommitFailed", ""},  // planCommitting, continues
    {"Committing", "SectorRetryCommitWait", "CommitWait", ""},  // planCommitting, continues
    {"CommitFinalize", "SectorFinalized", "SubmitCommit", ""},
    {"CommitFinalize", "SectorFinalizeFailed", "CommitFinalizeFailed", ""},
    {"SubmitCommit", "SectorCommitSubmitted", "CommitWait", ""},
    {"SubmitCommit", "SectorSubmitCommitAggregate", "SubmitCommitAggregate", ""},
    {"SubmitCommit", "SectorCommitFailed", "CommitFailed", ""},
    {"SubmitCommitAggregate", "SectorCommitAggregateSent", "CommitWait", ""},  // (not CommitAggregateWait)
    {"SubmitCommitAggregate", "SectorCommitFailed", "CommitFailed", ""},
    {"SubmitCommitAggregate", "SectorRetrySubmitCommit", "SubmitCommit", ""},
    {"CommitWait", "SectorProving", "FinalizeSector", ""},
    {"CommitWait", "SectorCommitFailed", "CommitFailed", ""},
    {"CommitWait", "SectorRetrySubmitCommit", "SubmitCommit", ""},
    {"CommitAggregateWait", "SectorProving", "FinalizeSector", ""},
    {"CommitAggregateWait", "SectorCommitFailed", "CommitFailed", ""},
    {"CommitAggregateWait", "SectorRetrySubmitCommit", "SubmitCommit", ""},
    {"FinalizeSector", "SectorFinalized", "Proving", ""},
    {"FinalizeSector", "SectorFinalizeFailed", "FinalizeFailed", ""},
    {"SealPreCommit1Failed", "SectorRetrySealPreCommit1", "PreCommit1", ""},
    {"SealPreCommit2Failed", "SectorRetrySealPreCommit1", "PreCommit1", ""},
    {"SealPreCommit2Failed", "SectorRetrySealPreCommit2", "PreCommit2", ""},
    {"PreCommitFailed", "SectorRetryPreCommit", "PreCommitting", ""},
    {"PreCommitFailed", "SectorRetryPreCommitWait", "PreCommitWait", ""},
    {"PreCommitFailed", "SectorRetryWaitSeed", "WaitSeed", ""},
    {"PreCommitFailed", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"PreCommitFailed", "SectorPreCommitLanded", "WaitSeed", ""},
    {"PreCommitFailed", "SectorDealsExpired", "DealsExpired", ""},
    {"PreCommitFailed", "SectorInvalidDealIDs", "RecoverDealIDs", ""},
    {"ComputeProofFailed", "SectorRetryComputeProof", "Committing", ""},
    {"ComputeProofFailed", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"CommitFinalizeFailed", "SectorRetryFinalize", "CommitFinalize", ""},
    {"CommitFailed", "SectorSealPreCommit1Failed", "SealPreCommit1Failed", ""},
    {"CommitFailed", "SectorRetryWaitSeed", "WaitSeed", ""},
    {"CommitFailed", "SectorRetryComputeProof", "Committing", ""},
    {"CommitFailed", "SectorRetryInvalidProof", "Committing", ""},
    {"CommitFailed", "SectorRetryPreCommitWait", "PreCommitWait", ""},
    {"CommitFailed", "SectorChainPreCommitFailed", "PreCommitFailed", ""},  // (never sent from CommitFailed)
    {"CommitFailed", "SectorRetryPreCommit", "PreCommitting", ""},
    {"CommitFailed", "SectorRetryCommitWait", "CommitWait", ""},
    {"CommitFailed", "SectorRetrySubmitCommit", "SubmitCommit", ""},
    {"CommitFailed", "SectorDealsExpired", "DealsExpired", ""},
    {"CommitFailed", "SectorInvalidDealIDs", "RecoverDealIDs", ""},
    {"CommitFailed", "SectorTicketExpired", "Removing", ""},  // (never sent in v1.11.0)
    {"FinalizeFailed", "SectorRetryFinalize", "FinalizeSector", ""},
    {"RecoverDealIDs", "SectorUpdateDealIDs", "value of `Return", ""},  // `onReturning`; empty Return → HALT
    {"Proving", "SectorFaultReported", "FaultReported", ""},
    {"Proving", "SectorFaulty", "Faulty", ""},
    {"Terminating", "SectorTerminating", "TerminateWait", ""},
    {"Terminating", "SectorTerminateFailed", "TerminateFailed", ""},
    {"TerminateWait", "SectorTerminated", "TerminateFinality", ""},
    {"TerminateWait", "SectorTerminateFailed", "TerminateFailed", ""},
    {"TerminateFinality", "SectorTerminateFailed", "TerminateFailed", ""},  // (leaves via global `SectorRemove`)
    {"Removing", "SectorRemoved", "Removed", ""},
    {"Removing", "SectorRemoveFailed", "RemoveFailed", ""},
    {"Faulty", "SectorFaultReported", "FaultReported", ""},
};

}  // namespace sealsim::sealing::test
