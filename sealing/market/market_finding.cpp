// market_finding.cpp: names of the market finding kinds.
#include "sealing/market/market_finding.hpp"

namespace sealsim::market {

std::string_view market_finding_kind_name(MarketFindingKind kind) {
  switch (kind) {
    case MarketFindingKind::InvalidTransition: return "InvalidTransition";
    case MarketFindingKind::UnregisteredEvent: return "UnregisteredEvent";
    case MarketFindingKind::EventAfterFinality: return "EventAfterFinality";
    case MarketFindingKind::RepeatedSideEffect: return "RepeatedSideEffect";
    case MarketFindingKind::SkippedCleanup: return "SkippedCleanup";
    case MarketFindingKind::LatentBug: return "LatentBug";
    case MarketFindingKind::LoggedError: return "LoggedError";
  }
  return "Unknown";
}

}  // namespace sealsim::market
