// resource_table_test.cpp: spot checks of the default resource table against spec §14.4.
#include "sealing/storage/resource_table.hpp"

#include <gtest/gtest.h>

namespace sealsim::sealing {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

TEST(ResourceTable, RowsFromTheSpec) {
  using P = RegisteredSealProof;
  EXPECT_EQ(task_resources(TaskType::PreCommit1, P::StackedDrg32GiBV1),
            (TaskResources{64 * kGiB, 56 * kGiB, 1, false, 10 * kMiB}));
  EXPECT_EQ(task_resources(TaskType::PreCommit2, P::StackedDrg64GiBV1_1),
            (TaskResources{30 * kGiB, 30 * kGiB, kMultithreaded, true, 1 * kGiB}));
  EXPECT_EQ(task_resources(TaskType::PreCommit2, P::StackedDrg512MiBV1),
            (TaskResources{1536 * kMiB, 1 * kGiB, kMultithreaded, false, 1 * kGiB}));
  EXPECT_EQ(task_resources(TaskType::Commit2, P::StackedDrg32GiBV1_1),
            (TaskResources{150 * kGiB, 30 * kGiB, kMultithreaded, true, 32 * kGiB}));
  EXPECT_EQ(task_resources(TaskType::Commit2, P::StackedDrg512MiBV1_1),
            (TaskResources{1536 * kMiB, 1 * kGiB, 1, true, 10 * kGiB}));
  EXPECT_EQ(task_resources(TaskType::Commit1, P::StackedDrg2KiBV1),
            (TaskResources{2048, 2048, 0, false, 2048}));
  EXPECT_EQ(task_resources(TaskType::AddPiece, P::StackedDrg8MiBV1_1),
            (TaskResources{8 * kMiB, 8 * kMiB, 1, false, 8 * kMiB}));
}

TEST(ResourceTable, DerivedRows) {
  for (const auto& proof : all_seal_proofs()) {
    // V1 and V1_1 share rows; Unseal uses PC1's; Finalize needs nothing; Fetch is size-independent.
    EXPECT_EQ(task_resources(TaskType::Unseal, proof.proof),
              task_resources(TaskType::PreCommit1, proof.proof));
    EXPECT_EQ(task_resources(TaskType::Finalize, proof.proof), TaskResources{});
    EXPECT_EQ(task_resources(TaskType::Fetch, proof.proof),
              (TaskResources{1 * kMiB, 1 * kMiB, 0, false, 0}));
  }
  EXPECT_EQ(task_resources(TaskType::Commit2, RegisteredSealProof::StackedDrg64GiBV1),
            task_resources(TaskType::Commit2, RegisteredSealProof::StackedDrg64GiBV1_1));
}

TEST(ResourceTable, Threads) {
  const TaskResources multithreaded{1, 1, kMultithreaded, true, 0};
  EXPECT_EQ(task_threads(multithreaded, 32), 29u);  // floor(32 · 92 / 100)
  EXPECT_EQ(task_threads(multithreaded, 1), 1u);    // floor(0.92) = 0 → all CPUs
  EXPECT_EQ(task_threads(multithreaded, 32, ParallelFraction{1, 1}), 32u);
  EXPECT_EQ(task_threads(TaskResources{1, 1, 0, false, 0}, 32), 0u);
  EXPECT_EQ(task_threads(TaskResources{1, 1, 1, false, 0}, 32), 1u);
}

}  // namespace
}  // namespace sealsim::sealing
