// scheduler_trace.hpp: structured trace events of the scheduler (task lifecycle, worker changes)
// for reports; one event per line of the run's trace.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sector_id.hpp"
#include "sealing/storage/request_queue.hpp"
#include "sealing/storage/sim_time.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::sealing {

using WorkerId = std::uint32_t;

enum class SchedulerTraceKind {
  Submitted,
  Assigned,         // placed into a scheduling window of a worker
  PrepareStarted,   // reserved in the worker's preparing budget, fetching inputs
  WorkStarted,      // reserved in the worker's active budget, running
  Finished,
  Failed,
  Requeued,         // back in the queue (its worker was lost)
  NoCapableWorker,  // no connected worker can ever run it as things stand
  WorkerAdded,
  WorkerLost,
  WorkerReconnected,
};

std::string_view to_string(SchedulerTraceKind kind);

struct SchedulerTraceEvent {
  SimTime time{0};
  SchedulerTraceKind kind = SchedulerTraceKind::Submitted;
  std::optional<TaskId> task_id;
  std::optional<WorkerId> worker;
  std::optional<TaskType> task;
  std::optional<SectorId> sector;
  std::string detail;  // error text, queue wait, ...
};

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

}  // namespace sealsim::sealing
