// sector_event_list.hpp: the ONE list of the 56 sector events of Lotus v1.11.0 (spec §4) with
// their payload types. The event variant, names, capability flags, the log's "Kind" strings and
// the coverage counters derive from SEALSIM_SECTOR_EVENTS; what each event writes into the record
// is its apply() (sector_event_apply.cpp), declared for every listed event.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

// Capability of an event (spec §4):
//  Global: global mutator, handled before any table lookup; GlobalError: same, carries an error.
//  Mutator / MutatorError: regular mutator (apply step) / error-carrying one.
//  Ignorable: mutator skipped by planOne in states without a rule for it (SectorStartPacking).
//  Plain: no apply at all (SectorFaultedFinal).
enum class EventCapability { Global, GlobalError, Mutator, MutatorError, Ignorable, Plain };

// X(Name, Capability, "what apply writes" (spec §4))
#define SEALSIM_SECTOR_EVENTS(X)                                                                  \
  X(SectorRestart, Global, "no change")                                                          \
  X(SectorFatalError, GlobalError, "no change")                                                  \
  X(SectorForceState, Global, "State = payload")                                                 \
  X(SectorTerminate, Global, "State = Terminating")                                              \
  X(SectorRemove, Global, "State = Removing")                                                    \
  X(SectorStart, Mutator, "SectorNumber, SectorType")                                            \
  X(SectorStartCC, Mutator, "SectorNumber, SectorType")                                          \
  X(SectorAddPiece, Mutator, "CreationTime = now if 0")                                          \
  X(SectorPieceAdded, Mutator, "append NewPieces to Pieces")                                     \
  X(SectorAddPieceFailed, MutatorError, "nothing")                                               \
  X(SectorStartPacking, Ignorable, "nothing")                                                    \
  X(SectorPacked, Mutator, "append FillerPieces as pieces without deal")                         \
  X(SectorTicket, Mutator, "TicketValue, TicketEpoch")                                           \
  X(SectorOldTicket, Mutator, "nothing")                                                         \
  X(SectorPreCommit1, Mutator, "PreCommit1Out; PreCommit2Fails = 0")                             \
  X(SectorPreCommit2, Mutator, "CommD = Unsealed, CommR = Sealed")                               \
  X(SectorPreCommitBatch, Mutator, "nothing")                                                    \
  X(SectorPreCommitBatchSent, Mutator, "PreCommitMessage")                                       \
  X(SectorPreCommitLanded, Mutator, "PreCommitTipSet")                                           \
  X(SectorSealPreCommit1Failed, MutatorError, "InvalidProofs = 0, PreCommit2Fails = 0")          \
  X(SectorSealPreCommit2Failed, MutatorError, "InvalidProofs = 0, PreCommit2Fails += 1")         \
  X(SectorChainPreCommitFailed, MutatorError, "nothing")                                         \
  X(SectorPreCommitted, Mutator, "PreCommitMessage, PreCommitDeposit, PreCommitInfo")            \
  X(SectorSeedReady, Mutator, "SeedValue, SeedEpoch")                                            \
  X(SectorComputeProofFailed, MutatorError, "nothing")                                           \
  X(SectorCommitFailed, MutatorError, "nothing")                                                 \
  X(SectorRetrySubmitCommit, Mutator, "nothing")                                                 \
  X(SectorDealsExpired, MutatorError, "nothing")                                                 \
  X(SectorTicketExpired, MutatorError, "nothing")                                                \
  X(SectorCommitted, Mutator, "Proof")                                                           \
  X(SectorProofReady, Mutator, "Proof")                                                          \
  X(SectorSubmitCommitAggregate, Mutator, "nothing")                                             \
  X(SectorCommitSubmitted, Mutator, "CommitMessage")                                             \
  X(SectorCommitAggregateSent, Mutator, "CommitMessage")                                         \
  X(SectorProving, Mutator, "nothing")                                                           \
  X(SectorFinalized, Mutator, "nothing")                                                         \
  X(SectorRetryFinalize, Mutator, "nothing")                                                     \
  X(SectorFinalizeFailed, MutatorError, "nothing")                                               \
  X(SectorRetrySealPreCommit1, Mutator, "nothing")                                               \
  X(SectorRetrySealPreCommit2, Mutator, "nothing")                                               \
  X(SectorRetryPreCommit, Mutator, "nothing")                                                    \
  X(SectorRetryWaitSeed, Mutator, "nothing")                                                     \
  X(SectorRetryPreCommitWait, Mutator, "nothing")                                                \
  X(SectorRetryComputeProof, Mutator, "InvalidProofs += 1")                                      \
  X(SectorRetryInvalidProof, Mutator, "InvalidProofs += 1")                                      \
  X(SectorRetryCommitWait, Mutator, "nothing")                                                   \
  X(SectorInvalidDealIDs, Mutator, "Return = payload")                                           \
  X(SectorUpdateDealIDs, Mutator, "Pieces[i].DealInfo.DealID = Updates[i]")                      \
  X(SectorFaulty, Mutator, "nothing")                                                            \
  X(SectorFaultReported, Mutator, "FaultReportMsg")                                              \
  X(SectorFaultedFinal, Plain, "(no apply)")                                                     \
  X(SectorTerminating, Mutator, "TerminateMessage")                                              \
  X(SectorTerminated, Mutator, "TerminatedAt")                                                   \
  X(SectorTerminateFailed, MutatorError, "nothing")                                              \
  X(SectorRemoved, Mutator, "nothing")                                                           \
  X(SectorRemoveFailed, MutatorError, "nothing")

// Payloads. Error-carrying events hold the formatted error text (Go `error`).
struct SectorRestart {};
struct SectorFatalError { std::string error; };
struct SectorForceState { std::string state; };  // a name: force-state may carry any string
struct SectorTerminate {};
struct SectorRemove {};
struct SectorStart { SectorNumber id = 0; RegisteredSealProof sector_type{}; };
struct SectorStartCC { SectorNumber id = 0; RegisteredSealProof sector_type{}; };
struct SectorAddPiece {};
struct SectorPieceAdded { std::vector<Piece> new_pieces; };
struct SectorAddPieceFailed { std::string error; };
struct SectorStartPacking {};
struct SectorPacked { std::vector<PieceInfo> filler_pieces; };
struct SectorTicket { Bytes ticket_value; ChainEpoch ticket_epoch = 0; };
struct SectorOldTicket {};
struct SectorPreCommit1 { Bytes pre_commit1_out; };
struct SectorPreCommit2 { Cid sealed; Cid unsealed; };
struct SectorPreCommitBatch {};
struct SectorPreCommitBatchSent { Cid message; };
struct SectorPreCommitLanded { Bytes tipset; };
struct SectorSealPreCommit1Failed { std::string error; };
struct SectorSealPreCommit2Failed { std::string error; };
struct SectorChainPreCommitFailed { std::string error; };
struct SectorPreCommitted { Cid message; TokenAmount pre_commit_deposit; SectorPreCommitInfo pre_commit_info; };
struct SectorSeedReady { Bytes seed_value; ChainEpoch seed_epoch = 0; };
struct SectorComputeProofFailed { std::string error; };
struct SectorCommitFailed { std::string error; };
struct SectorRetrySubmitCommit {};
struct SectorDealsExpired { std::string error; };
struct SectorTicketExpired { std::string error; };
struct SectorCommitted { Bytes proof; };
struct SectorProofReady { Bytes proof; };
struct SectorSubmitCommitAggregate {};
struct SectorCommitSubmitted { Cid message; };
struct SectorCommitAggregateSent { Cid message; };
struct SectorProving {};
struct SectorFinalized {};
struct SectorRetryFinalize {};
struct SectorFinalizeFailed { std::string error; };
struct SectorRetrySealPreCommit1 {};
struct SectorRetrySealPreCommit2 {};
struct SectorRetryPreCommit {};
struct SectorRetryWaitSeed {};
struct SectorRetryPreCommitWait {};
struct SectorRetryComputeProof {};
struct SectorRetryInvalidProof {};
struct SectorRetryCommitWait {};
struct SectorInvalidDealIDs { std::string return_state; };
struct SectorUpdateDealIDs { std::map<std::size_t, DealId> updates; };  // piece index -> deal id
struct SectorFaulty {};
struct SectorFaultReported { Cid report_msg; };
struct SectorFaultedFinal {};
struct SectorTerminating { std::optional<Cid> message; };
struct SectorTerminated { ChainEpoch terminated_at = 0; };
struct SectorTerminateFailed { std::string error; };
struct SectorRemoved {};
struct SectorRemoveFailed { std::string error; };

enum class EventType {
#define SEALSIM_EVENT_ENUM(name, cap, applies) name,
  SEALSIM_SECTOR_EVENTS(SEALSIM_EVENT_ENUM)
#undef SEALSIM_EVENT_ENUM
};

#define SEALSIM_EVENT_ALTERNATIVE(name, cap, applies) , name
// The variant's alternatives are in list order, so index() == EventType.
using SectorEvent = std::variant<std::monostate SEALSIM_SECTOR_EVENTS(SEALSIM_EVENT_ALTERNATIVE)>;
#undef SEALSIM_EVENT_ALTERNATIVE

struct SectorEventInfo {
  EventType type;
  std::string_view name;
  EventCapability capability;
  std::string_view applies;
};

inline constexpr std::array kSectorEvents = {
#define SEALSIM_EVENT_INFO(name, cap, applies) \
  SectorEventInfo{EventType::name, #name, EventCapability::cap, applies},
    SEALSIM_SECTOR_EVENTS(SEALSIM_EVENT_INFO)
#undef SEALSIM_EVENT_INFO
};
inline constexpr std::size_t kSectorEventCount = kSectorEvents.size();

// Compile-time identity of each payload type.
template <class E>
struct EventTraits;
#define SEALSIM_EVENT_TRAITS(name, cap, applies)                                   \
  template <>                                                                      \
  struct EventTraits<name> {                                                       \
    static constexpr EventType type = EventType::name;                             \
    static constexpr EventCapability capability = EventCapability::cap;            \
  };
SEALSIM_SECTOR_EVENTS(SEALSIM_EVENT_TRAITS)
#undef SEALSIM_EVENT_TRAITS

constexpr const SectorEventInfo& event_info(EventType type) {
  return kSectorEvents[static_cast<std::size_t>(type)];
}
constexpr bool is_global(EventCapability c) {
  return c == EventCapability::Global || c == EventCapability::GlobalError;
}
constexpr bool carries_error(EventCapability c) {
  return c == EventCapability::GlobalError || c == EventCapability::MutatorError;
}

// Type of a held event; the variant must not hold monostate (std::logic_error otherwise).
EventType event_type(const SectorEvent& event);
std::string_view event_name(const SectorEvent& event);
// The error text of an error-carrying event, empty otherwise.
std::string event_error(const SectorEvent& event);
// "event;sealing.SectorPacked"
std::string event_log_kind(EventType type);
// The runtime wrapper's JSON, {"User":{...payload fields...}}, as Lotus logs it.
std::string event_json(const SectorEvent& event);

// The apply step of every regular mutator (spec §4 "Apply"); `now` is simulated unix seconds
// (SectorAddPiece's CreationTime). Global, ignorable-with-no-effect and plain events are no-ops
// here: global applies belong to the planner.
void apply_event(const SectorEvent& event, SectorInfo& info, std::int64_t now);

}  // namespace sealsim::sealing
