// worker_usage_recorder_test.cpp: scheduler trace events become per-worker usage intervals in
// epochs: names from WorkerAdded, a task shorter than an epoch still shows as one busy epoch (the
// peak), changes across epochs split intervals, equal neighbours merge, a lost worker is marked.
#include <gtest/gtest.h>

#include "scenarios/worker_usage_recorder.hpp"

namespace sealsim::scenarios {
namespace {

using sealing::SchedulerTraceEvent;
using sealing::SchedulerTraceKind;
using sealing::SimTime;
using sealing::WorkerUsageSnapshot;

// Scheduler time 0 is epoch 100; an epoch lasts 30 s.
ChainEpoch epoch_of(SimTime t) { return 100 + t.count() / 30'000; }

SchedulerTraceEvent event(std::int64_t seconds, SchedulerTraceKind kind, sealing::WorkerId worker,
                          std::uint64_t active, std::uint64_t preparing = 0, std::string detail = "") {
  SchedulerTraceEvent e;
  e.time = SimTime{seconds * 1000};
  e.kind = kind;
  e.worker = worker;
  e.worker_usage = WorkerUsageSnapshot{active, active * 4, 0, 0, 0, preparing};
  e.detail = std::move(detail);
  return e;
}

TEST(WorkerUsageRecorder, SplitsAtEpochChangesAndKeepsTheFirstEpochsPeak) {
  WorkerUsageRecorder recorder(epoch_of);
  recorder.record(event(0, SchedulerTraceKind::WorkerAdded, 0, 0, 0, "pc1-box"));
  recorder.record(event(65, SchedulerTraceKind::WorkStarted, 0, 1));   // epoch 102
  recorder.record(event(70, SchedulerTraceKind::WorkStarted, 0, 2));   // epoch 102
  recorder.record(event(80, SchedulerTraceKind::Finished, 0, 1));      // epoch 102
  recorder.record(event(160, SchedulerTraceKind::Finished, 0, 0));     // epoch 105
  const auto got = recorder.intervals(110);
  const std::vector<WorkerUsageInterval> want{
      {"pc1-box", 100, 102, 0, 0, 0, 0, true},
      {"pc1-box", 102, 103, 2, 0, 8, 0, true},  // the peak of epoch 102
      {"pc1-box", 103, 106, 1, 0, 4, 0, true},  // held after it, into epoch 105 where it ends
      {"pc1-box", 106, 110, 0, 0, 0, 0, true},
  };
  EXPECT_EQ(got, want);
}

TEST(WorkerUsageRecorder, ATaskShorterThanAnEpochStillShowsAsOneBusyEpoch) {
  WorkerUsageRecorder recorder(epoch_of);
  recorder.record(event(0, SchedulerTraceKind::WorkerAdded, 3, 0, 0, "w"));
  recorder.record(event(31, SchedulerTraceKind::WorkStarted, 3, 1));  // epoch 101
  recorder.record(event(33, SchedulerTraceKind::Finished, 3, 0));     // epoch 101
  const auto got = recorder.intervals(104);
  const std::vector<WorkerUsageInterval> want{
      {"w", 100, 101, 0, 0, 0, 0, true},
      {"w", 101, 102, 1, 0, 4, 0, true},
      {"w", 102, 104, 0, 0, 0, 0, true},
  };
  EXPECT_EQ(got, want);
}

TEST(WorkerUsageRecorder, MarksLostSpansAndKeepsWorkersInIdOrder) {
  WorkerUsageRecorder recorder(epoch_of);
  recorder.record(event(0, SchedulerTraceKind::WorkerAdded, 1, 0, 0, "b"));
  recorder.record(event(0, SchedulerTraceKind::WorkerAdded, 0, 0, 0, "a"));
  recorder.record(event(30, SchedulerTraceKind::PrepareStarted, 1, 0, 1));  // epoch 101
  recorder.record(event(70, SchedulerTraceKind::WorkerLost, 1, 0, 0, "b"));  // epoch 102
  recorder.record(event(130, SchedulerTraceKind::WorkerReconnected, 1, 0, 0, "b"));  // epoch 104
  const auto got = recorder.intervals(106);
  const std::vector<WorkerUsageInterval> want{
      {"a", 100, 106, 0, 0, 0, 0, true},
      {"b", 100, 101, 0, 0, 0, 0, true},
      {"b", 101, 102, 0, 1, 0, 0, true},
      {"b", 102, 103, 0, 1, 0, 0, false},  // preparing, then lost, within epoch 102
      {"b", 103, 105, 0, 0, 0, 0, false},  // lost until part way into epoch 104
      {"b", 105, 106, 0, 0, 0, 0, true},
  };
  EXPECT_EQ(got, want);
}

TEST(WorkerUsageRecorder, IgnoresEventsWithoutAWorkerAndClosesASpanOpenedAtTheEnd) {
  WorkerUsageRecorder recorder(epoch_of);
  SchedulerTraceEvent submitted;
  submitted.kind = SchedulerTraceKind::Submitted;
  recorder.record(submitted);
  EXPECT_TRUE(recorder.intervals(100).empty());
  recorder.record(event(300, SchedulerTraceKind::WorkStarted, 0, 1));  // epoch 110, no name seen
  const std::vector<WorkerUsageInterval> want{{"worker 0", 110, 111, 1, 0, 4, 0, true}};
  EXPECT_EQ(recorder.intervals(110), want);
}

}  // namespace
}  // namespace sealsim::scenarios
