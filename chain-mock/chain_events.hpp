// chain_events.hpp: the events API of the sealing FSM (Lotus events.ChainAt and head-change
// notifications). ChainAt(apply, revert, confidence, h): apply(ts at h, head height) runs once the
// head reaches h + confidence, synchronously at registration when it already has; revert(ts) runs
// when a reorg removes the tipset covering h after apply ran; apply runs again when the new branch
// reaches h + confidence. (Lotus re-runs apply for a reorg above h without a revert; the mock
// applies at most once per revert, the FSM-facing contract of sealing-fsm.md §12.5.) Registrations
// are dropped once the head passes h + confidence + gcConfidence.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "chain-mock/chain_store.hpp"

namespace sealsim::chain {

using HeightApplyFn = std::function<void(const TipSet& at, ChainEpoch head_height)>;
using HeightRevertFn = std::function<void(const TipSet& reverted)>;
using HeadChangeFn = std::function<void(const std::vector<TipSet>& reverted, const std::vector<TipSet>& applied)>;

class ChainEvents {
 public:
  explicit ChainEvents(ChainEpoch gc_confidence) : gc_confidence_(gc_confidence) {}

  std::uint64_t chain_at(const ChainStore& chain, ChainEpoch height, ChainEpoch confidence, HeightApplyFn apply,
                         HeightRevertFn revert);
  void cancel(std::uint64_t id);
  std::uint64_t subscribe_head_changes(HeadChangeFn fn);
  void unsubscribe(std::uint64_t id);

  // Called by the chain after every head change (the chain already shows the new head).
  void notify(const ChainStore& chain, const std::vector<TipSet>& reverted, const std::vector<TipSet>& applied);

  std::size_t pending_registrations() const { return heights_.size(); }

 private:
  struct Registration {
    ChainEpoch height;
    ChainEpoch confidence;
    HeightApplyFn apply;
    HeightRevertFn revert;
    bool applied = false;
  };
  void try_apply(const ChainStore& chain, std::uint64_t id);

  ChainEpoch gc_confidence_;
  std::uint64_t next_id_ = 1;
  std::map<std::uint64_t, Registration> heights_;
  std::map<std::uint64_t, HeadChangeFn> head_subscribers_;
};

}  // namespace sealsim::chain
