// pre_commit_policy.cpp: BasicPreCommitPolicy.Expiration (spec §12.3).
#include "sealing/pre_commit_policy.hpp"

#include <optional>

namespace sealsim::sealing {

Result<ChainEpoch> BasicPreCommitPolicy::expiration(SealingChainApi& api,
                                                    const std::vector<Piece>& pieces) const {
  const Result<ChainHead> head = api.chain_head();
  if (!head) {
    return Result<ChainEpoch>::fail(head.error());
  }
  std::optional<ChainEpoch> end;
  for (const Piece& piece : pieces) {
    if (!piece.deal) {
      continue;
    }
    // Deals that already ended are ignored (Lotus warns).
    if (piece.deal->schedule.end_epoch < head->height) {
      continue;
    }
    if (!end || piece.deal->schedule.end_epoch > *end) {
      end = piece.deal->schedule.end_epoch;
    }
  }
  ChainEpoch result = end ? *end : head->height + duration;
  result += proving_period - (result % proving_period) + proving_boundary - 1;
  return Result<ChainEpoch>::ok(result);
}

}  // namespace sealsim::sealing
