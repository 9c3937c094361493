// sealing_config.hpp: the [Sealing] configuration of the FSM with Lotus v1.11.0's defaults
// (spec §12.1): the one place these defaults live.
#pragma once

#include <cstdint>

#include "sealing/clock.hpp"

namespace sealsim::sealing {

struct SealingConfig {
  std::uint64_t max_wait_deals_sectors = 2;
  std::uint64_t max_sealing_sectors = 0;
  std::uint64_t max_sealing_sectors_for_deals = 0;
  SimSeconds wait_deals_delay = 6 * 3600;
  bool always_keep_unsealed_copy = true;
  bool finalize_early = false;
  bool batch_pre_commits = true;
  std::uint64_t max_pre_commit_batch = 256;
  SimSeconds pre_commit_batch_wait = 24 * 3600;
  SimSeconds pre_commit_batch_slack = 3 * 3600;
  bool aggregate_commits = true;
  std::uint64_t min_commit_batch = 4;
  std::uint64_t max_commit_batch = 819;
  SimSeconds commit_batch_wait = 24 * 3600;
  SimSeconds commit_batch_slack = 1 * 3600;
  std::uint64_t aggregate_above_base_fee_atto = 150'000'000;  // 0.15 nanoFIL
  std::uint64_t terminate_batch_max = 100;
  std::uint64_t terminate_batch_min = 1;
  SimSeconds terminate_batch_wait = 5 * 60;
};

// failedCooldown's minRetryTime (spec §8.0), on the simulated clock.
inline constexpr SimSeconds kMinRetryTime = 60;

}  // namespace sealsim::sealing
