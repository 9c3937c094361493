// chain_clock.hpp: simulated time. The epoch moves only when the driver advances the chain; the
// timestamp of an epoch is genesis + epoch × block delay. Nothing here reads the wall clock.
#pragma once

#include <cstdint>

#include "model/sector_id.hpp"

namespace sealsim::chain {

class ChainClock {
 public:
  ChainClock(std::int64_t genesis_timestamp, std::int64_t block_delay_seconds);

  ChainEpoch epoch() const { return epoch_; }
  std::int64_t now() const { return timestamp_of(epoch_); }
  std::int64_t timestamp_of(ChainEpoch epoch) const { return genesis_ + epoch * block_delay_; }
  // The epoch in progress at a timestamp (floor); timestamps before genesis map to epoch 0.
  ChainEpoch epoch_at(std::int64_t timestamp) const;
  std::int64_t block_delay() const { return block_delay_; }
  std::int64_t genesis_timestamp() const { return genesis_; }

  void tick() { ++epoch_; }
  // Reorgs may replace the head by a shorter branch, so the clock can also be set back.
  void set_epoch(ChainEpoch epoch) { epoch_ = epoch; }

 private:
  std::int64_t genesis_;
  std::int64_t block_delay_;
  ChainEpoch epoch_ = 0;
};

}  // namespace sealsim::chain
