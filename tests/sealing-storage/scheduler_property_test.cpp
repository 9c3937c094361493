// scheduler_property_test.cpp: RapidCheck properties of the scheduler over random workers and
// random task streams (with a worker lost and back at random times): no worker is ever
// over-committed (the running tasks replayed from the trace after every event, and the
// scheduler's own accounting after every instant), every task with a capable worker runs to its
// end (liveness), and every task without one is reported as such (status, list, trace event).
// Capability and resource sums are recomputed here from the spec's formulas, not through the
// scheduler's own checks.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sealing/storage/scheduler.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

struct GeneratedWorker {
  std::set<TaskType> tasks;
  WorkerResources resources;
  bool ignore_resources = false;
};

struct GeneratedTask {
  TaskType task = TaskType::AddPiece;
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  SectorNumber sector = 0;
  int priority = 0;
  int submit_s = 0;
  int prepare_s = 0;
  int work_s = 1;
  bool fails = false;
};

rc::Gen<GeneratedWorker> gen_worker() {
  return rc::gen::apply(
      [](std::vector<TaskType> tasks, std::uint64_t memory_gib, std::uint64_t swap_gib,
         std::uint64_t cpus, std::uint64_t gpus, bool ignore) {
        GeneratedWorker worker;
        worker.tasks.insert(tasks.begin(), tasks.end());
        worker.resources = WorkerResources{memory_gib * kGiB, swap_gib * kGiB, kGiB / 2, cpus, gpus};
        worker.ignore_resources = ignore;
        return worker;
      },
      rc::gen::container<std::vector<TaskType>>(rc::gen::element(
          TaskType::AddPiece, TaskType::PreCommit1, TaskType::PreCommit2, TaskType::Commit1,
          TaskType::Commit2, TaskType::Finalize, TaskType::Fetch, TaskType::Unseal)),
      rc::gen::element<std::uint64_t>(1, 16, 64, 128, 256, 512),
      rc::gen::element<std::uint64_t>(0, 64, 200), rc::gen::element<std::uint64_t>(1, 2, 8, 32, 64),
      rc::gen::element<std::uint64_t>(0, 1, 2), rc::gen::weightedElement<bool>({{9, false}, {1, true}}));
}

rc::Gen<GeneratedTask> gen_task() {
  return rc::gen::apply(
      [](TaskType task, RegisteredSealProof proof, SectorNumber sector, bool deal, int submit_s,
         int prepare_s, int work_s, bool fails) {
        return GeneratedTask{task, proof, sector, deal ? kDealSectorPriority : 0, submit_s,
                             prepare_s, work_s, fails};
      },
      rc::gen::element(TaskType::AddPiece, TaskType::PreCommit1, TaskType::PreCommit2,
                       TaskType::Commit1, TaskType::Commit2, TaskType::Finalize, TaskType::Fetch,
                       TaskType::Unseal),
      rc::gen::element(RegisteredSealProof::StackedDrg2KiBV1_1, RegisteredSealProof::StackedDrg8MiBV1,
                       RegisteredSealProof::StackedDrg512MiBV1_1,
                       RegisteredSealProof::StackedDrg32GiBV1_1,
                       RegisteredSealProof::StackedDrg64GiBV1_1),
      rc::gen::inRange<SectorNumber>(0, 20), rc::gen::arbitrary<bool>(), rc::gen::inRange(0, 50),
      rc::gen::inRange(0, 3), rc::gen::inRange(0, 30),
      rc::gen::weightedElement<bool>({{9, false}, {1, true}}));
}

std::uint64_t threads_on(const TaskResources& needs, const WorkerResources& r) {
  if (needs.max_parallelism != -1) return static_cast<std::uint64_t>(needs.max_parallelism);
  const std::uint64_t threads = r.cpus * 92 / 100;
  return threads == 0 ? r.cpus : threads;
}

// An idle worker can take the task: spec §14.6 canHandleRequest with nothing allocated.
bool capable(const GeneratedWorker& worker, const GeneratedTask& task) {
  if (worker.tasks.count(task.task) == 0) return false;
  if (worker.ignore_resources) return true;
  const TaskResources needs = task_resources(task.task, task.proof);
  const WorkerResources& r = worker.resources;
  const std::uint64_t threads = threads_on(needs, r);
  return r.memory_reserved + needs.min_memory + needs.base_min_memory <= r.memory_physical &&
         r.memory_reserved + needs.max_memory + needs.base_min_memory <=
             r.memory_physical + r.memory_swap &&
         threads <= r.cpus;
}

// Replays the trace independently of the scheduler's own accounting: the tasks running on each
// worker (from WorkStarted until Finished, Failed or Requeued), checked after every event against
// the worker by the spec's sums (§14.6: reserved + Σ min ≤ physical, reserved + Σ max ≤ physical
// + swap, Σ threads ≤ CPUs, one GPU task at a time).
class OverCommitWatch final : public SchedulerTraceSink {
 public:
  explicit OverCommitWatch(const std::vector<GeneratedWorker>& workers) : workers_(workers) {}
  std::map<TaskId, GeneratedTask> tasks;  // filled as tasks are submitted
  std::set<TaskId> reported_without_worker;
  std::string violation;

  void record(const SchedulerTraceEvent& event) override {
    if (event.kind == SchedulerTraceKind::NoCapableWorker) reported_without_worker.insert(*event.task_id);
    if (!event.task_id || !event.worker) return;
    auto& running = running_[*event.worker];
    if (event.kind == SchedulerTraceKind::WorkStarted) {
      running.insert(*event.task_id);
    } else if (event.kind == SchedulerTraceKind::Finished || event.kind == SchedulerTraceKind::Failed ||
               event.kind == SchedulerTraceKind::Requeued) {
      running.erase(*event.task_id);
    }
    check(*event.worker, running, event.time);
  }

 private:
  void check(WorkerId worker, const std::set<TaskId>& running, SimTime time) {
    const GeneratedWorker& spec = workers_.at(worker);
    if (spec.ignore_resources || !violation.empty()) return;
    const WorkerResources& r = spec.resources;
    std::uint64_t min = 0, max = 0, threads = 0, gpu = 0;
    for (TaskId id : running) {
      const GeneratedTask& task = tasks.at(id);
      const TaskResources needs = task_resources(task.task, task.proof);
      min += needs.min_memory;
      max += needs.max_memory;
      threads += threads_on(needs, r);
      if (needs.can_gpu && r.gpus > 0) ++gpu;
    }
    if (r.memory_reserved + min > r.memory_physical || r.memory_reserved + max > r.memory_physical + r.memory_swap ||
        threads > r.cpus || gpu > 1) {
      violation = "worker " + std::to_string(worker) + " over-committed at " +
                  std::to_string(time.count()) + " ms with " + std::to_string(running.size()) +
                  " running tasks";
    }
  }
  const std::vector<GeneratedWorker>& workers_;
  std::map<WorkerId, std::set<TaskId>> running_;
};

struct WorkerOutage {
  std::size_t worker;
  int lost_s;
  int back_s;
};

TEST(SchedulerProperty, NeverOverCommitsAndEveryRunnableTaskRuns) {
  const bool passed = rc::check([] {
    const auto workers = *rc::gen::container<std::vector<GeneratedWorker>>(
        *rc::gen::inRange<std::size_t>(0, 5), gen_worker());
    const auto tasks = *rc::gen::container<std::vector<GeneratedTask>>(
        *rc::gen::inRange<std::size_t>(1, 40), gen_task());
    std::optional<WorkerOutage> outage;
    if (!workers.empty() && *rc::gen::arbitrary<bool>()) {
      const int lost = *rc::gen::inRange(0, 60);
      outage = WorkerOutage{*rc::gen::inRange<std::size_t>(0, workers.size()), lost,
                            lost + *rc::gen::inRange(1, 60)};
    }

    ScriptedTimingModel timing;
    OverCommitWatch watch(workers);
    Scheduler scheduler(timing, {}, &watch);
    for (std::size_t i = 0; i < workers.size(); ++i) {
      scheduler.add_worker(WorkerSpec{"w" + std::to_string(i), workers[i].tasks,
                                      workers[i].resources, workers[i].ignore_resources});
    }
    // Drive time from submission instant to event instant, checking invariants at each one.
    std::vector<std::size_t> order(tasks.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return tasks[a].submit_s < tasks[b].submit_s;
    });
    std::vector<TaskId> ids(tasks.size());
    bool lost = false;
    bool back = false;
    auto drive_until = [&](SimTime until) {
      while (true) {
        std::optional<SimTime> next = scheduler.next_event_time();
        if (outage && !lost && seconds(outage->lost_s) <= until &&
            (!next || seconds(outage->lost_s) <= *next)) {
          scheduler.advance_to(seconds(outage->lost_s));
          scheduler.disconnect_worker(static_cast<WorkerId>(outage->worker));
          lost = true;
          continue;
        }
        if (outage && lost && !back && seconds(outage->back_s) <= until &&
            (!next || seconds(outage->back_s) <= *next)) {
          scheduler.advance_to(seconds(outage->back_s));
          scheduler.reconnect_worker(static_cast<WorkerId>(outage->worker));
          back = true;
          continue;
        }
        if (!next || *next > until) break;
        scheduler.advance_to(*next);
        scheduler.check_invariants();
      }
      scheduler.advance_to(until);
      scheduler.check_invariants();
    };
    for (std::size_t index : order) {
      const GeneratedTask& task = tasks[index];
      drive_until(seconds(task.submit_s));
      ids[index] = scheduler.submit(
          TaskRequest{SectorId{1000, task.sector}, task.proof, task.task, task.priority});
      TaskTiming scripted;
      scripted.prepare = seconds(task.prepare_s);
      scripted.work = seconds(task.work_s);
      if (task.fails) scripted.work_error = "injected failure";
      timing.script(ids[index], scripted);
      watch.tasks[ids[index]] = task;
    }
    drive_until(seconds(1000000));
    RC_ASSERT(!scheduler.next_event_time().has_value());
    RC_ASSERT(watch.violation.empty());
    const std::vector<TaskId> without_worker = scheduler.tasks_without_capable_worker();

    for (std::size_t i = 0; i < tasks.size(); ++i) {
      bool any_capable = false;
      for (const auto& worker : workers) any_capable = any_capable || capable(worker, tasks[i]);
      const TaskStatus status = scheduler.status(ids[i]);
      if (any_capable) {
        RC_ASSERT(status == (tasks[i].fails ? TaskStatus::Failed : TaskStatus::Done));
        RC_ASSERT(capable(workers[scheduler.outcome(ids[i])->worker], tasks[i]));
      } else {
        // Reported three ways: status, the list, and a trace event.
        RC_ASSERT(status == TaskStatus::NoCapableWorker);
        RC_ASSERT(std::count(without_worker.begin(), without_worker.end(), ids[i]) == 1);
        RC_ASSERT(watch.reported_without_worker.count(ids[i]) == 1u);
      }
    }
    for (WorkerId worker = 0; worker < workers.size(); ++worker) {
      RC_ASSERT(scheduler.active_usage(worker).empty());
      RC_ASSERT(scheduler.preparing_usage(worker).empty());
    }
  });
  EXPECT_TRUE(passed);
}

}  // namespace
}  // namespace sealsim::sealing
