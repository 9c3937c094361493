// scheduling_window_test.cpp: worker-side window compaction (Lotus TestWindowCompact, spec §13.8).
#include "sealing/storage/scheduling_window.hpp"

#include <gtest/gtest.h>

#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing {
namespace {

using testing::decent_worker;
using Layout = std::vector<std::vector<TaskType>>;

PlacedNeeds needs_of(TaskType task) {
  return place_needs(task_resources(task, RegisteredSealProof::StackedDrg32GiBV1), decent_worker(),
                     ParallelFraction{});
}

std::deque<SchedulingWindow> build(const Layout& layout) {
  std::deque<SchedulingWindow> windows;
  TaskId next = 0;
  for (const auto& tasks : layout) {
    SchedulingWindow window;
    for (TaskType task : tasks) {
      // Lotus's test builds windows without checking; so do we.
      window.allocated.add(needs_of(task));
      window.todo.push_back(WindowTask{next++, needs_of(task)});
    }
    windows.push_back(window);
  }
  return windows;
}

Layout layout_of(const std::deque<SchedulingWindow>& windows) {
  Layout layout;
  for (const auto& window : windows) {
    std::vector<TaskType> tasks;
    for (const auto& task : window.todo) {
      // Identify the type back from its needs (unique per type for 32 GiB here).
      for (TaskType type : {TaskType::AddPiece, TaskType::PreCommit1, TaskType::PreCommit2}) {
        if (task.needs.needs == needs_of(type).needs) tasks.push_back(type);
      }
    }
    layout.push_back(tasks);
  }
  return layout;
}

struct CompactCase {
  Layout before;
  Layout after;
};

TEST(WindowCompact, LotusCases) {
  using T = TaskType;
  const std::vector<CompactCase> cases{
      {{{T::PreCommit1}, {T::PreCommit1}}, {{T::PreCommit1, T::PreCommit1}}},
      {{{T::PreCommit1, T::PreCommit1}}, {{T::PreCommit1, T::PreCommit1}}},
      {{{T::PreCommit2}, {T::PreCommit2}}, {{T::PreCommit2}, {T::PreCommit2}}},
      {{{T::PreCommit1, T::PreCommit1}, {T::PreCommit1, T::AddPiece}},
       {{T::PreCommit1, T::PreCommit1, T::AddPiece}, {T::PreCommit1}}},
      {{{T::PreCommit1, T::PreCommit1}, {T::PreCommit1, T::AddPiece, T::PreCommit2}},
       {{T::PreCommit1, T::PreCommit1, T::AddPiece}, {T::PreCommit1, T::PreCommit2}}},
  };
  for (const auto& c : cases) {
    auto windows = build(c.before);
    compact_windows(windows, decent_worker(), false);
    EXPECT_EQ(layout_of(windows), c.after);
    for (const auto& window : windows) {
      ResourceUsage sum;
      for (const auto& task : window.todo) sum.add(task.needs);
      EXPECT_EQ(sum, window.allocated);  // moved tasks took their reservation with them
    }
  }
}

TEST(WindowCompact, IgnoringWorkerMergesEverythingIntoTheFirstWindow) {
  using T = TaskType;
  auto windows = build({{T::PreCommit2}, {T::PreCommit2}});
  compact_windows(windows, decent_worker(), true);
  EXPECT_EQ(layout_of(windows), (Layout{{T::PreCommit2, T::PreCommit2}}));
}

}  // namespace
}  // namespace sealsim::sealing
