// task_timing_model.hpp: how long a task's prepare (fetch) and work steps take in simulated time,
// and whether they fail. Per scenario; the default derives from published lotus-bench figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/deterministic_rng.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "sealing/storage/request_queue.hpp"
#include "sealing/storage/sim_time.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::sealing {

// One attempt of a task on a worker (an attempt ends when the task finishes or its worker is lost).
struct TaskAttempt {
  TaskId task_id = 0;
  SectorId sector;
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  TaskType task = TaskType::AddPiece;
  std::uint32_t attempt = 0;  // 0 for the first run
  std::uint32_t worker = 0;
};

struct TaskTiming {
  SimDuration prepare{0};
  SimDuration work{0};
  std::optional<std::string> prepare_error;  // the prepare step fails after `prepare`
  std::optional<std::string> work_error;     // the work fails after `work`
};

class TaskTimingModel {
 public:
  virtual ~TaskTimingModel() = default;
  virtual TaskTiming timing(const TaskAttempt& attempt) = 0;
};

// Median duration of a task on one machine, from published lotus-bench runs (sources in the .cpp).
SimDuration published_task_duration(TaskType task, RegisteredSealProof proof);

// Published durations with uniform jitter of ±jitter_percent, drawn per (task, sector, attempt)
// from its own named sub-stream of `rng`, so a duration never depends on the order tasks start.
class PublishedTimingModel final : public TaskTimingModel {
 public:
  explicit PublishedTimingModel(const DeterministicRng& rng, unsigned jitter_percent = 10);
  TaskTiming timing(const TaskAttempt& attempt) override;

 private:
  DeterministicRng rng_;
  unsigned jitter_percent_;
};

}  // namespace sealsim::sealing
