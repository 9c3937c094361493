// worker_resources.cpp: resource checks and accounting (Lotus v1.11.0 sched_resources.go).
#include "sealing/storage/worker_resources.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sealsim::sealing {
namespace {

double share(std::uint64_t used, std::uint64_t capacity) {
  if (capacity == 0) return used == 0 ? 0.0 : 1.0;
  return static_cast<double>(used) / static_cast<double>(capacity);
}

void subtract(std::uint64_t& held, std::uint64_t amount, const char* what) {
  if (amount > held) throw std::logic_error(std::string("resource release exceeds held ") + what);
  held -= amount;
}

}  // namespace

PlacedNeeds place_needs(const TaskResources& needs, const WorkerResources& worker,
                        ParallelFraction fraction) {
  return PlacedNeeds{needs, task_threads(needs, worker.cpus, fraction),
                     needs.can_gpu && worker.gpus > 0};
}

bool ResourceUsage::can_take(const PlacedNeeds& placed, const WorkerResources& worker) const {
  const TaskResources& needs = placed.needs;
  if (worker.memory_reserved + memory_used_min_ + needs.min_memory + needs.base_min_memory >
      worker.memory_physical) {
    return false;
  }
  if (worker.memory_reserved + memory_used_max_ + needs.max_memory + needs.base_min_memory >
      worker.memory_physical + worker.memory_swap) {
    return false;
  }
  if (cpu_use_ + placed.threads > worker.cpus) return false;
  // One GPU task at a time per worker, whatever its GPU count (Lotus v1.11.0).
  if (placed.uses_gpu && gpu_tasks_ > 0) return false;
  return true;
}

void ResourceUsage::add(const PlacedNeeds& placed) {
  memory_used_min_ += placed.needs.min_memory;
  memory_used_max_ += placed.needs.max_memory;
  cpu_use_ += placed.threads;
  if (placed.uses_gpu) ++gpu_tasks_;
  ++tasks_;
}

void ResourceUsage::release(const PlacedNeeds& placed) {
  subtract(memory_used_min_, placed.needs.min_memory, "minimum memory");
  subtract(memory_used_max_, placed.needs.max_memory, "maximum memory");
  subtract(cpu_use_, placed.threads, "CPU threads");
  if (placed.uses_gpu) subtract(gpu_tasks_, 1, "GPU tasks");
  subtract(tasks_, 1, "tasks");
}

double ResourceUsage::utilization(const WorkerResources& worker) const {
  return std::max({share(cpu_use_, worker.cpus),
                   share(memory_used_min_ + worker.memory_reserved, worker.memory_physical),
                   share(memory_used_max_ + worker.memory_reserved,
                         worker.memory_physical + worker.memory_swap)});
}

bool ResourceUsage::within(const WorkerResources& worker) const {
  if (tasks_ == 0) return true;
  return worker.memory_reserved + memory_used_min_ <= worker.memory_physical &&
         worker.memory_reserved + memory_used_max_ <=
             worker.memory_physical + worker.memory_swap &&
         cpu_use_ <= worker.cpus && (worker.gpus == 0 || gpu_tasks_ <= 1);
}

}  // namespace sealsim::sealing
