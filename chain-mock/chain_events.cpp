// chain_events.cpp: height triggers and head-change fan-out. Callbacks may call back into the
// chain (register, cancel, push messages), so iteration goes over copies of the ids.
#include "chain-mock/chain_events.hpp"

namespace sealsim::chain {

std::uint64_t ChainEvents::chain_at(const ChainStore& chain, ChainEpoch height, ChainEpoch confidence, HeightApplyFn apply,
                                    HeightRevertFn revert) {
  std::uint64_t id = next_id_++;
  heights_[id] = Registration{height, confidence, std::move(apply), std::move(revert), false};
  try_apply(chain, id);
  return id;
}

void ChainEvents::cancel(std::uint64_t id) { heights_.erase(id); }

std::uint64_t ChainEvents::subscribe_head_changes(HeadChangeFn fn) {
  std::uint64_t id = next_id_++;
  head_subscribers_[id] = std::move(fn);
  return id;
}

void ChainEvents::unsubscribe(std::uint64_t id) { head_subscribers_.erase(id); }

void ChainEvents::try_apply(const ChainStore& chain, std::uint64_t id) {
  auto it = heights_.find(id);
  if (it == heights_.end() || it->second.applied) return;
  ChainEpoch head = chain.head().tipset.height;
  if (head < it->second.height + it->second.confidence) return;
  it->second.applied = true;
  const ChainNode* at = chain.at_or_after(it->second.height);
  HeightApplyFn apply = it->second.apply;  // the callback may cancel its own registration
  apply(at->tipset, head);
}

void ChainEvents::notify(const ChainStore& chain, const std::vector<TipSet>& reverted, const std::vector<TipSet>& applied) {
  std::vector<std::uint64_t> ids;
  for (const auto& [id, reg] : heights_) ids.push_back(id);
  // Reverts: a reverted tipset covers the heights (parent height, height].
  for (const TipSet& ts : reverted) {
    for (std::uint64_t id : ids) {
      auto it = heights_.find(id);
      if (it == heights_.end() || !it->second.applied) continue;
      if (it->second.height > ts.parent_height && it->second.height <= ts.height) {
        it->second.applied = false;
        HeightRevertFn revert = it->second.revert;
        if (revert) revert(ts);
      }
    }
  }
  for (std::uint64_t id : ids) try_apply(chain, id);
  ChainEpoch head = chain.head().tipset.height;
  for (auto it = heights_.begin(); it != heights_.end();) {
    const Registration& r = it->second;
    it = r.applied && head > r.height + r.confidence + gc_confidence_ ? heights_.erase(it) : std::next(it);
  }
  std::vector<std::uint64_t> subscribers;
  for (const auto& [id, fn] : head_subscribers_) subscribers.push_back(id);
  for (std::uint64_t id : subscribers) {
    auto it = head_subscribers_.find(id);
    if (it == head_subscribers_.end()) continue;
    HeadChangeFn fn = it->second;
    fn(reverted, applied);
  }
}

}  // namespace sealsim::chain
