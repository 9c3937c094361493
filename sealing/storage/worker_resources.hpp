// worker_resources.hpp: what a worker offers and the resource accounting of the tasks it holds
// (spec sealing-fsm.md §14.6 canHandleRequest / utilization; Lotus sched_resources.go).
#pragma once

#include <cstdint>

#include "sealing/storage/resource_table.hpp"

namespace sealsim::sealing {

struct WorkerResources {
  std::uint64_t memory_physical = 0;
  std::uint64_t memory_swap = 0;
  std::uint64_t memory_reserved = 0;  // taken by the OS and other programs
  std::uint64_t cpus = 0;
  std::uint64_t gpus = 0;

  friend bool operator==(const WorkerResources&, const WorkerResources&) = default;
};

// The needs of one task once placed on a particular worker (threads depend on its CPU count).
struct PlacedNeeds {
  TaskResources needs;
  std::uint64_t threads = 0;
  bool uses_gpu = false;  // the task can use a GPU and the worker has one
};

PlacedNeeds place_needs(const TaskResources& needs, const WorkerResources& worker,
                        ParallelFraction fraction);

// Resources held by a set of tasks on one worker (its active tasks, its preparing tasks, or one
// scheduling window). Lotus does not count BaseMinMemory in the usage; neither do we.
class ResourceUsage {
 public:
  // canHandleRequest: true when the tasks already held plus `placed` fit `worker`.
  bool can_take(const PlacedNeeds& placed, const WorkerResources& worker) const;
  void add(const PlacedNeeds& placed);
  // Throws std::logic_error when releasing more than is held: a release without a matching
  // reservation is a scheduler bug, never a silent wrap-around.
  void release(const PlacedNeeds& placed);

  // max(cpu share, min-memory share of physical, max-memory share of physical + swap).
  double utilization(const WorkerResources& worker) const;
  // True when every held amount is within the worker's capacity (the no-over-commit invariant).
  bool within(const WorkerResources& worker) const;
  bool empty() const { return tasks_ == 0; }

  std::uint64_t memory_used_min() const { return memory_used_min_; }
  std::uint64_t memory_used_max() const { return memory_used_max_; }
  std::uint64_t cpu_use() const { return cpu_use_; }
  std::uint64_t gpu_tasks() const { return gpu_tasks_; }
  std::uint64_t tasks() const { return tasks_; }

  friend bool operator==(const ResourceUsage&, const ResourceUsage&) = default;

 private:
  std::uint64_t memory_used_min_ = 0;
  std::uint64_t memory_used_max_ = 0;
  std::uint64_t cpu_use_ = 0;
  std::uint64_t gpu_tasks_ = 0;
  std::uint64_t tasks_ = 0;
};

}  // namespace sealsim::sealing
