// scheduler_clock_bridge.hpp: keeps the sector-storage scheduler (milliseconds since its start) in
// step with the sealing FSM's clock (simulated unix seconds). Work for the scheduler is posted and
// runs from the clock's driver at the current clock time, never inside the caller; a clock timer
// at the scheduler's next event (rounded up to the second) advances the scheduler, whose task
// completions then run their continuations. So task durations from the timing model are what
// moves the FSM's time, and no continuation runs nested inside another sector's handler.
#pragma once

#include <deque>
#include <functional>
#include <optional>

#include "sealing/clock.hpp"
#include "sealing/storage/scheduler.hpp"

namespace sealsim::sealing {

// The clock second at which `scheduler_time` has passed (rounded up), for a scheduler whose time 0
// was clock time `epoch`: the bridge's mapping, for whoever reads the scheduler's times (reports).
SimSeconds clock_time_of(SimSeconds epoch, SimTime scheduler_time);

class SchedulerClockBridge {
 public:
  // `epoch`: the clock time at which the scheduler's time was 0. One bridge per scheduler.
  SchedulerClockBridge(Scheduler& scheduler, Clock& clock, SimSeconds epoch);
  ~SchedulerClockBridge();  // cancels its timer; never destroy it from its own callbacks
  SchedulerClockBridge(const SchedulerClockBridge&) = delete;
  SchedulerClockBridge& operator=(const SchedulerClockBridge&) = delete;

  // Runs `call` at the current clock time from the clock's driver, after the scheduler has
  // caught up with the clock; calls posted meanwhile run in posting order.
  void post(std::function<void()> call);
  // A change of the farm (a worker lost, back or added) applied like a call: at the current clock
  // time, after the scheduler has caught up with it. Changing the scheduler directly while it
  // lags behind the clock would place the change in its past.
  void change(std::function<void(Scheduler&)> change);

  SimTime scheduler_time(SimSeconds clock_time) const;
  // The clock second at which a scheduler time has passed (rounded up).
  SimSeconds clock_time(SimTime scheduler_time) const;

 private:
  void step();
  void arm(std::optional<SimSeconds> at_least = std::nullopt);

  Scheduler& scheduler_;
  Clock& clock_;
  SimSeconds epoch_;
  std::deque<std::function<void()>> posted_;
  std::optional<TimerId> timer_;
  SimSeconds timer_deadline_ = 0;
  bool stepping_ = false;
};

}  // namespace sealsim::sealing
