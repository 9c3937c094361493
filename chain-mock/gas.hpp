// gas.hpp: gas usage of messages and Lotus-style estimation. Usage is a fixed approximation per
// method (plus a per-item term for batches), not a VM measurement; estimation over-estimates the
// limit by ChainConfig::gas_overestimation_percent and caps the fee at the caller's max fee
// (Lotus capGasFee).
#pragma once

#include <cstdint>
#include <optional>

#include "chain-mock/chain_config.hpp"
#include "chain-mock/message.hpp"

namespace sealsim::chain {

std::int64_t gas_used_by(const Message& message);

struct GasEstimate {
  std::int64_t gas_limit = 0;
  TokenAmount gas_fee_cap;
  TokenAmount gas_premium;
};

GasEstimate estimate_gas(const ChainConfig& config, TokenAmount base_fee, const Message& message,
                         std::optional<TokenAmount> max_fee);

}  // namespace sealsim::chain
