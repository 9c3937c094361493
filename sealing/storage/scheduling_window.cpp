// scheduling_window.cpp: window filling and compaction.
#include "sealing/storage/scheduling_window.hpp"

#include <algorithm>

namespace sealsim::sealing {

bool SchedulingWindow::try_add(const WindowTask& task, const WorkerResources& worker,
                               bool ignore_resources) {
  if (!ignore_resources && !allocated.can_take(task.needs, worker)) return false;
  allocated.add(task.needs);
  todo.push_back(task);
  return true;
}

void compact_windows(std::deque<SchedulingWindow>& windows, const WorkerResources& worker,
                     bool ignore_resources) {
  for (std::size_t later = 1; later < windows.size(); ++later) {
    SchedulingWindow& lower = windows[later - 1];
    SchedulingWindow& window = windows[later];
    std::size_t kept = 0;
    for (std::size_t i = 0; i < window.todo.size(); ++i) {
      const WindowTask task = window.todo[i];
      if (lower.try_add(task, worker, ignore_resources)) {
        window.allocated.release(task.needs);
      } else {
        window.todo[kept++] = task;
      }
    }
    window.todo.resize(kept);
  }
  windows.erase(std::remove_if(windows.begin(), windows.end(),
                               [](const SchedulingWindow& w) { return w.todo.empty(); }),
                windows.end());
}

}  // namespace sealsim::sealing
