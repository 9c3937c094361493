// worker_usage_recorder.hpp: turns the sector-storage scheduler's trace (a WorkerUsageSnapshot
// after every change of a worker) into per-worker usage intervals in chain epochs for the run's
// result and report. The engine hands it to the scheduler as its trace sink, with the mapping
// from scheduler time to chain epoch, and copies intervals(end) into RunResult::worker_usage.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "scenarios/run_result.hpp"
#include "sealing/storage/scheduler_trace.hpp"

namespace sealsim::scenarios {

class WorkerUsageRecorder final : public sealing::SchedulerTraceSink {
 public:
  // `epoch_of`: the chain epoch that contains a scheduler time (non-decreasing in its argument).
  explicit WorkerUsageRecorder(std::function<ChainEpoch(sealing::SimTime)> epoch_of);

  void record(const sealing::SchedulerTraceEvent& event) override;

  // Every worker's intervals up to `end` (exclusive; a span still open at `end` is closed there,
  // or one epoch after its start when it began at `end`). Workers in id order (the order the
  // scheduler added them), each worker's intervals in epoch order, adjacent equal ones merged.
  std::vector<WorkerUsageInterval> intervals(ChainEpoch end) const;

 private:
  struct Usage {
    std::uint64_t active_tasks = 0;
    std::uint64_t preparing_tasks = 0;
    std::uint64_t active_cpus = 0;
    std::uint64_t active_gpu_tasks = 0;
    bool connected = true;
    friend bool operator==(const Usage&, const Usage&) = default;
  };
  // The open span starts at `start`; `peak` is the most held in its first epoch (where several
  // changes may fall), `current` what is held now and from the second epoch on.
  struct WorkerTrack {
    std::string name;
    ChainEpoch start = 0;
    Usage peak;
    Usage current;
    std::vector<WorkerUsageInterval> closed;
  };

  static Usage peak_of(const Usage& a, const Usage& b);
  static void emit(WorkerTrack& track, ChainEpoch from, ChainEpoch to, const Usage& usage);
  static void advance(WorkerTrack& track, ChainEpoch epoch);

  std::function<ChainEpoch(sealing::SimTime)> epoch_of_;
  std::map<sealing::WorkerId, WorkerTrack> workers_;
};

}  // namespace sealsim::scenarios
