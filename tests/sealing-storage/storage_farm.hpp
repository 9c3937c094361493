// storage_farm.hpp: the storage manager suites' farm (one worker, a sealing and a long-term path,
// the call store and the mock backend: everything that survives a manager restart) and helpers
// that collect a task's result.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "sealing/storage/mock_proof_backend.hpp"
#include "sealing/storage/storage_manager.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing::testing {

constexpr auto k2KiB = RegisteredSealProof::StackedDrg2KiBV1_1;
inline const ProofSectorRef kSector{SectorId{1000, 1}, k2KiB};

// Everything that survives a manager restart: workers (scheduler), disks, the call store and the
// backend's sector records.
struct Farm {
  VectorTraceSink trace;
  ScriptedTimingModel timing;
  Scheduler scheduler{timing, {}, &trace};
  InMemorySectorFileContent content;
  StorageIndex index{&content};
  InMemoryCallRecordStore store;
  MockProofBackend backend;
  StoragePathId sealing_path;
  StoragePathId store_path;
  WorkerId worker;

  explicit Farm(std::uint64_t sealing_capacity = 64 * 1024) {
    worker = scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
    sealing_path = index.add_path({"sealing", sealing_capacity, true, false, std::nullopt});
    store_path = index.add_path({"store", 64 * 1024, false, true, std::nullopt});
  }
};

template <class T>
std::shared_ptr<std::optional<TaskResult<T>>> slot() {
  return std::make_shared<std::optional<TaskResult<T>>>();
}

template <class T>
TaskDone<T> into(const std::shared_ptr<std::optional<TaskResult<T>>>& target) {
  return [target](TaskResult<T> result) {
    ASSERT_FALSE(target->has_value()) << "result delivered twice";
    *target = std::move(result);
  };
}

inline PieceInfo add_zero_piece(Farm& farm, StorageManager& manager) {
  auto piece = slot<PieceInfo>();
  manager.add_piece(kDealSectorPriority, kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0),
                    into(piece));
  farm.scheduler.run_until_idle();
  EXPECT_TRUE(piece->has_value() && (*piece)->ok()) << (piece->has_value() ? (*piece)->error : "");
  return *(*piece)->value;
}

}  // namespace sealsim::sealing::testing
