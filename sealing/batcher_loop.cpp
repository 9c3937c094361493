// batcher_loop.cpp: the batchers' shared loop and timer arithmetic on the simulated clock.
#include "sealing/batcher_loop.hpp"

#include <algorithm>
#include <utility>

namespace sealsim::sealing {

BatcherLoop::BatcherLoop(Clock& clock, std::function<void(BatcherWake)> body)
    : clock_(clock), body_(std::move(body)) {}

BatcherLoop::~BatcherLoop() {
  if (notify_) {
    clock_.cancel(*notify_);
  }
  if (timer_) {
    clock_.cancel(*timer_);
  }
}

void BatcherLoop::notify() {
  if (notify_) {
    return;  // already have a pending notification
  }
  notify_ = clock_.schedule_at(clock_.now(), [this] {
    notify_.reset();
    body_(BatcherWake::Notify);
  });
}

void BatcherLoop::arm(std::optional<SimSeconds> delay) {
  if (timer_) {
    clock_.cancel(*timer_);
    timer_.reset();
    timer_deadline_.reset();
  }
  if (!delay) {
    return;
  }
  const SimSeconds deadline = clock_.now() + *delay;
  timer_deadline_ = deadline;
  timer_ = clock_.schedule_at(deadline, [this] {
    timer_.reset();
    timer_deadline_.reset();
    body_(BatcherWake::Timer);
  });
}

void BatcherLoop::flush() { body_(BatcherWake::Flush); }

std::optional<SimSeconds> batch_wait(const std::map<SectorNumber, SimSeconds>& cutoffs, SimSeconds now,
                                     SimSeconds max_wait, SimSeconds slack) {
  if (cutoffs.empty()) {
    return std::nullopt;
  }
  SimSeconds earliest = cutoffs.begin()->second;
  for (const auto& [sector, cutoff] : cutoffs) {
    earliest = std::min(earliest, cutoff);
  }
  const SimSeconds send_by = earliest - slack;
  if (send_by < now) {
    return SimSeconds{1};
  }
  return std::max(SimSeconds{1}, std::min(send_by - now, max_wait));
}

SimSeconds epoch_cutoff_time(ChainEpoch cutoff_epoch, ChainEpoch head, SimSeconds now,
                             SimSeconds block_delay) {
  if (cutoff_epoch <= head) {
    return now;
  }
  return now + (cutoff_epoch - head) * block_delay;
}

}  // namespace sealsim::sealing
