// gas.cpp: the gas table and estimation.
#include "chain-mock/gas.hpp"

#include <type_traits>

namespace sealsim::chain {
namespace {

std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

std::int64_t declared_sectors(const std::vector<SectorDeclaration>& declarations) {
  std::size_t total = 0;
  for (const SectorDeclaration& d : declarations) total += d.sectors.size();
  return count(total);
}

}  // namespace

std::int64_t gas_used_by(const Message& message) {
  constexpr std::int64_t kBase = 500'000;  // a plain value transfer
  return kBase + std::visit(
                     [](const auto& p) -> std::int64_t {
                       using T = std::decay_t<decltype(p)>;
                       if constexpr (std::is_same_v<T, std::monostate>) return 0;
                       if constexpr (std::is_same_v<T, PreCommitSectorParams>) return 25'000'000;
                       if constexpr (std::is_same_v<T, PreCommitSectorBatchParams>) return 15'000'000 + 5'000'000 * count(p.sectors.size());
                       if constexpr (std::is_same_v<T, ProveCommitSectorParams>) return 45'000'000;
                       if constexpr (std::is_same_v<T, ProveCommitAggregateParams>) return 50'000'000 + 8'000'000 * count(p.sector_numbers.size());
                       if constexpr (std::is_same_v<T, TerminateSectorsParams>) return 30'000'000 + 1'000'000 * declared_sectors(p.terminations);
                       if constexpr (std::is_same_v<T, DeclareFaultsParams>) return 20'000'000 + 500'000 * declared_sectors(p.faults);
                       if constexpr (std::is_same_v<T, DeclareFaultsRecoveredParams>) return 20'000'000 + 500'000 * declared_sectors(p.recoveries);
                       if constexpr (std::is_same_v<T, SubmitWindowedPoStParams>) return 40'000'000 + 2'000'000 * count(p.partitions.size());
                       if constexpr (std::is_same_v<T, WithdrawMinerBalanceParams>) return 5'000'000;
                       if constexpr (std::is_same_v<T, PublishStorageDealsParams>) return 15'000'000 + 8'000'000 * count(p.deals.size());
                       if constexpr (std::is_same_v<T, AddBalanceParams>) return 5'000'000;
                       if constexpr (std::is_same_v<T, WithdrawBalanceParams>) return 5'000'000;
                     },
                     message.params);
}

GasEstimate estimate_gas(const ChainConfig& config, TokenAmount base_fee, const Message& message,
                         std::optional<TokenAmount> max_fee) {
  GasEstimate estimate;
  estimate.gas_limit = gas_used_by(message) * config.gas_overestimation_percent / 100;
  estimate.gas_premium = config.gas_premium;
  estimate.gas_fee_cap = base_fee * 2 + config.gas_premium;
  if (max_fee && estimate.gas_fee_cap * estimate.gas_limit > *max_fee) {
    estimate.gas_fee_cap = *max_fee / estimate.gas_limit;
    estimate.gas_premium = min_amount(estimate.gas_premium, estimate.gas_fee_cap);
  }
  return estimate;
}

}  // namespace sealsim::chain
