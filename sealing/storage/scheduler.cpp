// scheduler.cpp: discrete-event scheduler (see scheduler.hpp for the model and its deviations).
#include "sealing/storage/scheduler.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace sealsim::sealing {
namespace {

std::uint32_t task_bit(TaskType task) { return std::uint32_t{1} << static_cast<unsigned>(task); }

std::uint32_t task_mask(const std::set<TaskType>& tasks) {
  std::uint32_t mask = 0;
  for (TaskType task : tasks) mask |= task_bit(task);
  return mask;
}

// Requests without a selector are interchangeable for placement when task type and proof agree.
using PlacementClass = std::pair<TaskType, RegisteredSealProof>;

}  // namespace

std::string_view to_string(TaskStatus status) {
  switch (status) {
    case TaskStatus::Queued: return "Queued";
    case TaskStatus::NoCapableWorker: return "NoCapableWorker";
    case TaskStatus::Assigned: return "Assigned";
    case TaskStatus::Preparing: return "Preparing";
    case TaskStatus::WaitingForResources: return "WaitingForResources";
    case TaskStatus::Running: return "Running";
    case TaskStatus::Done: return "Done";
    case TaskStatus::Failed: return "Failed";
  }
  return "Unknown";
}

Scheduler::Scheduler(TaskTimingModel& timing, SchedulerOptions options, SchedulerTraceSink* trace)
    : timing_(timing), options_(options), trace_(trace) {
  if (options_.windows_per_worker == 0) {
    throw std::invalid_argument("scheduler needs at least one window per worker");
  }
  if (options_.parallel_fraction.denominator == 0) {
    throw std::invalid_argument("scheduler parallel fraction has a zero denominator");
  }
}

WorkerId Scheduler::add_worker(WorkerSpec spec) {
  const auto id = static_cast<WorkerId>(workers_.size());
  WorkerState state;
  state.spec = std::move(spec);
  state.task_mask = task_mask(state.spec.task_types);
  workers_.push_back(std::move(state));
  trace(SchedulerTraceKind::WorkerAdded, std::nullopt, id, workers_.back().spec.name);
  dirty_ = true;
  return id;
}

void Scheduler::disconnect_worker(WorkerId worker) {
  WorkerState& state = worker_state(worker);
  state.utilization_cache.reset();
  if (!state.connected) return;
  state.connected = false;
  trace(SchedulerTraceKind::WorkerLost, std::nullopt, worker, state.spec.name);
  std::deque<SchedulingWindow> windows = std::move(state.windows);
  state.windows.clear();
  for (const SchedulingWindow& window : windows) {
    for (const WindowTask& task : window.todo) requeue(task.task_id, "worker lost before start");
  }
  const std::set<TaskId> held = std::move(state.held);
  state.held.clear();
  state.waiting_for_active.clear();
  for (TaskId task_id : held) {
    TaskRecord& task = record(task_id);
    if (task.status == TaskStatus::Running) {
      state.active.release(task.placed);
    } else {
      state.preparing.release(task.placed);
    }
    if (task.work_started && task.request.on_abandoned) task.request.on_abandoned();
    task.work_started = false;
    requeue(task_id, "worker lost during " + std::string(to_string(task.status)));
  }
  dirty_ = true;
}

void Scheduler::reconnect_worker(WorkerId worker) {
  WorkerState& state = worker_state(worker);
  if (state.connected) return;
  state.connected = true;
  trace(SchedulerTraceKind::WorkerReconnected, std::nullopt, worker, state.spec.name);
  dirty_ = true;
}

TaskId Scheduler::submit(TaskRequest request) {
  const auto id = static_cast<TaskId>(tasks_.size());
  TaskRecord task;
  task.needs = task_resources(request.task, request.proof);
  task.request = std::move(request);
  task.sequence = id;
  task.submitted_at = now_;
  tasks_.push_back(std::move(task));
  const TaskRecord& stored = tasks_.back();
  queue_.push(QueuedRequest{id, stored.request.sector, stored.request.task,
                            stored.request.priority, stored.sequence});
  ++unfinished_;
  trace(SchedulerTraceKind::Submitted, id, std::nullopt);
  dirty_ = true;
  return id;
}

void Scheduler::watch(TaskId task_id, std::function<void(const TaskOutcome&)> callback) {
  TaskRecord& task = record(task_id);
  if (task.outcome) {
    deferred_callbacks_.push_back([callback = std::move(callback), outcome = *task.outcome] {
      callback(outcome);
    });
    return;
  }
  task.watchers.push_back(std::move(callback));
}

void Scheduler::defer(std::function<void()> callback) {
  deferred_callbacks_.push_back(std::move(callback));
}

std::optional<SimTime> Scheduler::next_event_time() const {
  if (events_.empty()) return std::nullopt;
  return events_.begin()->time;
}

void Scheduler::advance_to(SimTime time) {
  if (time < now_) throw std::invalid_argument("scheduler cannot go back in time");
  settle();
  while (!events_.empty() && events_.begin()->time <= time) {
    now_ = events_.begin()->time;
    while (!events_.empty() && events_.begin()->time == now_) {
      const PendingEvent event = *events_.begin();
      events_.erase(events_.begin());
      handle(event);
    }
    settle();
  }
  now_ = time;
  settle();
}

SimTime Scheduler::run_until_idle() {
  advance_to(now_);
  while (const auto next = next_event_time()) advance_to(*next);
  return now_;
}

void Scheduler::settle() {
  do {
    std::vector<std::function<void()>> callbacks = std::move(deferred_callbacks_);
    deferred_callbacks_.clear();
    for (auto& callback : callbacks) callback();
    schedule_if_needed();
  } while (!deferred_callbacks_.empty());
}

TaskStatus Scheduler::status(TaskId task_id) const { return record(task_id).status; }

const std::optional<TaskOutcome>& Scheduler::outcome(TaskId task_id) const {
  return record(task_id).outcome;
}

std::vector<TaskId> Scheduler::tasks_without_capable_worker() const {
  std::vector<TaskId> result;
  for (const QueuedRequest& request : queue_) {
    if (record(request.task_id).status == TaskStatus::NoCapableWorker) {
      result.push_back(request.task_id);
    }
  }
  return result;
}

const WorkerSpec& Scheduler::worker(WorkerId worker) const { return worker_state(worker).spec; }
bool Scheduler::worker_connected(WorkerId worker) const { return worker_state(worker).connected; }
const ResourceUsage& Scheduler::active_usage(WorkerId worker) const {
  return worker_state(worker).active;
}
const ResourceUsage& Scheduler::preparing_usage(WorkerId worker) const {
  return worker_state(worker).preparing;
}

bool Scheduler::worker_accepts(WorkerId worker, const TaskRecord& task) const {
  const WorkerState& state = workers_[worker];
  if (!state.connected || (state.task_mask & task_bit(task.request.task)) == 0) return false;
  return !task.request.selector || task.request.selector(worker, state.spec);
}

PlacedNeeds Scheduler::placed_on(WorkerId worker, const TaskRecord& task) const {
  return place_needs(task.needs, workers_[worker].spec.resources, options_.parallel_fraction);
}

bool Scheduler::fits_idle_worker(WorkerId worker, const TaskRecord& task) const {
  const WorkerState& state = workers_[worker];
  return state.spec.ignore_resources ||
         ResourceUsage{}.can_take(placed_on(worker, task), state.spec.resources);
}

double Scheduler::worker_utilization(WorkerId worker) const {
  const WorkerState& state = workers_[worker];
  if (state.utilization_cache) return *state.utilization_cache;
  double total = state.active.utilization(state.spec.resources) +
                 state.preparing.utilization(state.spec.resources);
  for (const SchedulingWindow& window : state.windows) {
    total += window.allocated.utilization(state.spec.resources);
  }
  state.utilization_cache = total;
  return total;
}

void Scheduler::schedule_if_needed() {
  if (!dirty_) return;
  dirty_ = false;
  while (scheduling_round()) {
  }
  report_capability();
}

bool Scheduler::scheduling_round() {
  if (queue_.empty()) return false;
  struct OpenWindow {
    WorkerId worker;
    unsigned age;
    double utilization;
    SchedulingWindow window;
  };
  std::vector<OpenWindow> open;  // in (worker, age) order, the order windows are handed over
  for (WorkerId worker = 0; worker < workers_.size(); ++worker) {
    if (!workers_[worker].connected) continue;
    const double utilization = worker_utilization(worker);
    for (unsigned age = 0; age < options_.windows_per_worker; ++age) {
      open.push_back(OpenWindow{worker, age, utilization, {}});
    }
  }
  if (open.empty()) return false;
  // Lotus shuffles, then orders by the selector's preference (lower utilization first) and keeps
  // a worker's windows oldest first; the shuffle is replaced by the worker id.
  std::vector<std::size_t> preference(open.size());
  for (std::size_t i = 0; i < preference.size(); ++i) preference[i] = i;
  std::stable_sort(preference.begin(), preference.end(), [&](std::size_t a, std::size_t b) {
    return open[a].utilization < open[b].utilization;
  });

  std::vector<bool> keep(queue_.size(), true);
  std::set<PlacementClass> exhausted;
  bool assigned_any = false;
  for (std::size_t index = 0; index < queue_.size(); ++index) {
    const TaskId task_id = queue_[index].task_id;
    const TaskRecord& task = record(task_id);
    const bool interchangeable = !task.request.selector;
    const PlacementClass placement_class{task.request.task, task.request.proof};
    if (interchangeable && exhausted.count(placement_class) > 0) continue;
    bool placed = false;
    for (std::size_t slot : preference) {
      OpenWindow& candidate = open[slot];
      if (!worker_accepts(candidate.worker, task)) continue;
      const WorkerState& state = workers_[candidate.worker];
      if (candidate.window.try_add(WindowTask{task_id, placed_on(candidate.worker, task)},
                                   state.spec.resources, state.spec.ignore_resources)) {
        placed = true;
        break;
      }
    }
    if (placed) {
      keep[index] = false;
      assigned_any = true;
    } else if (interchangeable) {
      exhausted.insert(placement_class);
    }
  }
  if (!assigned_any) return false;
  queue_.retain(keep);

  // Hand the filled windows over, in (worker, age) order, then let each receiving worker start.
  std::vector<WorkerId> receivers;
  for (OpenWindow& candidate : open) {
    if (candidate.window.todo.empty()) continue;
    for (const WindowTask& task : candidate.window.todo) {
      TaskRecord& assigned = record(task.task_id);
      assigned.status = TaskStatus::Assigned;
      assigned.worker = candidate.worker;
      trace(SchedulerTraceKind::Assigned, task.task_id, candidate.worker);
    }
    workers_[candidate.worker].windows.push_back(std::move(candidate.window));
    workers_[candidate.worker].utilization_cache.reset();
    workers_[candidate.worker].compaction_needed = true;
    if (receivers.empty() || receivers.back() != candidate.worker) {
      receivers.push_back(candidate.worker);
    }
  }
  for (WorkerId worker : receivers) process_windows(worker);
  return true;
}

void Scheduler::report_capability() {
  std::map<PlacementClass, bool> capable_by_class;
  for (const QueuedRequest& request : queue_) {
    TaskRecord& task = record(request.task_id);
    const PlacementClass placement_class{task.request.task, task.request.proof};
    std::optional<bool> capable;
    if (!task.request.selector) {
      const auto found = capable_by_class.find(placement_class);
      if (found != capable_by_class.end()) capable = found->second;
    }
    if (!capable) {
      bool any = false;
      for (WorkerId worker = 0; worker < workers_.size() && !any; ++worker) {
        any = worker_accepts(worker, task) && fits_idle_worker(worker, task);
      }
      capable = any;
      if (!task.request.selector) capable_by_class.emplace(placement_class, any);
    }
    if (!*capable && task.status == TaskStatus::Queued) {
      task.status = TaskStatus::NoCapableWorker;
      trace(SchedulerTraceKind::NoCapableWorker, request.task_id, std::nullopt,
            "no connected worker offers " + std::string(to_string(task.request.task)) +
                " with enough resources for this sector size");
    } else if (*capable && task.status == TaskStatus::NoCapableWorker) {
      task.status = TaskStatus::Queued;
    }
  }
}

void Scheduler::process_windows(WorkerId worker) {
  WorkerState& state = workers_[worker];
  if (!state.connected) return;
  state.utilization_cache.reset();
  // One compaction pass is a fixpoint; it is needed again only when windows arrived or the first
  // window made room without emptying.
  if (state.compaction_needed) {
    compact_windows(state.windows, state.spec.resources, state.spec.ignore_resources);
    state.compaction_needed = false;
  }
  while (!state.windows.empty()) {
    SchedulingWindow& first = state.windows.front();
    const auto fitting = std::find_if(first.todo.begin(), first.todo.end(), [&](const WindowTask& t) {
      return state.spec.ignore_resources || state.preparing.can_take(t.needs, state.spec.resources);
    });
    if (fitting == first.todo.end()) break;  // head of line: later windows wait
    const WindowTask task = *fitting;
    first.todo.erase(fitting);
    first.allocated.release(task.needs);
    if (first.todo.empty()) {
      state.windows.pop_front();
    } else {
      state.compaction_needed = true;
    }
    start_preparing(worker, task.task_id, task.needs);
  }
}

void Scheduler::start_preparing(WorkerId worker, TaskId task_id, const PlacedNeeds& needs) {
  WorkerState& state = workers_[worker];
  state.utilization_cache.reset();
  TaskRecord& task = record(task_id);
  task.status = TaskStatus::Preparing;
  task.worker = worker;
  task.placed = needs;
  ++task.attempts_started;
  state.preparing.add(needs);
  state.held.insert(task_id);
  task.timing = timing_.timing(TaskAttempt{task_id, task.request.sector, task.request.proof,
                                           task.request.task, task.attempt, worker});
  trace(SchedulerTraceKind::PrepareStarted, task_id, worker);
  push_event(now_ + task.timing.prepare, EventKind::PrepareDone, task_id, task.attempt);
}

void Scheduler::admit_waiting(WorkerId worker) {
  WorkerState& state = workers_[worker];
  state.utilization_cache.reset();
  std::vector<TaskId> still_waiting;
  for (TaskId task_id : state.waiting_for_active) {
    TaskRecord& task = record(task_id);
    if (!state.spec.ignore_resources && !state.active.can_take(task.placed, state.spec.resources)) {
      still_waiting.push_back(task_id);
      continue;
    }
    state.preparing.release(task.placed);
    state.active.add(task.placed);
    task.status = TaskStatus::Running;
    task.started_at = now_;
    trace(SchedulerTraceKind::WorkStarted, task_id, worker);
    std::optional<std::string> start_error;
    if (task.request.on_start) start_error = task.request.on_start(worker);
    if (start_error) {
      state.active.release(task.placed);
      finish(task_id, std::move(start_error));
      continue;
    }
    task.work_started = true;
    push_event(now_ + task.timing.work, EventKind::WorkDone, task_id, task.attempt);
  }
  state.waiting_for_active = std::move(still_waiting);
}

void Scheduler::handle(const PendingEvent& event) {
  TaskRecord& task = record(event.task_id);
  if (task.attempt != event.attempt || !task.worker) return;  // its worker was lost meanwhile
  const WorkerId worker = *task.worker;
  WorkerState& state = workers_[worker];
  state.utilization_cache.reset();
  if (event.kind == EventKind::PrepareDone) {
    if (task.status != TaskStatus::Preparing) return;
    if (task.timing.prepare_error) {
      state.preparing.release(task.placed);
      finish(event.task_id, "prepare: " + *task.timing.prepare_error);
    } else {
      task.status = TaskStatus::WaitingForResources;
      state.waiting_for_active.push_back(event.task_id);
    }
  } else {
    if (task.status != TaskStatus::Running) return;
    std::optional<std::string> error = task.timing.work_error;
    if (!error && task.request.on_work_done) error = task.request.on_work_done(worker);
    state.active.release(task.placed);
    finish(event.task_id, std::move(error));
  }
  admit_waiting(worker);
  process_windows(worker);
  dirty_ = true;
}

void Scheduler::finish(TaskId task_id, std::optional<std::string> error) {
  TaskRecord& task = record(task_id);
  const WorkerId worker = *task.worker;
  workers_[worker].held.erase(task_id);
  const bool ran = task.status == TaskStatus::Running;
  task.status = error ? TaskStatus::Failed : TaskStatus::Done;
  task.work_started = false;
  --unfinished_;
  TaskOutcome outcome;
  outcome.task_id = task_id;
  outcome.status = task.status;
  outcome.worker = worker;
  outcome.submitted_at = task.submitted_at;
  outcome.started_at = task.started_at;
  outcome.finished_at = now_;
  outcome.attempts = task.attempts_started;
  outcome.error = error.value_or("");
  task.outcome = outcome;
  if (trace_ != nullptr) {
    SchedulerTraceEvent event = task_event(error ? SchedulerTraceKind::Failed
                                                 : SchedulerTraceKind::Finished,
                                           task_id, worker, outcome.error);
    if (ran) event.run_time = now_ - task.started_at;
    trace_->record(event);
  }
  if (task.request.on_finished) {
    deferred_callbacks_.push_back(
        [callback = task.request.on_finished, outcome] { callback(outcome); });
  }
  for (auto& watcher : task.watchers) {
    deferred_callbacks_.push_back([callback = std::move(watcher), outcome] { callback(outcome); });
  }
  task.watchers.clear();
}

void Scheduler::requeue(TaskId task_id, const std::string& why) {
  TaskRecord& task = record(task_id);
  const std::optional<WorkerId> worker = task.worker;
  task.status = TaskStatus::Queued;
  task.worker.reset();
  ++task.attempt;
  queue_.push(QueuedRequest{task_id, task.request.sector, task.request.task,
                            task.request.priority, task.sequence});
  trace(SchedulerTraceKind::Requeued, task_id, worker, why);
  dirty_ = true;
}

void Scheduler::push_event(SimTime time, EventKind kind, TaskId task_id, std::uint32_t attempt) {
  events_.insert(PendingEvent{time, next_event_sequence_++, kind, task_id, attempt});
}

SchedulerTraceEvent Scheduler::task_event(SchedulerTraceKind kind, std::optional<TaskId> task_id,
                                          std::optional<WorkerId> worker, std::string detail) const {
  SchedulerTraceEvent event;
  event.time = now_;
  event.kind = kind;
  event.task_id = task_id;
  event.worker = worker;
  if (task_id) {
    const TaskRecord& task = record(*task_id);
    event.task = task.request.task;
    event.sector = task.request.sector;
    if (worker) event.worker_usage = usage_snapshot(*worker);
    if (kind == SchedulerTraceKind::WorkStarted) event.queue_wait = now_ - task.submitted_at;
  }
  event.detail = std::move(detail);
  return event;
}

void Scheduler::trace(SchedulerTraceKind kind, std::optional<TaskId> task_id,
                      std::optional<WorkerId> worker, std::string detail) {
  if (trace_ == nullptr) return;
  trace_->record(task_event(kind, task_id, worker, std::move(detail)));
}

void Scheduler::emit_trace(SchedulerTraceEvent event) {
  if (trace_ == nullptr) return;
  event.time = now_;
  trace_->record(event);
}

WorkerUsageSnapshot Scheduler::usage_snapshot(WorkerId worker) const {
  const WorkerState& state = worker_state(worker);
  return WorkerUsageSnapshot{state.active.tasks(),           state.active.cpu_use(),
                             state.active.gpu_tasks(),       state.active.memory_used_min(),
                             state.active.memory_used_max(), state.preparing.tasks()};
}

void Scheduler::check_invariants() const {
  for (WorkerId worker = 0; worker < workers_.size(); ++worker) {
    const WorkerState& state = workers_[worker];
    const std::string name = "worker " + state.spec.name;
    ResourceUsage preparing;
    ResourceUsage active;
    for (TaskId task_id : state.held) {
      const TaskRecord& task = record(task_id);
      if (task.status == TaskStatus::Running) {
        active.add(task.placed);
      } else if (task.status == TaskStatus::Preparing ||
                 task.status == TaskStatus::WaitingForResources) {
        preparing.add(task.placed);
      } else {
        throw std::logic_error(name + " holds a task in status " +
                               std::string(to_string(task.status)));
      }
    }
    if (!(preparing == state.preparing)) throw std::logic_error(name + ": preparing usage drifted");
    if (!(active == state.active)) throw std::logic_error(name + ": active usage drifted");
    if (!state.spec.ignore_resources) {
      if (!state.active.within(state.spec.resources)) {
        throw std::logic_error(name + ": active tasks over-commit the worker");
      }
      if (!state.preparing.within(state.spec.resources)) {
        throw std::logic_error(name + ": preparing tasks over-commit the worker");
      }
    }
    for (const SchedulingWindow& window : state.windows) {
      ResourceUsage allocated;
      for (const WindowTask& task : window.todo) allocated.add(task.needs);
      if (!(allocated == window.allocated)) throw std::logic_error(name + ": window drifted");
      if (!state.spec.ignore_resources && !window.allocated.within(state.spec.resources)) {
        throw std::logic_error(name + ": a window over-commits the worker");
      }
    }
  }
}

Scheduler::TaskRecord& Scheduler::record(TaskId task_id) {
  if (task_id >= tasks_.size()) throw std::out_of_range("unknown task id " + std::to_string(task_id));
  return tasks_[task_id];
}
const Scheduler::TaskRecord& Scheduler::record(TaskId task_id) const {
  if (task_id >= tasks_.size()) throw std::out_of_range("unknown task id " + std::to_string(task_id));
  return tasks_[task_id];
}
Scheduler::WorkerState& Scheduler::worker_state(WorkerId worker) {
  if (worker >= workers_.size()) throw std::out_of_range("unknown worker id " + std::to_string(worker));
  return workers_[worker];
}
const Scheduler::WorkerState& Scheduler::worker_state(WorkerId worker) const {
  if (worker >= workers_.size()) throw std::out_of_range("unknown worker id " + std::to_string(worker));
  return workers_[worker];
}

}  // namespace sealsim::sealing
