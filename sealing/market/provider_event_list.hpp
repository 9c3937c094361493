// provider_event_list.hpp: the ONE list of go-fil-markets v1.6.2 provider events (market-fsm §2)
// with their payloads, printed names and FromAny rules. The event types, the event variant, the
// names and the registration flags derive from SEALSIM_PROVIDER_EVENTS; what each event writes
// into the deal record is its action, apply_action() (provider_event_apply.cpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "model/sector_id.hpp"
#include "model/token_amount.hpp"

namespace sealsim::market {

// Payload shapes (the Go events' arguments).
struct NoArgs {};
struct ErrorArg {
  std::string error;
};
struct AmountArg {
  TokenAmount amount;
};
struct MessageCidArg {
  std::string message_cid;
};
struct ChannelArg {
  std::string channel_id;
};
struct PathsArg {
  std::string piece_path;
  std::string metadata_path;
};
struct ErrorPathsArg {
  std::string error;
  std::string piece_path;
  std::string metadata_path;
};
struct PublishedArg {
  DealId deal_id = 0;
  std::string final_cid;
};
struct SectorArg {
  SectorNumber sector = 0;
};
struct EpochArg {
  ChainEpoch epoch = 0;
};

// The FromAny rule of an event: applied when no exact (event, state) rule exists.
enum class FromAnyRule { None, ToFailing, NoChange };
// Unregistered events are declared in events.go but absent from ProviderEvents: firing one
// fails at Trigger time (market-fsm §9.2).
enum class Registration { Registered, Unregistered };

// X(Enumerator, number, "printed name", Payload, FromAnyRule, Registration)
// Printed names are fsm's names map: events 26/27 are missing from it and print as
// "ProviderEventUnknown - 26/27"; Finalized prints as "ProviderEventCleanupFinished" (§0.2).
#define SEALSIM_PROVIDER_EVENTS(X)                                                                   \
  X(Open, 0, "ProviderEventOpen", NoArgs, None, Registered)                                          \
  X(NodeErrored, 1, "ProviderEventNodeErrored", ErrorArg, ToFailing, Registered)                     \
  X(DealDeciding, 2, "ProviderEventDealDeciding", NoArgs, None, Registered)                          \
  X(DealRejected, 3, "ProviderEventDealRejected", ErrorArg, None, Registered)                        \
  X(RejectionSent, 4, "ProviderEventRejectionSent", NoArgs, None, Registered)                        \
  X(DealAccepted, 5, "ProviderEventDealAccepted", NoArgs, None, Unregistered)                        \
  X(InsufficientFunds, 6, "ProviderEventInsufficientFunds", NoArgs, None, Unregistered)              \
  X(FundsReserved, 7, "ProviderEventFundsReserved", AmountArg, None, Registered)                     \
  X(FundsReleased, 8, "ProviderEventFundsReleased", AmountArg, None, Registered)                      \
  X(FundingInitiated, 9, "ProviderEventFundingInitiated", MessageCidArg, None, Registered)            \
  X(Funded, 10, "ProviderEventFunded", NoArgs, None, Registered)                                     \
  X(DataTransferFailed, 11, "ProviderEventDataTransferFailed", ErrorArg, None, Registered)           \
  X(DataRequested, 12, "ProviderEventDataRequested", NoArgs, None, Registered)                       \
  X(DataTransferInitiated, 13, "ProviderEventDataTransferInitiated", ChannelArg, None, Registered)   \
  X(DataTransferRestarted, 14, "ProviderEventDataTransferRestarted", ChannelArg, None, Registered)   \
  X(DataTransferCompleted, 15, "ProviderEventDataTransferCompleted", NoArgs, None, Registered)       \
  X(ManualDataReceived, 16, "ProviderEventManualDataReceived", NoArgs, None, Unregistered)           \
  X(DataVerificationFailed, 17, "ProviderEventDataVerificationFailed", ErrorPathsArg, None,          \
    Registered)                                                                                      \
  X(VerifiedData, 18, "ProviderEventVerifiedData", PathsArg, None, Registered)                       \
  X(SendResponseFailed, 19, "ProviderEventSendResponseFailed", ErrorArg, None, Registered)           \
  X(DealPublishInitiated, 20, "ProviderEventDealPublishInitiated", MessageCidArg, None, Registered)  \
  X(DealPublished, 21, "ProviderEventDealPublished", PublishedArg, None, Registered)                 \
  X(DealPublishError, 22, "ProviderEventDealPublishError", ErrorArg, None, Registered)               \
  X(FileStoreErrored, 23, "ProviderEventFileStoreErrored", ErrorArg, None, Registered)               \
  X(DealHandoffFailed, 24, "ProviderEventDealHandoffFailed", ErrorArg, None, Registered)             \
  X(DealHandedOff, 25, "ProviderEventDealHandedOff", NoArgs, None, Registered)                       \
  X(DealPrecommitFailed, 26, "ProviderEventUnknown - 26", ErrorArg, None, Registered)                \
  X(DealPrecommitted, 27, "ProviderEventUnknown - 27", SectorArg, None, Registered)                  \
  X(DealActivationFailed, 28, "ProviderEventDealActivationFailed", ErrorArg, None, Registered)       \
  X(DealActivated, 29, "ProviderEventDealActivated", NoArgs, None, Registered)                       \
  X(PieceStoreErrored, 30, "ProviderEventPieceStoreErrored", ErrorArg, None, Registered)             \
  X(Finalized, 31, "ProviderEventCleanupFinished", NoArgs, None, Registered)                         \
  X(DealCompletionFailed, 32, "ProviderEventDealCompletionFailed", ErrorArg, None, Registered)       \
  X(MultistoreErrored, 33, "ProviderEventMultistoreErrored", ErrorArg, None, Registered)             \
  X(DealExpired, 34, "ProviderEventDealExpired", NoArgs, None, Registered)                           \
  X(DealSlashed, 35, "ProviderEventDealSlashed", EpochArg, None, Registered)                         \
  X(Failed, 36, "ProviderEventFailed", NoArgs, None, Registered)                                     \
  X(TrackFundsFailed, 37, "ProviderEventTrackFundsFailed", ErrorArg, None, Registered)               \
  X(Restart, 38, "ProviderEventRestart", NoArgs, NoChange, Registered)                               \
  X(DataTransferRestartFailed, 39, "ProviderEventDataTransferRestartFailed", NoArgs, None,           \
    Unregistered)                                                                                    \
  X(DataTransferStalled, 40, "ProviderEventDataTransferStalled", NoArgs, None, Registered)           \
  X(DataTransferCancelled, 41, "ProviderEventDataTransferCancelled", NoArgs, None, Registered)

enum class ProviderEventType : std::uint64_t {
#define SEALSIM_EVENT_ENUM(id, number, name, payload, any, reg) id = number,
  SEALSIM_PROVIDER_EVENTS(SEALSIM_EVENT_ENUM)
#undef SEALSIM_EVENT_ENUM
};

// One type per event (Boost.MSM dispatches on the type); the payload is the base.
namespace ev {
#define SEALSIM_EVENT_TYPE(id, number, name, payload, any, reg)                \
  struct id : payload {                                                        \
    static constexpr ProviderEventType type = ProviderEventType::id;           \
  };
SEALSIM_PROVIDER_EVENTS(SEALSIM_EVENT_TYPE)
#undef SEALSIM_EVENT_TYPE
}  // namespace ev

#define SEALSIM_EVENT_ALTERNATIVE(id, number, name, payload, any, reg) , ev::id
using ProviderEvent = std::variant<std::monostate SEALSIM_PROVIDER_EVENTS(SEALSIM_EVENT_ALTERNATIVE)>;
#undef SEALSIM_EVENT_ALTERNATIVE

struct ProviderEventInfo {
  ProviderEventType type;
  std::string_view name;
  FromAnyRule from_any;
  Registration registration;
};

inline constexpr std::array kProviderEvents = {
#define SEALSIM_EVENT_INFO(id, number, name, payload, any, reg) \
  ProviderEventInfo{ProviderEventType::id, name, FromAnyRule::any, Registration::reg},
    SEALSIM_PROVIDER_EVENTS(SEALSIM_EVENT_INFO)
#undef SEALSIM_EVENT_INFO
};
inline constexpr std::size_t kProviderEventCount = kProviderEvents.size();

constexpr const ProviderEventInfo& provider_event_info(ProviderEventType type) {
  return kProviderEvents[static_cast<std::size_t>(type)];
}
constexpr std::string_view provider_event_name(ProviderEventType type) {
  return provider_event_info(type).name;
}

// The type of a non-empty event variant (throws std::logic_error on monostate).
ProviderEventType event_type(const ProviderEvent& event);

}  // namespace sealsim::market
