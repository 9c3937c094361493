// market_finding.hpp: typed findings of the market side: behaviour of go-fil-markets v1.6.2 /
// Lotus v1.11.1 that sealsim reproduces and records (an invalid transition the Go code only logs, a
// side effect a restart repeats, a latent bug on a path), never a crash.
#pragma once

#include <string>
#include <string_view>

namespace sealsim::market {

enum class MarketFindingKind {
  // No rule for the event in the deal's status: "Invalid transition in queue" (logged and dropped).
  InvalidTransition,
  // An event declared but not registered: the Trigger fails, the entry function ignores it.
  UnregisteredEvent,
  // An event sent to a deal in a finality status (ErrTerminated).
  EventAfterFinality,
  // A restart re-runs an entry function whose side effect already happened (market-fsm §9.3).
  RepeatedSideEffect,
  // A restart skips FailDeal's cleanup (market-fsm §9.4).
  SkippedCleanup,
  // A latent bug on a path the simulation took (OnDealComplete's retry reader, §6).
  LatentBug,
  // A failure the Go code only logs (ReleaseFunds, file deletion, closing a stream).
  LoggedError,
};

std::string_view market_finding_kind_name(MarketFindingKind kind);

struct MarketFinding {
  MarketFindingKind kind = MarketFindingKind::InvalidTransition;
  std::string proposal_cid;
  std::string message;
  std::string event;  // printed event name, when an event caused it
  friend bool operator==(const MarketFinding&, const MarketFinding&) = default;
};

}  // namespace sealsim::market
