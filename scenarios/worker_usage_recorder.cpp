// worker_usage_recorder.cpp: scheduler trace events -> per-worker usage intervals in epochs.
#include "scenarios/worker_usage_recorder.hpp"

#include <algorithm>
#include <utility>

namespace sealsim::scenarios {

WorkerUsageRecorder::WorkerUsageRecorder(std::function<ChainEpoch(sealing::SimTime)> epoch_of)
    : epoch_of_(std::move(epoch_of)) {}

WorkerUsageRecorder::Usage WorkerUsageRecorder::peak_of(const Usage& a, const Usage& b) {
  return Usage{std::max(a.active_tasks, b.active_tasks), std::max(a.preparing_tasks, b.preparing_tasks),
               std::max(a.active_cpus, b.active_cpus), std::max(a.active_gpu_tasks, b.active_gpu_tasks),
               a.connected && b.connected};
}

void WorkerUsageRecorder::emit(WorkerTrack& track, ChainEpoch from, ChainEpoch to, const Usage& usage) {
  if (to <= from) return;
  if (!track.closed.empty()) {
    WorkerUsageInterval& last = track.closed.back();
    const Usage previous{last.active_tasks, last.preparing_tasks, last.active_cpus, last.active_gpu_tasks,
                         last.connected};
    if (last.to == from && previous == usage) {
      last.to = to;
      return;
    }
  }
  track.closed.push_back(WorkerUsageInterval{track.name, from, to, usage.active_tasks, usage.preparing_tasks,
                                             usage.active_cpus, usage.active_gpu_tasks, usage.connected});
}

// Closes the open span at `epoch`: its first epoch at the peak, the rest at what was held last.
void WorkerUsageRecorder::advance(WorkerTrack& track, ChainEpoch epoch) {
  if (epoch <= track.start) return;
  if (track.peak == track.current) {
    emit(track, track.start, epoch, track.current);
  } else {
    emit(track, track.start, track.start + 1, track.peak);
    emit(track, track.start + 1, epoch, track.current);
  }
  track.start = epoch;
  track.peak = track.current;
}

void WorkerUsageRecorder::record(const sealing::SchedulerTraceEvent& event) {
  if (!event.worker) return;
  const ChainEpoch epoch = epoch_of_(event.time);
  auto [it, added] = workers_.try_emplace(*event.worker);
  WorkerTrack& track = it->second;
  if (added) {
    track.name = "worker " + std::to_string(*event.worker);
    track.start = epoch;
  }
  if (event.kind == sealing::SchedulerTraceKind::WorkerAdded && !event.detail.empty()) track.name = event.detail;
  advance(track, epoch);
  Usage usage = track.current;
  if (const auto& snapshot = event.worker_usage) {
    usage.active_tasks = snapshot->active_tasks;
    usage.preparing_tasks = snapshot->preparing_tasks;
    usage.active_cpus = snapshot->active_cpus;
    usage.active_gpu_tasks = snapshot->active_gpu_tasks;
  }
  if (event.kind == sealing::SchedulerTraceKind::WorkerLost) usage.connected = false;
  if (event.kind == sealing::SchedulerTraceKind::WorkerReconnected) usage.connected = true;
  track.current = usage;
  track.peak = peak_of(track.peak, usage);
}

std::vector<WorkerUsageInterval> WorkerUsageRecorder::intervals(ChainEpoch end) const {
  std::vector<WorkerUsageInterval> out;
  for (const auto& [id, original] : workers_) {
    WorkerTrack track = original;
    advance(track, std::max(end, track.start + 1));
    out.insert(out.end(), track.closed.begin(), track.closed.end());
  }
  return out;
}

}  // namespace sealsim::scenarios
