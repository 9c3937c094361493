// resource_table.cpp: the ResourceTable rows of spec sealing-fsm.md §14.4, one row per (task, size).
#include "sealing/storage/resource_table.hpp"

#include <array>
#include <string>

#include "model/model_error.hpp"

namespace sealsim::sealing {
namespace {

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kMiB = kKiB << 10;
constexpr std::uint64_t kGiB = kMiB << 10;

struct ResourceRow {
  TaskType task;
  std::uint64_t sector_size;
  TaskResources needs;
};

// {max memory, min memory, max parallelism, GPU, base min memory}
constexpr std::array<ResourceRow, 26> kRows{{
    {TaskType::AddPiece, 64 * kGiB, {8 * kGiB, 8 * kGiB, 1, false, 1 * kGiB}},
    {TaskType::AddPiece, 32 * kGiB, {4 * kGiB, 4 * kGiB, 1, false, 1 * kGiB}},
    {TaskType::AddPiece, 512 * kMiB, {1 * kGiB, 1 * kGiB, 1, false, 1 * kGiB}},
    {TaskType::AddPiece, 8 * kMiB, {8 * kMiB, 8 * kMiB, 1, false, 8 * kMiB}},
    {TaskType::AddPiece, 2 * kKiB, {2 * kKiB, 2 * kKiB, 1, false, 2 * kKiB}},

    {TaskType::PreCommit1, 64 * kGiB, {128 * kGiB, 112 * kGiB, 1, false, 10 * kMiB}},
    {TaskType::PreCommit1, 32 * kGiB, {64 * kGiB, 56 * kGiB, 1, false, 10 * kMiB}},
    {TaskType::PreCommit1, 512 * kMiB, {1 * kGiB, 768 * kMiB, 1, false, 1 * kMiB}},
    {TaskType::PreCommit1, 8 * kMiB, {8 * kMiB, 8 * kMiB, 1, false, 8 * kMiB}},
    {TaskType::PreCommit1, 2 * kKiB, {2 * kKiB, 2 * kKiB, 1, false, 2 * kKiB}},

    {TaskType::PreCommit2, 64 * kGiB, {30 * kGiB, 30 * kGiB, kMultithreaded, true, 1 * kGiB}},
    {TaskType::PreCommit2, 32 * kGiB, {15 * kGiB, 15 * kGiB, kMultithreaded, true, 1 * kGiB}},
    {TaskType::PreCommit2, 512 * kMiB, {3 * kGiB / 2, 1 * kGiB, kMultithreaded, false, 1 * kGiB}},
    {TaskType::PreCommit2, 8 * kMiB, {8 * kMiB, 8 * kMiB, kMultithreaded, false, 8 * kMiB}},
    {TaskType::PreCommit2, 2 * kKiB, {2 * kKiB, 2 * kKiB, kMultithreaded, false, 2 * kKiB}},

    {TaskType::Commit1, 64 * kGiB, {1 * kGiB, 1 * kGiB, 0, false, 1 * kGiB}},
    {TaskType::Commit1, 32 * kGiB, {1 * kGiB, 1 * kGiB, 0, false, 1 * kGiB}},
    {TaskType::Commit1, 512 * kMiB, {1 * kGiB, 1 * kGiB, 0, false, 1 * kGiB}},
    {TaskType::Commit1, 8 * kMiB, {8 * kMiB, 8 * kMiB, 0, false, 8 * kMiB}},
    {TaskType::Commit1, 2 * kKiB, {2 * kKiB, 2 * kKiB, 0, false, 2 * kKiB}},

    {TaskType::Commit2, 64 * kGiB, {190 * kGiB, 60 * kGiB, kMultithreaded, true, 64 * kGiB}},
    {TaskType::Commit2, 32 * kGiB, {150 * kGiB, 30 * kGiB, kMultithreaded, true, 32 * kGiB}},
    {TaskType::Commit2, 512 * kMiB, {3 * kGiB / 2, 1 * kGiB, 1, true, 10 * kGiB}},
    {TaskType::Commit2, 8 * kMiB, {8 * kMiB, 8 * kMiB, 1, true, 8 * kMiB}},
    {TaskType::Commit2, 2 * kKiB, {2 * kKiB, 2 * kKiB, 1, true, 2 * kKiB}},

    // Fetch: the same needs at every size (the lookup below ignores its size).
    {TaskType::Fetch, 0, {1 * kMiB, 1 * kMiB, 0, false, 0}},
}};

}  // namespace

TaskResources task_resources(TaskType task, RegisteredSealProof proof) {
  if (task == TaskType::Finalize) return {};
  if (task == TaskType::Fetch) return kRows.back().needs;
  const TaskType row_task = task == TaskType::Unseal ? TaskType::PreCommit1 : task;
  const std::uint64_t size = seal_proof_info(proof).sector_size;
  for (const auto& row : kRows) {
    if (row.task == row_task && row.sector_size == size) return row.needs;
  }
  throw ModelError("no resource table row for task " + std::string(to_string(task)) +
                   " and sector size " + std::to_string(size));
}

std::uint64_t task_threads(const TaskResources& needs, std::uint64_t worker_cpus,
                           ParallelFraction fraction) {
  if (needs.max_parallelism == kMultithreaded) {
    const std::uint64_t share = worker_cpus * fraction.numerator / fraction.denominator;
    return share == 0 ? worker_cpus : share;
  }
  return static_cast<std::uint64_t>(needs.max_parallelism);
}

}  // namespace sealsim::sealing
