// chain_clock.cpp: epoch/timestamp conversions.
#include "chain-mock/chain_clock.hpp"

#include "chain-mock/chain_error.hpp"

namespace sealsim::chain {

ChainClock::ChainClock(std::int64_t genesis_timestamp, std::int64_t block_delay_seconds)
    : genesis_(genesis_timestamp), block_delay_(block_delay_seconds) {
  if (block_delay_seconds <= 0) {
    throw ChainError(ChainErrorKind::InvalidArgument,
                     "block delay must be positive, got " + std::to_string(block_delay_seconds));
  }
}

ChainEpoch ChainClock::epoch_at(std::int64_t timestamp) const {
  if (timestamp <= genesis_) return 0;
  return (timestamp - genesis_) / block_delay_;
}

}  // namespace sealsim::chain
