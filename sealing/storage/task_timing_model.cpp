// task_timing_model.cpp: default task durations.
//
// Sources (lotus-bench `sealing` output, v28 parameters, one sector):
// * 32 GiB: filecoin-project/lotus issue #5250, AMD EPYC 7502 32-core: addPiece 13m59s,
//   preCommit phase 1 2h52m52s, preCommit phase 2 48m22s, commit phase 1 1m2.5s,
//   commit phase 2 1h32m40s.
// * 512 MiB: filecoin-project/lotus pull request #11185 (`lotus-bench simple`): AddPiece 1.51 s,
//   PreCommit1 2m45.6s; PreCommit2, Commit1 and Commit2 are the 32 GiB figures scaled by the size
//   ratio 1/64 (no published run found).
// * 64 GiB: twice the 32 GiB figures (scaled; no published run found).
// * 2 KiB: filecoin-project/lotus issue #694 (`lotus-bench --sector-size=1024`, Xeon Gold 6126):
//   addPiece 17 ms, preCommit 2.2 s (split evenly into PC1 and PC2), commit 35 s (C1 taken as
//   0.1 s, the rest C2).
// * 8 MiB: no published run found; estimates between 2 KiB and 512 MiB.
// * Finalize and Fetch are not measured by lotus-bench: Finalize is taken as 1 s below 512 MiB and
//   60 s above; Fetch moves the sealed file and cache at 200 MiB/s. Unseal costs as much as PC1.
#include "sealing/storage/task_timing_model.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace sealsim::sealing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct SizeDurations {
  std::uint64_t sector_size;
  SimDuration add_piece, precommit1, precommit2, commit1, commit2, finalize;
};

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

const std::array<SizeDurations, 5>& size_durations() {
  static const std::array<SizeDurations, 5> kTable{{
      {2048, milliseconds(17), milliseconds(1100), milliseconds(1100), milliseconds(100),
       milliseconds(34900), seconds(1)},
      {8 * kMiB, milliseconds(100), seconds(5), seconds(3), milliseconds(200), seconds(40),
       seconds(1)},
      {512 * kMiB, milliseconds(1513), milliseconds(165615), milliseconds(45343),
       milliseconds(977), milliseconds(86878), seconds(60)},
      {32 * kGiB, seconds(839), seconds(10372), seconds(2902), milliseconds(62511), seconds(5560),
       seconds(60)},
      {64 * kGiB, seconds(1678), seconds(20744), seconds(5804), milliseconds(125022),
       seconds(11120), seconds(60)},
  }};
  return kTable;
}

}  // namespace

SimDuration published_task_duration(TaskType task, RegisteredSealProof proof) {
  const std::uint64_t size = seal_proof_info(proof).sector_size;
  const SizeDurations* row = &size_durations().front();
  for (const auto& candidate : size_durations()) {
    if (candidate.sector_size == size) row = &candidate;
  }
  switch (task) {
    case TaskType::AddPiece: return row->add_piece;
    case TaskType::PreCommit1: return row->precommit1;
    case TaskType::Unseal: return row->precommit1;
    case TaskType::PreCommit2: return row->precommit2;
    case TaskType::Commit1: return row->commit1;
    case TaskType::Commit2: return row->commit2;
    case TaskType::Finalize: return row->finalize;
    case TaskType::Fetch: {
      // sealed file + finalized cache (0.2 of the sector) at 200 MiB/s
      const std::uint64_t bytes = size + size / 5;
      return milliseconds(static_cast<std::int64_t>(bytes * 1000 / (200 * kMiB)));
    }
  }
  return SimDuration{0};
}

PublishedTimingModel::PublishedTimingModel(const DeterministicRng& rng, unsigned jitter_percent)
    : rng_(rng.fork("task-durations")), jitter_percent_(jitter_percent) {
  if (jitter_percent_ > 100) {
    throw std::invalid_argument("task duration jitter must be at most 100 percent, got " +
                                std::to_string(jitter_percent_));
  }
}

TaskTiming PublishedTimingModel::timing(const TaskAttempt& attempt) {
  const SimDuration base = published_task_duration(attempt.task, attempt.proof);
  TaskTiming timing;
  timing.work = base;
  if (jitter_percent_ == 0 || base.count() == 0) return timing;
  DeterministicRng stream = rng_.fork(std::string(to_string(attempt.task)) + "/" +
                                      std::to_string(attempt.sector.miner) + "/" +
                                      std::to_string(attempt.sector.number) + "/" +
                                      std::to_string(attempt.attempt));
  // Scale by (100 - j + u) / 100 with u uniform in [0, 2j]: ±j percent.
  const auto base_ms = static_cast<std::uint64_t>(base.count());
  const std::uint64_t factor = 100 - jitter_percent_ + stream.uniform_between(0, 2 * jitter_percent_);
  timing.work = SimDuration(static_cast<std::int64_t>(base_ms * factor / 100));
  return timing;
}

}  // namespace sealsim::sealing
