// batcher_loop.hpp: the goroutine loop the three batchers share (spec §11), on the simulated
// clock. Lotus's loop selects on a 1-slot notify channel, a timer and a flush request, runs one
// batch attempt, and re-arms the timer. Here each of those wakes one iteration of the batcher's
// body from the clock: a notify iteration is scheduled at the current simulated time (never from
// inside the Add… call that notified), a timer iteration at its deadline, and a flush runs its
// iteration at once, as the caller of Flush blocks in Lotus until the loop has run it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/sector_id.hpp"
#include "sealing/clock.hpp"
#include "sealing/result.hpp"

namespace sealsim::sealing {

// Why an iteration of the loop runs.
enum class BatcherWake { Notify, Timer, Flush };

class BatcherLoop {
 public:
  BatcherLoop(Clock& clock, std::function<void(BatcherWake)> body);
  ~BatcherLoop();
  BatcherLoop(const BatcherLoop&) = delete;
  BatcherLoop& operator=(const BatcherLoop&) = delete;

  // The notify channel: one pending notification at most.
  void notify();
  // Replaces the loop's timer: fires a Timer iteration `delay` seconds from now; nullopt leaves
  // the loop without a timer (nothing queued: Lotus's batchWait returns a nil channel then).
  void arm(std::optional<SimSeconds> delay);
  // A flush request: runs a Flush iteration now.
  void flush();

  bool timer_armed() const { return timer_.has_value(); }
  // The simulated time the timer fires at, when armed.
  std::optional<SimSeconds> timer_deadline() const { return timer_deadline_; }

 private:
  Clock& clock_;
  std::function<void(BatcherWake)> body_;
  std::optional<TimerId> notify_;
  std::optional<TimerId> timer_;
  std::optional<SimSeconds> timer_deadline_;
};

// batchWait(maxWait, slack) of the precommit and commit batchers: the delay before the timer
// fires, from the cutoffs of the queued sectors. nullopt when nothing is queued. Lotus answers 1 ns
// when the earliest cutoff minus slack has passed; the simulated clock counts whole seconds, so
// that is 1 s here, and no wait is shorter than 1 s (0 would let a batch that keeps failing spin
// without simulated time passing).
std::optional<SimSeconds> batch_wait(const std::map<SectorNumber, SimSeconds>& cutoffs, SimSeconds now,
                                     SimSeconds max_wait, SimSeconds slack);

// getPreCommitCutoff / getCommitCutoff's last step: the simulated time by which `cutoff_epoch` is
// reached, counting `block_delay` seconds per epoch from the head; now when already reached.
SimSeconds epoch_cutoff_time(ChainEpoch cutoff_epoch, ChainEpoch head, SimSeconds now,
                             SimSeconds block_delay);

// Answers a waiting Add… caller at the current simulated time, from the clock: as in Lotus the
// answer travels through a channel to a blocked goroutine, never by a call from inside the loop.
template <class T>
void answer_later(Clock& clock, std::function<void(Result<T>)> done, Result<T> result) {
  clock.schedule_at(clock.now(), [done = std::move(done), result = std::move(result)] { done(result); });
}

// The last step of a precommit or commit batch attempt: every sector of each result gets the
// result (with the attempt's error, when part of it failed) through answer_later, and leaves the
// queue (`todo`, `waiting`, `cutoffs`).
template <class BatchResult, class Entry>
void answer_batched_sectors(Clock& clock, const std::vector<BatchResult>& results, const std::string& error,
                            std::map<SectorNumber, Entry>& todo,
                            std::map<SectorNumber, std::vector<std::function<void(Result<BatchResult>)>>>& waiting,
                            std::map<SectorNumber, SimSeconds>& cutoffs) {
  for (const BatchResult& result : results) {
    BatchResult answer = result;
    answer.error = error;
    for (SectorNumber number : result.sectors) {
      for (auto& done : waiting[number]) {
        answer_later(clock, std::move(done), Result<BatchResult>::ok(answer));
      }
      waiting.erase(number);
      todo.erase(number);
      cutoffs.erase(number);
    }
  }
}

}  // namespace sealsim::sealing
