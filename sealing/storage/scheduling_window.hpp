// scheduling_window.hpp: a scheduling window, the bucket of tasks the scheduler hands to a worker
// as a whole, and the worker-side compaction of its windows (spec sealing-fsm.md §14.6).
#pragma once

#include <deque>
#include <vector>

#include "sealing/storage/request_queue.hpp"
#include "sealing/storage/worker_resources.hpp"

namespace sealsim::sealing {

struct WindowTask {
  TaskId task_id = 0;
  PlacedNeeds needs;
};

struct SchedulingWindow {
  ResourceUsage allocated;
  std::vector<WindowTask> todo;

  // Adds the task when the window's allocation plus the task fit the worker (always when the
  // worker ignores resources); returns whether it was added.
  bool try_add(const WindowTask& task, const WorkerResources& worker, bool ignore_resources);
};

// Lotus workerCompactWindows: each window moves the tasks that still fit into the window just
// before it (in order), then empty windows are dropped.
void compact_windows(std::deque<SchedulingWindow>& windows, const WorkerResources& worker,
                     bool ignore_resources);

}  // namespace sealsim::sealing
