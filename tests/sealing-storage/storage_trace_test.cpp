// storage_trace_test.cpp: the structured trace of a run: every task's start and end with its
// queue wait and run time (checked against the task outcomes), the worker's usage after each
// change (from the resource table by hand), storage path usage as files are reserved and
// declared, the JSON form of an event, and identical traces from identical runs.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "tests/sealing-storage/storage_farm.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

// AddPiece then PC1 of the 2 KiB sector, with a second sector's AddPiece queued behind the first
// (one CPU: the second waits for the first to end).
void run_two_sectors(Farm& farm) {
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  const ProofSectorRef second{SectorId{1000, 2}, k2KiB};
  auto first_piece = slot<PieceInfo>();
  auto second_piece = slot<PieceInfo>();
  manager.add_piece(0, kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0), into(first_piece));
  manager.add_piece(0, second, {}, UnpaddedPieceSize(2032), Bytes(2032, 0), into(second_piece));
  farm.scheduler.run_until_idle();
  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {*(*first_piece)->value}, into(pc1));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*pc1)->ok());
}

struct OneCpuFarm : Farm {
  OneCpuFarm() {
    scheduler.disconnect_worker(worker);
    worker = scheduler.add_worker(WorkerSpec{"one-cpu", every_task_type(),
                                             WorkerResources{64 * kGiB, 0, 0, 1, 0}, false});
  }
};

TEST(StorageTrace, EveryTaskStartAndEndWithQueueWaitAndRunTime) {
  OneCpuFarm farm;
  run_two_sectors(farm);
  std::map<TaskId, std::vector<const SchedulerTraceEvent*>> by_task;
  for (const auto& event : farm.trace.events()) {
    if (event.task_id) by_task[*event.task_id].push_back(&event);
  }
  ASSERT_EQ(by_task.size(), 3u);
  for (const auto& [task_id, events] : by_task) {
    SCOPED_TRACE(task_id);
    const TaskOutcome& outcome = *farm.scheduler.outcome(task_id);
    const SchedulerTraceEvent* started = nullptr;
    const SchedulerTraceEvent* finished = nullptr;
    for (const SchedulerTraceEvent* event : events) {
      if (event->kind == SchedulerTraceKind::WorkStarted) started = event;
      if (event->kind == SchedulerTraceKind::Finished) finished = event;
    }
    ASSERT_NE(started, nullptr);
    ASSERT_NE(finished, nullptr);
    EXPECT_EQ(started->time, outcome.started_at);
    EXPECT_EQ(started->queue_wait, outcome.started_at - outcome.submitted_at);
    EXPECT_EQ(finished->time, outcome.finished_at);
    EXPECT_EQ(finished->run_time, seconds(10));
    EXPECT_EQ(started->worker, farm.worker);
  }
  // The second AddPiece waited for the first (one CPU, one thread each): 10 s in the queue.
  EXPECT_EQ(by_task.at(1).back()->kind, SchedulerTraceKind::Finished);
  const auto second_start = std::find_if(by_task.at(1).begin(), by_task.at(1).end(), [](auto* e) {
    return e->kind == SchedulerTraceKind::WorkStarted;
  });
  EXPECT_EQ((*second_start)->queue_wait, seconds(10));

  // Worker usage after the first AddPiece started: the 2 KiB AddPiece row (2 KiB min and max
  // memory, one thread, no GPU).
  const SchedulerTraceEvent& first_start = **std::find_if(
      by_task.at(0).begin(), by_task.at(0).end(),
      [](auto* e) { return e->kind == SchedulerTraceKind::WorkStarted; });
  EXPECT_EQ(first_start.worker_usage, (WorkerUsageSnapshot{1, 1, 0, 2048, 2048, 0}));
  EXPECT_EQ(to_json(first_start).dump(),
            "{\"time_ms\":0,\"event\":\"TaskWorkStarted\",\"task_id\":0,\"task\":\"AP\","
            "\"sector\":{\"miner\":1000,\"number\":1},\"worker\":1,\"queue_wait_ms\":0,"
            "\"worker_usage\":{\"active_tasks\":1,\"active_cpus\":1,\"active_gpu_tasks\":0,"
            "\"active_memory_min\":2048,\"active_memory_max\":2048,\"preparing_tasks\":0}}");
  // When it ends, nothing runs; the second AddPiece waits in the preparing budget.
  const SchedulerTraceEvent& first_end = *by_task.at(0).back();
  EXPECT_EQ(first_end.worker_usage, (WorkerUsageSnapshot{0, 0, 0, 0, 0, 1}));
}

TEST(StorageTrace, PathUsageFollowsReservationsAndDeclaredFiles) {
  OneCpuFarm farm;
  run_two_sectors(farm);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> sealing;  // (used, reserved)
  for (const auto& event : farm.trace.events()) {
    if (event.kind != SchedulerTraceKind::PathUsage) continue;
    ASSERT_TRUE(event.path.has_value());
    if (event.path->path != farm.sealing_path) continue;
    EXPECT_EQ(event.path->name, "sealing");
    EXPECT_EQ(event.path->available, 64 * 1024 - event.path->used - event.path->reserved);
    sealing.emplace_back(event.path->used, event.path->reserved);
  }
  const std::uint64_t sealed = sealing_file_size(SectorFileType::Sealed, 2048);
  const std::uint64_t cache = sealing_file_size(SectorFileType::Cache, 2048);
  EXPECT_EQ(sealing, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{
                         {0, 2048},                             // first AddPiece starts
                         {2048, 0},                             // and declares its file
                         {2048, 2048},                          // second AddPiece starts
                         {4096, 0},                             // and declares its file
                         {4096, sealed + cache},                // PC1 starts
                         {4096 + sealed + cache, 0}}));         // and declares sealed + cache
}

TEST(StorageTrace, IdenticalRunsGiveIdenticalJsonLines) {
  auto lines = [] {
    OneCpuFarm farm;
    run_two_sectors(farm);
    std::ostringstream out;
    JsonLinesTraceSink sink(out);
    for (const auto& event : farm.trace.events()) sink.record(event);
    return out.str();
  };
  const std::string first = lines();
  EXPECT_EQ(first, lines());
  EXPECT_GT(std::count(first.begin(), first.end(), '\n'), 20);
  EXPECT_NE(first.find("\"event\":\"PathUsage\""), std::string::npos);
}

}  // namespace
}  // namespace sealsim::sealing
