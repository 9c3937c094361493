// scenario_timing_model.hpp: the scenario's duration model for the sector-storage scheduler: every
// attempt of a task takes the scenario's `durations` entry for its task type (simulated seconds;
// absent: 0, done at the scheduler's next step), and fails after that time while task_fault events
// have attempts of its type left to fail. Deterministic by construction (no jitter).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sealing/clock.hpp"
#include "sealing/storage/task_timing_model.hpp"

namespace sealsim::scenarios {

class ScenarioTimingModel final : public sealing::TaskTimingModel {
 public:
  explicit ScenarioTimingModel(std::map<std::string, sealing::SimSeconds> durations)
      : durations_(std::move(durations)) {}

  sealing::TaskTiming timing(const sealing::TaskAttempt& attempt) override {
    sealing::TaskTiming out;
    const auto found = durations_.find(std::string(sealing::to_string(attempt.task)));
    if (found != durations_.end()) out.work = std::chrono::seconds(found->second);
    auto& failing = failures_[attempt.task];
    if (failing > 0) {
      --failing;
      out.work_error = "injected " + std::string(sealing::to_string(attempt.task)) + " failure (scenario task_fault)";
    }
    return out;
  }

  // The next `count` attempts of `task` fail.
  void fail_next(sealing::TaskType task, std::uint64_t count) { failures_[task] += count; }

 private:
  std::map<std::string, sealing::SimSeconds> durations_;
  std::map<sealing::TaskType, std::uint64_t> failures_;
};

}  // namespace sealsim::scenarios
