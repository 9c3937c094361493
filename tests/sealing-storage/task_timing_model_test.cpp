// task_timing_model_test.cpp: published durations and seeded jitter.
#include "sealing/storage/task_timing_model.hpp"

#include <gtest/gtest.h>

namespace sealsim::sealing {
namespace {

using std::chrono::seconds;

TEST(PublishedTimingModel, BaseFiguresFromLotusBench) {
  // lotus issue #5250 (EPYC 7502, 32 GiB): PC1 2h52m52s, C2 1h32m40s.
  EXPECT_EQ(published_task_duration(TaskType::PreCommit1, RegisteredSealProof::StackedDrg32GiBV1_1),
            seconds(2 * 3600 + 52 * 60 + 52));
  EXPECT_EQ(published_task_duration(TaskType::Commit2, RegisteredSealProof::StackedDrg32GiBV1),
            seconds(3600 + 32 * 60 + 40));
  EXPECT_EQ(published_task_duration(TaskType::Unseal, RegisteredSealProof::StackedDrg2KiBV1_1),
            published_task_duration(TaskType::PreCommit1, RegisteredSealProof::StackedDrg2KiBV1_1));
}

TEST(PublishedTimingModel, JitterIsBoundedSeededAndOrderIndependent) {
  const DeterministicRng rng(42);
  PublishedTimingModel model(rng, 10);
  PublishedTimingModel again(rng, 10);
  const SimDuration base =
      published_task_duration(TaskType::PreCommit1, RegisteredSealProof::StackedDrg32GiBV1_1);
  std::vector<SimDuration> forward;
  bool varied = false;
  for (SectorNumber sector = 0; sector < 50; ++sector) {
    TaskAttempt attempt{sector, SectorId{1000, sector}, RegisteredSealProof::StackedDrg32GiBV1_1,
                        TaskType::PreCommit1, 0, 0};
    const SimDuration work = model.timing(attempt).work;
    EXPECT_GE(work, base * 90 / 100);
    EXPECT_LE(work, base * 110 / 100);
    varied = varied || work != base;
    forward.push_back(work);
  }
  EXPECT_TRUE(varied);
  // Asking in reverse order gives the same duration per sector.
  for (SectorNumber sector = 50; sector-- > 0;) {
    TaskAttempt attempt{sector, SectorId{1000, sector}, RegisteredSealProof::StackedDrg32GiBV1_1,
                        TaskType::PreCommit1, 0, 0};
    EXPECT_EQ(again.timing(attempt).work, forward[sector]);
  }
  PublishedTimingModel flat(rng, 0);
  TaskAttempt attempt{0, SectorId{1000, 3}, RegisteredSealProof::StackedDrg32GiBV1_1,
                      TaskType::PreCommit1, 0, 0};
  EXPECT_EQ(flat.timing(attempt).work, base);
  EXPECT_THROW(PublishedTimingModel(rng, 101), std::invalid_argument);
}

}  // namespace
}  // namespace sealsim::sealing
