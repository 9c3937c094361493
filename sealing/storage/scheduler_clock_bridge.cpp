// scheduler_clock_bridge.cpp: stepping the scheduler on the sealing clock.
#include "sealing/storage/scheduler_clock_bridge.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sealsim::sealing {

SchedulerClockBridge::SchedulerClockBridge(Scheduler& scheduler, Clock& clock, SimSeconds epoch)
    : scheduler_(scheduler), clock_(clock), epoch_(epoch) {
  if (clock_.now() < epoch_) {
    throw std::invalid_argument("scheduler epoch " + std::to_string(epoch_) +
                                " is after the clock's time " + std::to_string(clock_.now()));
  }
  arm();  // a restarted manager: tasks of the old one may still be running
}

SchedulerClockBridge::~SchedulerClockBridge() {
  if (timer_) clock_.cancel(*timer_);
}

SimTime SchedulerClockBridge::scheduler_time(SimSeconds clock_time) const {
  return std::chrono::seconds(clock_time - epoch_);
}

SimSeconds clock_time_of(SimSeconds epoch, SimTime scheduler_time) {
  const std::int64_t ms = scheduler_time.count();
  return epoch + (ms + 999) / 1000;
}

SimSeconds SchedulerClockBridge::clock_time(SimTime scheduler_time) const {
  return clock_time_of(epoch_, scheduler_time);
}

void SchedulerClockBridge::post(std::function<void()> call) {
  posted_.push_back(std::move(call));
  arm(clock_.now());
}

void SchedulerClockBridge::change(std::function<void(Scheduler&)> change) {
  post([this, change = std::move(change)] { change(scheduler_); });
}

void SchedulerClockBridge::arm(std::optional<SimSeconds> at_least) {
  if (stepping_) return;  // the step re-arms when it ends
  std::optional<SimSeconds> due = at_least;
  if (!posted_.empty()) due = clock_.now();
  if (const auto next = scheduler_.next_event_time()) {
    const SimSeconds event_due = std::max(clock_.now(), clock_time(*next));
    due = due ? std::min(*due, event_due) : event_due;
  }
  if (!due) return;
  if (timer_ && timer_deadline_ <= *due) return;
  if (timer_) clock_.cancel(*timer_);
  timer_deadline_ = *due;
  timer_ = clock_.schedule_at(*due, [this] { step(); });
}

void SchedulerClockBridge::step() {
  timer_.reset();
  stepping_ = true;
  try {
    const SimTime target = std::max(scheduler_.now(), scheduler_time(clock_.now()));
    scheduler_.advance_to(target);
    while (!posted_.empty()) {
      std::deque<std::function<void()>> calls = std::move(posted_);
      posted_.clear();
      for (auto& call : calls) call();
      scheduler_.advance_to(target);
    }
  } catch (...) {
    stepping_ = false;
    throw;
  }
  stepping_ = false;
  arm();
}

}  // namespace sealsim::sealing
