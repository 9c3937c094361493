// scheduler_test_support.hpp: helpers shared by the scheduler suites: a scripted timing model and
// the "decent" worker of Lotus's sched_test.go.
#pragma once

#include <map>

#include "sealing/storage/scheduler.hpp"

namespace sealsim::sealing::testing {

inline constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

// Lotus TestSched's worker: 128 GiB RAM, 200 GiB swap, 2 GiB reserved, 32 CPUs, 1 GPU.
inline WorkerResources decent_worker() { return WorkerResources{128 * kGiB, 200 * kGiB, 2 * kGiB, 32, 1}; }

inline std::set<TaskType> every_task_type() {
  std::set<TaskType> all;
  for (const auto& info : all_task_types()) all.insert(info.type);
  return all;
}

// Timing per task id, with a default for tasks not scripted; records the attempts it was asked for.
class ScriptedTimingModel final : public TaskTimingModel {
 public:
  explicit ScriptedTimingModel(SimDuration default_work = std::chrono::seconds(10))
      : default_work_(default_work) {}
  void script(TaskId task_id, TaskTiming timing) { timings_[task_id] = std::move(timing); }
  TaskTiming timing(const TaskAttempt& attempt) override {
    attempts_.push_back(attempt);
    const auto found = timings_.find(attempt.task_id);
    if (found != timings_.end()) return found->second;
    TaskTiming timing;
    timing.work = default_work_;
    return timing;
  }
  const std::vector<TaskAttempt>& attempts() const { return attempts_; }

 private:
  SimDuration default_work_;
  std::map<TaskId, TaskTiming> timings_;
  std::vector<TaskAttempt> attempts_;
};

}  // namespace sealsim::sealing::testing
