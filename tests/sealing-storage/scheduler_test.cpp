// scheduler_test.cpp: scheduler behaviour outside the placement table: GPU exclusivity, failures
// releasing reservations, worker loss and reconnect, "no worker can run this", callbacks, trace.
#include "sealing/storage/scheduler.hpp"

#include <gtest/gtest.h>

#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

constexpr auto k512MiB = RegisteredSealProof::StackedDrg512MiBV1_1;
constexpr auto k32GiB = RegisteredSealProof::StackedDrg32GiBV1_1;

TaskRequest request(SectorNumber sector, TaskType task, RegisteredSealProof proof = k32GiB) {
  return TaskRequest{SectorId{1000, sector}, proof, task};
}

TEST(Scheduler, OneGpuTaskAtATimeOnlyOnGpuWorkers) {
  for (const std::uint64_t gpus : {std::uint64_t{1}, std::uint64_t{0}}) {
    ScriptedTimingModel timing;
    Scheduler scheduler(timing);
    scheduler.add_worker(WorkerSpec{"w", {TaskType::Commit2}, {256 * kGiB, 0, 0, 64, gpus}, false});
    const TaskId a = scheduler.submit(request(1, TaskType::Commit2, k512MiB));
    const TaskId b = scheduler.submit(request(2, TaskType::Commit2, k512MiB));
    scheduler.run_until_idle();
    EXPECT_EQ(scheduler.outcome(a)->started_at, seconds(0));
    EXPECT_EQ(scheduler.outcome(b)->started_at, gpus == 1 ? seconds(10) : seconds(0));
  }
}

TEST(Scheduler, FailedWorkAndFailedPrepareReleaseTheirReservations) {
  ScriptedTimingModel timing;
  VectorTraceSink trace;
  Scheduler scheduler(timing, {}, &trace);
  const WorkerId worker = scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
  const TaskId fails_work = scheduler.submit(request(1, TaskType::PreCommit1));
  const TaskId fails_prepare = scheduler.submit(request(2, TaskType::PreCommit1));
  TaskTiming work_error;
  work_error.work = seconds(5);
  work_error.work_error = "out of disk";
  timing.script(fails_work, work_error);
  TaskTiming prepare_error;
  prepare_error.prepare = seconds(2);
  prepare_error.prepare_error = "fetch: sector file missing";
  timing.script(fails_prepare, prepare_error);
  const TaskId after = scheduler.submit(request(3, TaskType::PreCommit1));

  scheduler.advance_to(seconds(0));
  EXPECT_EQ(scheduler.status(fails_work), TaskStatus::Running);
  EXPECT_EQ(scheduler.status(fails_prepare), TaskStatus::Preparing);
  scheduler.advance_to(seconds(2));
  EXPECT_EQ(scheduler.status(fails_prepare), TaskStatus::Failed);
  EXPECT_EQ(scheduler.outcome(fails_prepare)->error, "prepare: fetch: sector file missing");
  scheduler.check_invariants();
  // The third PC1 did not fit beside two; the failed prepare made room for it.
  EXPECT_EQ(scheduler.status(after), TaskStatus::Running);
  scheduler.run_until_idle();
  EXPECT_EQ(scheduler.outcome(fails_work)->status, TaskStatus::Failed);
  EXPECT_EQ(scheduler.outcome(fails_work)->error, "out of disk");
  EXPECT_EQ(scheduler.outcome(fails_work)->finished_at, seconds(5));
  EXPECT_EQ(scheduler.outcome(after)->status, TaskStatus::Done);
  EXPECT_TRUE(scheduler.active_usage(worker).empty());
  EXPECT_TRUE(scheduler.preparing_usage(worker).empty());
  EXPECT_EQ(scheduler.unfinished_count(), 0u);
  scheduler.check_invariants();
}

TEST(Scheduler, WorkerLostMidTaskRequeuesAndTheStaleCompletionIsIgnored) {
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);
  const WorkerId first = scheduler.add_worker(WorkerSpec{"first", every_task_type(), decent_worker(), false});
  const TaskId task = scheduler.submit(request(1, TaskType::PreCommit1));
  const TaskId queued_behind = scheduler.submit(request(2, TaskType::PreCommit2));
  scheduler.advance_to(seconds(4));
  ASSERT_EQ(scheduler.status(task), TaskStatus::Running);
  ASSERT_NE(scheduler.status(queued_behind), TaskStatus::Queued);  // in a window or preparing

  scheduler.disconnect_worker(first);
  EXPECT_EQ(scheduler.status(task), TaskStatus::Queued);
  EXPECT_EQ(scheduler.status(queued_behind), TaskStatus::Queued);
  EXPECT_TRUE(scheduler.active_usage(first).empty());
  EXPECT_TRUE(scheduler.preparing_usage(first).empty());
  scheduler.check_invariants();

  // Nobody else can run them: both are reported, and the lost run's end (t=10) changes nothing.
  scheduler.advance_to(seconds(12));
  EXPECT_EQ(scheduler.status(task), TaskStatus::NoCapableWorker);
  EXPECT_EQ(scheduler.tasks_without_capable_worker().size(), 2u);

  scheduler.reconnect_worker(first);
  scheduler.run_until_idle();
  ASSERT_TRUE(scheduler.outcome(task).has_value());
  EXPECT_EQ(scheduler.outcome(task)->status, TaskStatus::Done);
  EXPECT_EQ(scheduler.outcome(task)->attempts, 2u);
  EXPECT_EQ(scheduler.outcome(task)->started_at, seconds(12));
  EXPECT_EQ(scheduler.outcome(task)->finished_at, seconds(22));
  EXPECT_EQ(scheduler.outcome(queued_behind)->status, TaskStatus::Done);
  // The second attempt ran with attempt number 1 (durations may differ per attempt).
  EXPECT_EQ(timing.attempts().back().attempt, 1u);
  scheduler.check_invariants();
}

TEST(Scheduler, WorkerLostMovesItsTasksToAnotherWorker) {
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);
  const WorkerId a = scheduler.add_worker(WorkerSpec{"a", {TaskType::PreCommit1}, decent_worker(), false});
  const TaskId task = scheduler.submit(request(1, TaskType::PreCommit1));
  scheduler.advance_to(seconds(3));
  const WorkerId b = scheduler.add_worker(WorkerSpec{"b", {TaskType::PreCommit1}, decent_worker(), false});
  scheduler.disconnect_worker(a);
  scheduler.run_until_idle();
  EXPECT_EQ(scheduler.outcome(task)->worker, b);
  EXPECT_EQ(scheduler.outcome(task)->finished_at, seconds(13));
}

TEST(Scheduler, ReportsNoCapableWorkerThenRunsWhenOneConnects) {
  ScriptedTimingModel timing;
  VectorTraceSink trace;
  Scheduler scheduler(timing, {}, &trace);
  scheduler.add_worker(WorkerSpec{"ap-only", {TaskType::AddPiece}, decent_worker(), false});
  // Offers PC1 but has too little memory for a 32 GiB PC1 (56 GiB minimum).
  scheduler.add_worker(WorkerSpec{"small", {TaskType::PreCommit1}, {32 * kGiB, 0, 0, 8, 0}, false});
  const TaskId pc1 = scheduler.submit(request(7, TaskType::PreCommit1));
  const TaskId ap = scheduler.submit(request(8, TaskType::AddPiece));
  scheduler.advance_to(seconds(1));
  EXPECT_EQ(scheduler.status(pc1), TaskStatus::NoCapableWorker);
  EXPECT_EQ(scheduler.tasks_without_capable_worker(), std::vector<TaskId>{pc1});
  std::size_t reports = 0;
  for (const auto& event : trace.events()) {
    if (event.kind == SchedulerTraceKind::NoCapableWorker) {
      ++reports;
      EXPECT_EQ(event.task_id, pc1);
      EXPECT_NE(event.detail.find("PC1"), std::string::npos);
    }
  }
  EXPECT_EQ(reports, 1u);
  scheduler.advance_to(seconds(30));
  EXPECT_EQ(scheduler.status(pc1), TaskStatus::NoCapableWorker);  // reported once, still waiting
  EXPECT_EQ(scheduler.status(ap), TaskStatus::Done);

  scheduler.add_worker(WorkerSpec{"big", {TaskType::PreCommit1}, decent_worker(), false});
  scheduler.run_until_idle();
  EXPECT_EQ(scheduler.outcome(pc1)->status, TaskStatus::Done);
  EXPECT_EQ(scheduler.outcome(pc1)->started_at, seconds(30));
  EXPECT_TRUE(scheduler.tasks_without_capable_worker().empty());
}

TEST(Scheduler, SelectorRestrictsPlacement) {
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);
  scheduler.add_worker(WorkerSpec{"a", {TaskType::Commit1}, decent_worker(), false});
  const WorkerId b = scheduler.add_worker(WorkerSpec{"b", {TaskType::Commit1}, decent_worker(), false});
  TaskRequest pinned = request(1, TaskType::Commit1);
  pinned.selector = [](WorkerId, const WorkerSpec& spec) { return spec.name == "b"; };
  const TaskId task = scheduler.submit(pinned);
  TaskRequest nowhere = request(2, TaskType::Commit1);
  nowhere.selector = [](WorkerId, const WorkerSpec&) { return false; };
  const TaskId stuck = scheduler.submit(nowhere);
  scheduler.run_until_idle();
  EXPECT_EQ(scheduler.outcome(task)->worker, b);
  EXPECT_EQ(scheduler.status(stuck), TaskStatus::NoCapableWorker);
}

TEST(Scheduler, CallbacksMaySubmitTheNextTask) {
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);
  scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
  std::vector<std::string> log;
  TaskRequest add_piece = request(1, TaskType::AddPiece);
  add_piece.on_finished = [&](const TaskOutcome& outcome) {
    log.push_back("AP " + std::string(to_string(outcome.status)));
    TaskRequest pc1 = request(1, TaskType::PreCommit1);
    pc1.on_finished = [&](const TaskOutcome& done) {
      log.push_back("PC1 at " + std::to_string(done.finished_at.count()));
    };
    scheduler.submit(pc1);
  };
  scheduler.submit(add_piece);
  scheduler.run_until_idle();
  EXPECT_EQ(log, (std::vector<std::string>{"AP Done", "PC1 at 20000"}));
}

TEST(Scheduler, TraceOfOneTask) {
  ScriptedTimingModel timing;
  VectorTraceSink trace;
  Scheduler scheduler(timing, {}, &trace);
  scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
  scheduler.advance_to(seconds(5));
  scheduler.submit(request(3, TaskType::Commit1));
  scheduler.run_until_idle();
  std::vector<std::pair<SchedulerTraceKind, std::int64_t>> seen;
  for (const auto& event : trace.events()) seen.emplace_back(event.kind, event.time.count());
  using K = SchedulerTraceKind;
  EXPECT_EQ(seen, (std::vector<std::pair<K, std::int64_t>>{{K::WorkerAdded, 0},
                                                           {K::Submitted, 5000},
                                                           {K::Assigned, 5000},
                                                           {K::PrepareStarted, 5000},
                                                           {K::WorkStarted, 5000},
                                                           {K::Finished, 15000}}));
  EXPECT_EQ(trace.events()[4].queue_wait, SimDuration(0));
  EXPECT_EQ(trace.events()[5].run_time, seconds(10));
  EXPECT_EQ(trace.events()[5].sector, (SectorId{1000, 3}));
}

TEST(Scheduler, RejectsGoingBackInTime) {
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);
  scheduler.advance_to(seconds(3));
  EXPECT_THROW(scheduler.advance_to(seconds(2)), std::invalid_argument);
  EXPECT_THROW(scheduler.status(99), std::out_of_range);
}

}  // namespace
}  // namespace sealsim::sealing
