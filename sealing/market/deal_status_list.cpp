// deal_status_list.cpp: name and number lookups over the deal status list.
#include "sealing/market/deal_status_list.hpp"

namespace sealsim::market {

namespace {
constexpr bool numbers_index_the_list() {
  for (std::size_t i = 0; i < kDealStatusCount; ++i) {
    if (static_cast<std::size_t>(kDealStatuses[i].status) != i) {
      return false;
    }
  }
  return true;
}
static_assert(numbers_index_the_list(), "SEALSIM_DEAL_STATUSES must be in wire-number order");
}  // namespace

std::optional<DealStatus> deal_status_from_name(std::string_view name) {
  for (const auto& info : kDealStatuses) {
    if (info.name == name) {
      return info.status;
    }
  }
  return std::nullopt;
}

std::optional<DealStatus> deal_status_from_number(std::uint64_t number) {
  if (number >= kDealStatusCount) {
    return std::nullopt;
  }
  return kDealStatuses[number].status;
}

}  // namespace sealsim::market
