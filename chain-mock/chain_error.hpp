// chain_error.hpp: the one exception of the chain API layer. API calls (state queries, mpool
// pushes, randomness) throw it; actor failures are never exceptions but receipts with exit codes.
#pragma once

#include <stdexcept>
#include <string>

namespace sealsim::chain {

enum class ChainErrorKind {
  Transient,        // injected API failure (the caller should retry)
  NotFound,         // tipset, actor, deal or message unknown
  SectorAllocated,  // StateSectorPreCommitInfo: number allocated but no precommit (ErrSectorAllocated)
  InvalidArgument,  // bad call: randomness from the future, reorg deeper than allowed, ...
  InsufficientFunds,  // mpool push: balance cannot cover value + max gas cost
  NonceConflict,    // mpool push: replacement rules violated
  StatePruned,      // state of a tipset older than the retained window
};

class ChainError : public std::runtime_error {
 public:
  ChainError(ChainErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ChainErrorKind kind() const { return kind_; }

 private:
  ChainErrorKind kind_;
};

}  // namespace sealsim::chain
