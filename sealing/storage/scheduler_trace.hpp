// scheduler_trace.hpp: structured trace events of the sector-storage model (task lifecycle with
// queue waits and run times, worker usage after each change, worker changes, storage path usage)
// for reports; one event per line of the run's trace (to_json / JsonLinesTraceSink). Every field is
// a number, a name or a fixed-order object, so two runs of one scenario give identical lines.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/sector_id.hpp"
#include "sealing/storage/request_queue.hpp"
#include "sealing/storage/sector_file_content.hpp"
#include "sealing/storage/sim_time.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::sealing {

using WorkerId = std::uint32_t;

enum class SchedulerTraceKind {
  Submitted,
  Assigned,         // placed into a scheduling window of a worker
  PrepareStarted,   // reserved in the worker's preparing budget, fetching inputs
  WorkStarted,      // reserved in the worker's active budget, running (queue_wait set)
  Finished,         // run_time set when the work ran
  Failed,           // run_time set when the work ran
  Requeued,         // back in the queue (its worker was lost)
  NoCapableWorker,  // no connected worker can ever run it as things stand
  WorkerAdded,
  WorkerLost,
  WorkerReconnected,
  PathUsage,        // a storage path's used or reserved space changed (path set)
};

std::string_view to_string(SchedulerTraceKind kind);

// Resources a worker holds right after the event: its running tasks (active) and the tasks
// fetching inputs or waiting for the active budget (preparing).
struct WorkerUsageSnapshot {
  std::uint64_t active_tasks = 0;
  std::uint64_t active_cpus = 0;
  std::uint64_t active_gpu_tasks = 0;
  std::uint64_t active_memory_min = 0;
  std::uint64_t active_memory_max = 0;
  std::uint64_t preparing_tasks = 0;
  friend bool operator==(const WorkerUsageSnapshot&, const WorkerUsageSnapshot&) = default;
};

struct PathUsageSnapshot {
  StoragePathId path = 0;
  std::string name;
  std::uint64_t capacity = 0;
  std::uint64_t used = 0;
  std::uint64_t reserved = 0;
  std::uint64_t available = 0;
  friend bool operator==(const PathUsageSnapshot&, const PathUsageSnapshot&) = default;
};

struct SchedulerTraceEvent {
  SimTime time{0};
  SchedulerTraceKind kind = SchedulerTraceKind::Submitted;
  std::optional<TaskId> task_id;
  std::optional<WorkerId> worker;
  std::optional<TaskType> task;
  std::optional<SectorId> sector;
  std::optional<SimDuration> queue_wait;  // WorkStarted: from submission to the work's start
  std::optional<SimDuration> run_time;    // Finished/Failed: from the work's start to its end
  std::optional<WorkerUsageSnapshot> worker_usage;
  std::optional<PathUsageSnapshot> path;
  std::string detail;  // error text, worker name, why a task was re-queued, ...
};

// {"time_ms":…,"event":"TaskWorkStarted",…}: absent fields are left out; durations and sizes are
// integers (milliseconds, bytes), sectors {"miner":…,"number":…}.
nlohmann::ordered_json to_json(const SchedulerTraceEvent& event);

class SchedulerTraceSink {
 public:
  virtual ~SchedulerTraceSink() = default;
  virtual void record(const SchedulerTraceEvent& event) = 0;
};

class VectorTraceSink final : public SchedulerTraceSink {
 public:
  void record(const SchedulerTraceEvent& event) override { events_.push_back(event); }
  const std::vector<SchedulerTraceEvent>& events() const { return events_; }

 private:
  std::vector<SchedulerTraceEvent> events_;
};

// One compact JSON object per line (JSON Lines), for the reports.
class JsonLinesTraceSink final : public SchedulerTraceSink {
 public:
  explicit JsonLinesTraceSink(std::ostream& out) : out_(out) {}
  void record(const SchedulerTraceEvent& event) override;

 private:
  std::ostream& out_;
};

}  // namespace sealsim::sealing
