// provider_event_list.cpp: type lookup over the provider event variant.
#include "sealing/market/provider_event_list.hpp"

#include <stdexcept>
#include <type_traits>

namespace sealsim::market {

namespace {
constexpr bool numbers_index_the_list() {
  for (std::size_t i = 0; i < kProviderEventCount; ++i) {
    if (static_cast<std::size_t>(kProviderEvents[i].type) != i) {
      return false;
    }
  }
  return true;
}
static_assert(numbers_index_the_list(), "SEALSIM_PROVIDER_EVENTS must be in event-number order");
}  // namespace

ProviderEventType event_type(const ProviderEvent& event) {
  return std::visit(
      [](const auto& e) -> ProviderEventType {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, std::monostate>) {
          throw std::logic_error("provider event: empty event");
        } else {
          return E::type;
        }
      },
      event);
}

}  // namespace sealsim::market
