// clock.hpp: simulated time for the sealing FSM. Every wait (retry cooldowns, WaitDeals timers,
// batch timers, finality sleeps) is measured on this clock, never the wall clock. The simulation
// is single-threaded and discrete-event: a timer's callback runs when the driver advances the
// clock past its deadline, in deadline order, ties in scheduling order.
#pragma once

#include <cstdint>
#include <functional>

namespace sealsim::sealing {

using SimSeconds = std::int64_t;  // simulated unix seconds

using TimerId = std::uint64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SimSeconds now() const = 0;
  // Runs `callback` once at `deadline` (immediately on the next driver step when not in the
  // future). Returns an id for cancel().
  virtual TimerId schedule_at(SimSeconds deadline, std::function<void()> callback) = 0;
  // True when the timer was pending and is now cancelled; false when it already fired (Lotus's
  // time.Timer.Stop result, which maybeStartSealing relies on) or never existed.
  virtual bool cancel(TimerId id) = 0;
};

}  // namespace sealsim::sealing
