// sector_state_list.hpp: the ONE list of the 43 sector states of Lotus v1.11.0 (spec §3, §7, §10.8).
// The state enum, persisted/JSON names, kinds, planner kinds, handler ids, stats buckets, the MSM
// state types and the coverage counters all derive from SEALSIM_SECTOR_STATES.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace sealsim::sealing {

// Kind asked for by the team (spec §3 "Categories").
enum class StateKind { Normal, Failure, Terminal, PostSeal, PostSealFailure, PostSealTerminal };
// Planner function of the state (spec §5): planOne with rules, planOne() with no rules, final,
// planCommitting.
enum class PlannerKind { PlanOne, PlanOneEmpty, Final, PlanCommitting };
// Stats bucket (spec §10.8).
enum class StatBucket { Staging, Sealing, Proving, Failed };
// Which part of the planner table holds the state's rows (spec §6 grouping; the sealing group is
// split at Committing). Each part is its own MSM machine in its own translation unit.
enum class TableGroup { SealingPreCommit, SealingCommit, SealingError, PostSeal };

// Which handler runs on entry (spec §7). None = no handler (logs only); Unwired = a handler exists
// in Lotus but the state switch does not call it (AddPieceFailed, FaultedFinal).
#define SEALSIM_SECTOR_HANDLERS(X) \
  X(None) X(Unwired) X(WaitDeals) X(AddPiece) X(Packing) X(GetTicket) X(PreCommit1)           \
  X(PreCommit2) X(PreCommitting) X(SubmitPreCommitBatch) X(PreCommitWait) X(WaitSeed)         \
  X(Committing) X(SubmitCommit) X(SubmitCommitAggregate) X(CommitWait) X(FinalizeSector)      \
  X(SealPreCommit1Failed) X(SealPreCommit2Failed) X(PreCommitFailed) X(ComputeProofFailed)    \
  X(CommitFailed) X(FinalizeFailed) X(PackingFailed) X(DealsExpired) X(RecoverDealIDs)        \
  X(Proving) X(Terminating) X(TerminateWait) X(TerminateFinality) X(TerminateFailed)          \
  X(Removing) X(RemoveFailed) X(Faulty) X(FaultReported)

// X(Enumerator, "Lotus name", StateKind, PlannerKind, StatBucket, Handler, TableGroup)
// Order: as in Lotus's sector_state.go (Undefined first); the order carries no meaning in the
// store, which keeps names.
#define SEALSIM_SECTOR_STATES(X)                                                                  \
  X(Undefined, "", Normal, PlanOne, Staging, None, SealingPreCommit)                                               \
  X(Empty, "Empty", Normal, PlanOne, Staging, WaitDeals, SealingPreCommit)                                         \
  X(WaitDeals, "WaitDeals", Normal, PlanOne, Staging, WaitDeals, SealingPreCommit)                                 \
  X(AddPiece, "AddPiece", Normal, PlanOne, Staging, AddPiece, SealingPreCommit)                                    \
  X(Packing, "Packing", Normal, PlanOne, Sealing, Packing, SealingPreCommit)                                       \
  X(GetTicket, "GetTicket", Normal, PlanOne, Sealing, GetTicket, SealingPreCommit)                                 \
  X(PreCommit1, "PreCommit1", Normal, PlanOne, Sealing, PreCommit1, SealingPreCommit)                              \
  X(PreCommit2, "PreCommit2", Normal, PlanOne, Sealing, PreCommit2, SealingPreCommit)                              \
  X(PreCommitting, "PreCommitting", Normal, PlanOne, Sealing, PreCommitting, SealingPreCommit)                     \
  X(PreCommitWait, "PreCommitWait", Normal, PlanOne, Sealing, PreCommitWait, SealingPreCommit)                     \
  X(SubmitPreCommitBatch, "SubmitPreCommitBatch", Normal, PlanOne, Sealing, SubmitPreCommitBatch, SealingPreCommit) \
  X(PreCommitBatchWait, "PreCommitBatchWait", Normal, PlanOne, Sealing, PreCommitWait, SealingPreCommit)           \
  X(WaitSeed, "WaitSeed", Normal, PlanOne, Sealing, WaitSeed, SealingPreCommit)                                    \
  X(Committing, "Committing", Normal, PlanCommitting, Sealing, Committing, SealingCommit)                       \
  X(CommitFinalize, "CommitFinalize", Normal, PlanOne, Sealing, FinalizeSector, SealingCommit)                  \
  X(CommitFinalizeFailed, "CommitFinalizeFailed", Failure, PlanOne, Failed, FinalizeFailed, SealingError)      \
  X(SubmitCommit, "SubmitCommit", Normal, PlanOne, Sealing, SubmitCommit, SealingCommit)                        \
  X(CommitWait, "CommitWait", Normal, PlanOne, Sealing, CommitWait, SealingCommit)                              \
  X(SubmitCommitAggregate, "SubmitCommitAggregate", Normal, PlanOne, Sealing, SubmitCommitAggregate, SealingCommit) \
  X(CommitAggregateWait, "CommitAggregateWait", Normal, PlanOne, Sealing, CommitWait, SealingCommit)            \
  X(FinalizeSector, "FinalizeSector", Normal, PlanOne, Sealing, FinalizeSector, SealingCommit)                  \
  X(Proving, "Proving", PostSeal, PlanOne, Proving, Proving, PostSeal)                                     \
  X(FailedUnrecoverable, "FailedUnrecoverable", Terminal, Final, Failed, None, SealingError)                   \
  X(AddPieceFailed, "AddPieceFailed", Failure, PlanOneEmpty, Failed, Unwired, SealingError)                    \
  X(SealPreCommit1Failed, "SealPreCommit1Failed", Failure, PlanOne, Failed, SealPreCommit1Failed, SealingError) \
  X(SealPreCommit2Failed, "SealPreCommit2Failed", Failure, PlanOne, Failed, SealPreCommit2Failed, SealingError) \
  X(PreCommitFailed, "PreCommitFailed", Failure, PlanOne, Failed, PreCommitFailed, SealingError)               \
  X(ComputeProofFailed, "ComputeProofFailed", Failure, PlanOne, Failed, ComputeProofFailed, SealingError)      \
  X(CommitFailed, "CommitFailed", Failure, PlanOne, Failed, CommitFailed, SealingError)                        \
  X(PackingFailed, "PackingFailed", Failure, PlanOneEmpty, Failed, PackingFailed, SealingError)                \
  X(FinalizeFailed, "FinalizeFailed", Failure, PlanOne, Failed, FinalizeFailed, SealingError)                  \
  X(DealsExpired, "DealsExpired", Failure, PlanOneEmpty, Failed, DealsExpired, SealingError)                   \
  X(RecoverDealIDs, "RecoverDealIDs", Failure, PlanOne, Failed, RecoverDealIDs, SealingError)                  \
  X(Faulty, "Faulty", PostSealFailure, PlanOne, Failed, Faulty, PostSeal)                                  \
  X(FaultReported, "FaultReported", PostSealTerminal, Final, Failed, FaultReported, PostSeal)              \
  X(FaultedFinal, "FaultedFinal", PostSealTerminal, Final, Failed, Unwired, PostSeal)                      \
  X(Terminating, "Terminating", PostSeal, PlanOne, Proving, Terminating, PostSeal)                         \
  X(TerminateWait, "TerminateWait", PostSeal, PlanOne, Proving, TerminateWait, PostSeal)                   \
  X(TerminateFinality, "TerminateFinality", PostSeal, PlanOne, Proving, TerminateFinality, PostSeal)       \
  X(TerminateFailed, "TerminateFailed", PostSealFailure, PlanOneEmpty, Proving, TerminateFailed, PostSeal) \
  X(Removing, "Removing", PostSeal, PlanOne, Proving, Removing, PostSeal)                                   \
  X(RemoveFailed, "RemoveFailed", PostSealFailure, PlanOneEmpty, Failed, RemoveFailed, PostSeal)           \
  X(Removed, "Removed", PostSealTerminal, Final, Proving, None, PostSeal)

enum class SectorHandler {
#define SEALSIM_HANDLER_ENUM(name) name,
  SEALSIM_SECTOR_HANDLERS(SEALSIM_HANDLER_ENUM)
#undef SEALSIM_HANDLER_ENUM
};

enum class SectorState {
#define SEALSIM_STATE_ENUM(id, name, kind, planner, bucket, handler, group) id,
  SEALSIM_SECTOR_STATES(SEALSIM_STATE_ENUM)
#undef SEALSIM_STATE_ENUM
};

struct SectorStateInfo {
  SectorState state;
  std::string_view name;          // Lotus's string: persisted name and JSON name ("" = Undefined)
  std::string_view display_name;  // for traces and reports ("Undefined" for "")
  StateKind kind;
  PlannerKind planner;
  StatBucket bucket;
  SectorHandler handler;
  TableGroup group;
};

inline constexpr std::array kSectorStates = {
#define SEALSIM_STATE_INFO(id, name, kind, planner, bucket, handler, group)                          \
  SectorStateInfo{SectorState::id, name, #id, StateKind::kind, PlannerKind::planner,          \
                  StatBucket::bucket, SectorHandler::handler, TableGroup::group},
    SEALSIM_SECTOR_STATES(SEALSIM_STATE_INFO)
#undef SEALSIM_STATE_INFO
};

inline constexpr std::size_t kSectorStateCount = kSectorStates.size();

constexpr std::size_t index_of(SectorState state) { return static_cast<std::size_t>(state); }
constexpr const SectorStateInfo& state_info(SectorState state) {
  return kSectorStates[index_of(state)];
}
constexpr std::string_view state_name(SectorState state) { return state_info(state).name; }
constexpr std::string_view display_name(SectorState state) { return state_info(state).display_name; }

// Lotus name -> state; nullopt for names that are not listed (spec §5.5 "unknown states").
std::optional<SectorState> state_from_name(std::string_view name);
// ExistSectorStateList: every state except Undefined (what force-state commands accept).
bool is_exist_sector_state(SectorState state);
std::string_view handler_name(SectorHandler handler);

}  // namespace sealsim::sealing
