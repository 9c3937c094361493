// fee_config.hpp: the [Fees] configuration the FSM and its batchers use, with Lotus v1.11.0's
// defaults (spec §12.2): the one place these defaults live.
#pragma once

#include <cstdint>

#include "model/token_amount.hpp"

namespace sealsim::sealing {

// A fee cap that grows with the number of sectors in a batch: Base + PerSector × n.
struct BatchFeeConfig {
  TokenAmount base;
  TokenAmount per_sector;
  TokenAmount for_sectors(std::int64_t sectors) const { return base + per_sector * sectors; }
};

struct FeeConfig {
  TokenAmount max_pre_commit_gas_fee = TokenAmount::from_nano(25'000'000);  // 0.025 FIL
  TokenAmount max_commit_gas_fee = TokenAmount::from_nano(50'000'000);      // 0.05 FIL
  BatchFeeConfig max_pre_commit_batch_gas_fee{TokenAmount{}, TokenAmount::from_nano(20'000'000)};
  BatchFeeConfig max_commit_batch_gas_fee{TokenAmount{}, TokenAmount::from_nano(30'000'000)};
  TokenAmount max_terminate_gas_fee = TokenAmount::from_nano(500'000'000);  // 0.5 FIL
  TokenAmount max_window_post_gas_fee = TokenAmount::from_fil(5);
  TokenAmount max_publish_deals_fee = TokenAmount::from_nano(50'000'000);
  TokenAmount max_market_balance_add_fee = TokenAmount::from_nano(7'000'000);
};

}  // namespace sealsim::sealing
