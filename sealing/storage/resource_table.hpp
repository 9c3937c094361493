// resource_table.hpp: the default resource needs of each task per sector size (spec sealing-fsm.md
// §14.4, Lotus v1.11.0 extern/sector-storage/resources.go). The one table the scheduler, the
// benchmarks and the tests derive from.
#pragma once

#include <cstdint>

#include "model/registered_seal_proof.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::sealing {

// Lotus MaxParallelism: -1 = multithreaded (a fraction of the worker's CPUs), 0 = needs no thread.
inline constexpr int kMultithreaded = -1;

struct TaskResources {
  std::uint64_t max_memory = 0;
  std::uint64_t min_memory = 0;
  int max_parallelism = 0;
  bool can_gpu = false;
  std::uint64_t base_min_memory = 0;

  friend bool operator==(const TaskResources&, const TaskResources&) = default;
};

// The share of a worker's CPUs a multithreaded task takes (Lotus ParallelNum / ParallelDenom).
struct ParallelFraction {
  std::uint64_t numerator = 92;
  std::uint64_t denominator = 100;
};

// Needs of `task` on a sector of `proof`'s size. V1 and V1_1 share rows, Unseal uses the PreCommit1
// rows and Finalize needs nothing.
TaskResources task_resources(TaskType task, RegisteredSealProof proof);

// Threads the task takes on a worker with `worker_cpus` CPUs: floor(cpus · fraction) for
// multithreaded tasks (all CPUs when that is 0), else max_parallelism.
std::uint64_t task_threads(const TaskResources& needs, std::uint64_t worker_cpus,
                           ParallelFraction fraction = {});

}  // namespace sealsim::sealing
