// fake_clock.hpp: a discrete-event clock for tests: timers fire in deadline order (ties in
// scheduling order) when the test advances time.
#pragma once

#include <functional>
#include <map>
#include <utility>

#include "sealing/clock.hpp"

namespace sealsim::sealing::test {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(SimSeconds start) : now_(start) {}
  SimSeconds now() const override { return now_; }
  TimerId schedule_at(SimSeconds deadline, std::function<void()> callback) override {
    const TimerId id = next_id_++;
    timers_.emplace(std::make_pair(deadline, id), std::move(callback));
    return id;
  }
  bool cancel(TimerId id) override {
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->first.second == id) {
        timers_.erase(it);
        return true;
      }
    }
    return false;
  }
  // Advances to `until`, firing every timer due on the way (timers scheduled by callbacks too).
  void advance_to(SimSeconds until) {
    while (!timers_.empty() && timers_.begin()->first.first <= until) {
      auto node = timers_.extract(timers_.begin());
      now_ = std::max(now_, node.key().first);
      node.mapped()();
    }
    now_ = std::max(now_, until);
  }
  std::size_t pending_timers() const { return timers_.size(); }

 private:
  SimSeconds now_;
  TimerId next_id_ = 1;
  std::map<std::pair<SimSeconds, TimerId>, std::function<void()>> timers_;
};

}  // namespace sealsim::sealing::test
