// scheduler_dsl_test.cpp: table-driven placement tests in the manner of Lotus's sched_test.go
// (spec §13.8 TestSched): workers, tasks with submit times and run times, and the expected
// placement of each task (worker, start, end). Expected values worked out by hand from the
// resource table (32 GiB V1 sectors, parallel fraction 1/1 as in Lotus's test).
#include <gtest/gtest.h>

#include <map>

#include "sealing/storage/scheduler.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

struct WorkerDef {
  std::string name;
  std::set<TaskType> tasks = every_task_type();
  WorkerResources resources = decent_worker();
  bool ignore_resources = false;
};

struct TaskDef {
  std::string label;
  SectorNumber sector;
  TaskType task;
  int submit_s = 0;
  int run_s = 10;
  int priority = 0;
};

struct Placement {
  std::string label;
  std::string worker;
  int start_s;
  int end_s;
};

struct SchedCase {
  std::string name;
  std::vector<WorkerDef> workers;
  std::vector<TaskDef> tasks;
  std::vector<Placement> expected;
};

void run_case(const SchedCase& c) {
  SCOPED_TRACE(c.name);
  ScriptedTimingModel timing;
  Scheduler scheduler(timing, SchedulerOptions{ParallelFraction{1, 1}, 2});
  for (const auto& worker : c.workers) {
    scheduler.add_worker(WorkerSpec{worker.name, worker.tasks, worker.resources, worker.ignore_resources});
  }
  std::map<std::string, TaskId> ids;
  std::vector<TaskDef> tasks = c.tasks;
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const TaskDef& a, const TaskDef& b) { return a.submit_s < b.submit_s; });
  for (const auto& task : tasks) {
    // Tasks of one instant are submitted together, then scheduled together.
    if (seconds(task.submit_s) != scheduler.now()) scheduler.advance_to(seconds(task.submit_s));
    const TaskId id = scheduler.submit(TaskRequest{SectorId{1000, task.sector},
                                                   RegisteredSealProof::StackedDrg32GiBV1, task.task,
                                                   task.priority});
    TaskTiming scripted;
    scripted.work = seconds(task.run_s);
    timing.script(id, scripted);
    ids[task.label] = id;
  }
  scheduler.run_until_idle();
  scheduler.check_invariants();
  ASSERT_EQ(c.expected.size(), c.tasks.size());
  for (const auto& expected : c.expected) {
    SCOPED_TRACE(expected.label);
    const auto& outcome = scheduler.outcome(ids.at(expected.label));
    ASSERT_TRUE(outcome.has_value());
    EXPECT_EQ(outcome->status, TaskStatus::Done);
    EXPECT_EQ(scheduler.worker(outcome->worker).name, expected.worker);
    EXPECT_EQ(outcome->started_at, seconds(expected.start_s));
    EXPECT_EQ(outcome->finished_at, seconds(expected.end_s));
  }
}

TEST(SchedulerDsl, LotusTestSchedCases) {
  using T = TaskType;
  const WorkerResources one_gib{kGiB, 0, 0, 32, 0};
  const std::vector<SchedCase> cases{
      {"one-pc1", {{"fred"}}, {{"t1", 8, T::PreCommit1}}, {{"t1", "fred", 0, 10}}},
      {"pc1-2workers-1",
       {{"fred1", {T::AddPiece}}, {"fred2", {T::PreCommit1}}},
       {{"t1", 8, T::PreCommit1}},
       {{"t1", "fred2", 0, 10}}},
      {"pc1-2workers-2",
       {{"fred1", {T::PreCommit1}}, {"fred2", {T::AddPiece}}},
       {{"t1", 8, T::PreCommit1}},
       {{"t1", "fred1", 0, 10}}},
      {"constrained-resources",
       {{"fred1", {T::PreCommit1}, one_gib}, {"fred2", {T::PreCommit1}, one_gib, true}},
       {{"t1", 8, T::PreCommit1}},
       {{"t1", "fred2", 0, 10}}},
      // A running PC1 (1 thread) leaves 31 CPUs; PC2 wants all 32, so it waits.
      {"pc1-block-pc2",
       {{"fred"}},
       {{"pc1", 8, T::PreCommit1, 0}, {"pc2", 8, T::PreCommit2, 1}},
       {{"pc1", "fred", 0, 10}, {"pc2", "fred", 10, 20}}},
      {"pc2-block-pc1",
       {{"fred"}},
       {{"pc2", 8, T::PreCommit2, 0}, {"pc1", 8, T::PreCommit1, 1}},
       {{"pc2", "fred", 0, 10}, {"pc1", "fred", 10, 20}}},
      // 2 GiB reserved + 2 × (56 GiB + 10 MiB) fits 128 GiB; a third PC1 does not.
      {"pc1-batching",
       {{"fred"}},
       {{"t1", 1, T::PreCommit1}, {"t2", 2, T::PreCommit1}, {"t3", 3, T::PreCommit1},
        {"t4", 4, T::PreCommit1}},
       {{"t1", "fred", 0, 10}, {"t2", "fred", 0, 10}, {"t3", "fred", 10, 20},
        {"t4", "fred", 10, 20}}},
      // PC2 submitted with a later PC1 is queued first (order 4 < 5), prepares first and holds
      // the head of the line: it runs when the two PC1 end, the later PC1 after it.
      {"pc1-pc2-prio",
       {{"fred"}},
       {{"t1", 8, T::PreCommit1, 0}, {"t2", 9, T::PreCommit1, 0}, {"t3", 10, T::PreCommit1, 1},
        {"t4", 11, T::PreCommit2, 1}},
       {{"t1", "fred", 0, 10}, {"t2", "fred", 0, 10}, {"t4", "fred", 10, 20},
        {"t3", "fred", 20, 30}}},
      // Deal sectors first: with one CPU, the deal sector's PC1 overtakes a lower-numbered CC one.
      {"deal-priority",
       {{"solo", {T::PreCommit1}, WorkerResources{128 * kGiB, 0, 0, 1, 0}}},
       {{"busy", 1, T::PreCommit1, 0}, {"cc", 2, T::PreCommit1, 1},
        {"deal", 3, T::PreCommit1, 1, 10, kDealSectorPriority}},
       {{"busy", "solo", 0, 10}, {"deal", "solo", 10, 20}, {"cc", "solo", 20, 30}}},
      // Equal priority: the lower sector number first, whatever the submission order.
      {"sector-number-order",
       {{"solo", {T::PreCommit1}, WorkerResources{128 * kGiB, 0, 0, 1, 0}}},
       {{"busy", 1, T::PreCommit1, 0}, {"s9", 9, T::PreCommit1, 1}, {"s5", 5, T::PreCommit1, 1}},
       {{"busy", "solo", 0, 10}, {"s5", "solo", 10, 20}, {"s9", "solo", 20, 30}}},
      // Lower utilization first: the second PC1 goes to the idle worker.
      {"spread-by-utilization",
       {{"a", {T::PreCommit1}}, {"b", {T::PreCommit1}}},
       {{"t1", 1, T::PreCommit1, 0}, {"t2", 2, T::PreCommit1, 1}},
       {{"t1", "a", 0, 10}, {"t2", "b", 1, 11}}},
  };
  for (const auto& c : cases) run_case(c);
}

}  // namespace
}  // namespace sealsim::sealing
