// scheduler.hpp: the sector-storage scheduler as a deterministic discrete-event model (spec
// sealing-fsm.md §14.6; Lotus v1.11.0 sched.go, sched_worker.go). No threads, no wall clock: the
// caller submits tasks, connects and loses workers, and advances simulated time; task durations and
// failures come from a TaskTimingModel.
//
// Model of Lotus's behaviour, with the deviations named:
// * Every connected worker keeps `windows_per_worker` open windows; a scheduling round fills them
//   from the queue (queue order; per request, acceptable windows ordered by the worker's
//   utilization, then — instead of Lotus's random shuffle — by worker id, then window age) and
//   hands the non-empty ones to their workers, which request new ones at once; rounds repeat until
//   one assigns nothing. Submissions and events of one instant are batched into the same rounds.
// * Lotus's 3 s InitWait and its 10 s heartbeat are not modelled: a worker is lost when the driver
//   says so. Running and assigned tasks of a lost worker go back to the queue.
// * A worker starts tasks from its oldest window: the first task fitting its preparing budget;
//   if none fits, later windows wait (head of line). A prepared task runs once its active budget
//   can take it; prepared tasks are admitted in the order they finished preparing.
// * A queued task that no connected worker could run even when idle is reported
//   (NoCapableWorker trace event, status, tasks_without_capable_worker()); Lotus waits silently.
//   It stays queued and runs if a capable worker connects later.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "sealing/storage/request_queue.hpp"
#include "sealing/storage/scheduler_trace.hpp"
#include "sealing/storage/scheduling_window.hpp"
#include "sealing/storage/sim_time.hpp"
#include "sealing/storage/task_timing_model.hpp"
#include "sealing/storage/task_type.hpp"
#include "sealing/storage/worker_resources.hpp"

namespace sealsim::sealing {

struct WorkerSpec {
  std::string name;
  std::set<TaskType> task_types;
  WorkerResources resources;
  bool ignore_resources = false;  // Lotus test workers that accept any task of their types
};

enum class TaskStatus {
  Queued,
  NoCapableWorker,  // queued, and no connected worker can run it
  Assigned,         // in a window of a worker
  Preparing,
  WaitingForResources,  // prepared, waiting for the worker's active budget
  Running,
  Done,
  Failed,
};

std::string_view to_string(TaskStatus status);

struct TaskOutcome {
  TaskId task_id = 0;
  TaskStatus status = TaskStatus::Done;  // Done or Failed
  WorkerId worker = 0;
  SimTime submitted_at{0};
  SimTime started_at{0};  // when its work started (its prepare step ended)
  SimTime finished_at{0};
  std::uint32_t attempts = 0;  // runs started, including ones lost with their worker
  std::string error;
};

struct TaskRequest {
  TaskRequest() = default;
  TaskRequest(SectorId sector_id, RegisteredSealProof sector_proof, TaskType task_type,
              int task_priority = 0)
      : sector(sector_id), proof(sector_proof), task(task_type), priority(task_priority) {}

  SectorId sector;
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  TaskType task = TaskType::AddPiece;
  int priority = 0;  // kDealSectorPriority for deal sectors
  // Lotus selector: may this worker run the task (it holds the sector's files, ...)? Empty: any
  // worker offering the task type.
  std::function<bool(WorkerId, const WorkerSpec&)> selector;
  // Called once, when the task is done or has failed. May submit further tasks.
  std::function<void(const TaskOutcome&)> on_finished;
  // The worker's side effects when the work of an attempt starts (acquiring sector files,
  // reserving space). An error fails the task at once, without its work duration. Runs inside the
  // scheduler: it must not call back into it.
  std::function<std::optional<std::string>(WorkerId)> on_start;
  // The worker's side effects when the work ends, before its resources are freed (writing
  // results, declaring files); an error fails the task. Not called when the timing model failed
  // the work. Runs inside the scheduler, like on_start.
  std::function<std::optional<std::string>(WorkerId)> on_work_done;
  // The attempt whose on_start succeeded was lost with its worker (the task goes back to the
  // queue): give back what on_start took. Runs inside the scheduler, like on_start.
  std::function<void()> on_abandoned;
};

struct SchedulerOptions {
  ParallelFraction parallel_fraction;
  unsigned windows_per_worker = 2;  // Lotus SchedWindows
};

class Scheduler {
 public:
  explicit Scheduler(TaskTimingModel& timing, SchedulerOptions options = {},
                     SchedulerTraceSink* trace = nullptr);

  WorkerId add_worker(WorkerSpec spec);
  // The worker is gone: its windows' tasks and its running tasks are re-queued, their
  // reservations released, and their pending completions discarded.
  void disconnect_worker(WorkerId worker);
  void reconnect_worker(WorkerId worker);

  TaskId submit(TaskRequest request);
  // Re-attaches to a task by id (Lotus re-attaching to a worker call after a restart): `callback`
  // runs when the task ends, after its own on_finished, or at the next settling point when it has
  // already ended.
  void watch(TaskId task_id, std::function<void(const TaskOutcome&)> callback);
  // Runs `callback` at the next settling point (advance_to), never inside the caller.
  void defer(std::function<void()> callback);

  SimTime now() const { return now_; }
  // The time of the next task step ending, if any.
  std::optional<SimTime> next_event_time() const;
  // Handles every event up to and including `time` (scheduling after each instant), then sets
  // the clock to `time`. Throws std::invalid_argument for a time in the past.
  void advance_to(SimTime time);
  // Advances from event to event until none is left; returns the time reached.
  SimTime run_until_idle();

  TaskStatus status(TaskId task_id) const;
  // Set once the task is done or failed.
  const std::optional<TaskOutcome>& outcome(TaskId task_id) const;
  std::vector<TaskId> tasks_without_capable_worker() const;
  std::size_t task_count() const { return tasks_.size(); }
  std::size_t unfinished_count() const { return unfinished_; }

  std::size_t worker_count() const { return workers_.size(); }
  const WorkerSpec& worker(WorkerId worker) const;
  bool worker_connected(WorkerId worker) const;
  const ResourceUsage& active_usage(WorkerId worker) const;
  const ResourceUsage& preparing_usage(WorkerId worker) const;

  // Stamps `event` with the current time and hands it to the trace sink, if any (the sector
  // manager's storage events share the scheduler's trace).
  void emit_trace(SchedulerTraceEvent event);
  bool tracing() const { return trace_ != nullptr; }

  // Throws std::logic_error when a worker's preparing or active usage exceeds its resources or
  // differs from the sum of the tasks it holds, or a window's allocation from its tasks.
  void check_invariants() const;

 private:
  struct TaskRecord {
    TaskRequest request;
    TaskResources needs;
    TaskStatus status = TaskStatus::Queued;
    std::uint64_t sequence = 0;
    std::uint32_t attempt = 0;
    std::uint32_t attempts_started = 0;
    std::optional<WorkerId> worker;
    PlacedNeeds placed;
    TaskTiming timing;
    SimTime submitted_at{0};
    SimTime started_at{0};
    bool work_started = false;  // on_start ran for the current attempt
    std::optional<TaskOutcome> outcome;
    std::vector<std::function<void(const TaskOutcome&)>> watchers;
  };
  struct WorkerState {
    WorkerSpec spec;
    bool connected = true;
    std::deque<SchedulingWindow> windows;  // handed over, not yet started
    ResourceUsage preparing;
    ResourceUsage active;
    std::vector<TaskId> waiting_for_active;  // prepared, in the order they finished preparing
    std::set<TaskId> held;                   // preparing, waiting or running here
    std::uint32_t task_mask = 0;             // bit per offered TaskType
    // Sum of active, preparing and window utilizations; reset whenever any of them changes.
    mutable std::optional<double> utilization_cache;
    bool compaction_needed = false;
  };
  enum class EventKind { PrepareDone, WorkDone };
  struct PendingEvent {
    SimTime time{0};
    std::uint64_t sequence = 0;
    EventKind kind = EventKind::WorkDone;
    TaskId task_id = 0;
    std::uint32_t attempt = 0;
    friend bool operator<(const PendingEvent& a, const PendingEvent& b) {
      if (a.time != b.time) return a.time < b.time;
      return a.sequence < b.sequence;
    }
  };

  bool worker_accepts(WorkerId worker, const TaskRecord& task) const;
  bool fits_idle_worker(WorkerId worker, const TaskRecord& task) const;
  PlacedNeeds placed_on(WorkerId worker, const TaskRecord& task) const;
  double worker_utilization(WorkerId worker) const;

  void settle();  // runs deferred callbacks and scheduling rounds until both are quiet
  void schedule_if_needed();
  bool scheduling_round();
  void report_capability();
  void process_windows(WorkerId worker);
  void start_preparing(WorkerId worker, TaskId task_id, const PlacedNeeds& needs);
  void admit_waiting(WorkerId worker);
  void handle(const PendingEvent& event);
  void finish(TaskId task_id, std::optional<std::string> error);
  void requeue(TaskId task_id, const std::string& why);
  void push_event(SimTime time, EventKind kind, TaskId task_id, std::uint32_t attempt);
  // Task events on a worker carry its usage after the change; WorkStarted its queue wait,
  // Finished/Failed their run time.
  void trace(SchedulerTraceKind kind, std::optional<TaskId> task_id, std::optional<WorkerId> worker,
             std::string detail = {});
  SchedulerTraceEvent task_event(SchedulerTraceKind kind, std::optional<TaskId> task_id,
                                 std::optional<WorkerId> worker, std::string detail) const;
  WorkerUsageSnapshot usage_snapshot(WorkerId worker) const;
  TaskRecord& record(TaskId task_id);
  const TaskRecord& record(TaskId task_id) const;
  WorkerState& worker_state(WorkerId worker);
  const WorkerState& worker_state(WorkerId worker) const;

  TaskTimingModel& timing_;
  SchedulerOptions options_;
  SchedulerTraceSink* trace_;
  SimTime now_{0};
  std::deque<TaskRecord> tasks_;  // indexed by TaskId; deque keeps references stable on submit
  std::vector<WorkerState> workers_;
  RequestQueue queue_;
  std::set<PendingEvent> events_;
  std::uint64_t next_event_sequence_ = 0;
  std::size_t unfinished_ = 0;
  bool dirty_ = false;
  std::vector<std::function<void()>> deferred_callbacks_;
};

}  // namespace sealsim::sealing
