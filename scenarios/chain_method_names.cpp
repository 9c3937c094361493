// chain_method_names.cpp: the scenario names of chain methods.
#include "scenarios/chain_method_names.hpp"

#include <array>

namespace sealsim::scenarios {

namespace {
namespace m = chain::method;
constexpr std::array kNames = {
    ChainMethodName{"SubmitWindowedPoSt", false, m::kSubmitWindowedPoSt},
    ChainMethodName{"PreCommitSector", false, m::kPreCommitSector},
    ChainMethodName{"ProveCommitSector", false, m::kProveCommitSector},
    ChainMethodName{"TerminateSectors", false, m::kTerminateSectors},
    ChainMethodName{"DeclareFaults", false, m::kDeclareFaults},
    ChainMethodName{"DeclareFaultsRecovered", false, m::kDeclareFaultsRecovered},
    ChainMethodName{"WithdrawMinerBalance", false, m::kWithdrawMinerBalance},
    ChainMethodName{"PreCommitSectorBatch", false, m::kPreCommitSectorBatch},
    ChainMethodName{"ProveCommitAggregate", false, m::kProveCommitAggregate},
    ChainMethodName{"AddBalance", true, m::kAddBalance},
    ChainMethodName{"WithdrawBalance", true, m::kWithdrawBalance},
    ChainMethodName{"PublishStorageDeals", true, m::kPublishStorageDeals},
};
}  // namespace

std::span<const ChainMethodName> chain_method_names() { return kNames; }

std::optional<ChainMethodName> find_chain_method(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name == name) return entry;
  }
  return std::nullopt;
}

std::optional<std::string_view> chain_method_name_of(const chain::Message& message) {
  const bool market = message.to == chain::kMarketActor;
  for (const auto& entry : kNames) {
    if (entry.market == market && entry.method == message.method) return entry.name;
  }
  return std::nullopt;
}

}  // namespace sealsim::scenarios
