// sim_clock.hpp: the sealing Clock of a scenario run: discrete-event, driven by the engine, which
// fires one due timer at a time (so invariants are checked after each) and keeps the clock in
// step with the chain's timestamps. Timers fire in deadline order, ties in scheduling order.
#pragma once

#include <functional>
#include <map>
#include <utility>

#include "sealing/clock.hpp"

namespace sealsim::scenarios {

class SimClock final : public sealing::Clock {
 public:
  explicit SimClock(sealing::SimSeconds start) : now_(start) {}
  sealing::SimSeconds now() const override { return now_; }
  sealing::TimerId schedule_at(sealing::SimSeconds deadline, std::function<void()> callback) override;
  bool cancel(sealing::TimerId id) override;

  // Fires the earliest timer due at or before `until` (moving the clock to its deadline when that
  // is later than now); false when none is due.
  bool fire_next(sealing::SimSeconds until);
  // Moves the clock forward to `until` (never backwards) without firing anything.
  void move_to(sealing::SimSeconds until) { now_ = std::max(now_, until); }
  std::size_t pending() const { return timers_.size(); }

 private:
  sealing::SimSeconds now_;
  sealing::TimerId next_id_ = 1;
  std::map<std::pair<sealing::SimSeconds, sealing::TimerId>, std::function<void()>> timers_;
  std::map<sealing::TimerId, sealing::SimSeconds> deadlines_;
};

}  // namespace sealsim::scenarios
