// sim_clock.cpp: the scenario run's discrete-event clock.
#include "scenarios/sim_clock.hpp"

namespace sealsim::scenarios {

sealing::TimerId SimClock::schedule_at(sealing::SimSeconds deadline, std::function<void()> callback) {
  const sealing::TimerId id = next_id_++;
  timers_.emplace(std::make_pair(deadline, id), std::move(callback));
  deadlines_.emplace(id, deadline);
  return id;
}

bool SimClock::cancel(sealing::TimerId id) {
  const auto it = deadlines_.find(id);
  if (it == deadlines_.end()) return false;
  timers_.erase(std::make_pair(it->second, id));
  deadlines_.erase(it);
  return true;
}

bool SimClock::fire_next(sealing::SimSeconds until) {
  if (timers_.empty() || timers_.begin()->first.first > until) return false;
  auto node = timers_.extract(timers_.begin());
  deadlines_.erase(node.key().second);
  now_ = std::max(now_, node.key().first);
  node.mapped()();
  return true;
}

}  // namespace sealsim::scenarios
