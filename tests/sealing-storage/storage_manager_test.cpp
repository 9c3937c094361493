// storage_manager_test.cpp: the sector manager end to end over the scheduler, the storage index,
// call tracking and the mock backend: a 2 KiB sector from AddPiece to a verified proof and its
// move to long-term storage (V-MOCK values), storage faults as the errors the FSM receives, a
// worker lost mid-task, and manager restarts that do not run PC1 twice.
#include "sealing/storage/storage_manager.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "sealing/storage/mock_proof_backend.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

constexpr auto k2KiB = RegisteredSealProof::StackedDrg2KiBV1_1;
const ProofSectorRef kSector{SectorId{1000, 1}, k2KiB};

// Everything that survives a manager restart: workers (scheduler), disks, the call store and the
// backend's sector records.
struct Farm {
  ScriptedTimingModel timing;
  Scheduler scheduler{timing};
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

PieceInfo add_zero_piece(Farm& farm, StorageManager& manager) {
  auto piece = slot<PieceInfo>();
  manager.add_piece(kDealSectorPriority, kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0),
                    into(piece));
  farm.scheduler.run_until_idle();
  EXPECT_TRUE(piece->has_value() && (*piece)->ok()) << (piece->has_value() ? (*piece)->error : "");
  return *(*piece)->value;
}

TEST(StorageManager, TwoKiBSectorFromAddPieceToVerifiedProofAndLongTermStorage) {
  Farm farm;
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  manager.recover();
  const PieceInfo piece = add_zero_piece(farm, manager);
  const Bytes ticket(32, 0);
  const Bytes seed(32, 0);

  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, ticket, {piece}, into(pc1));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*pc1)->ok()) << (*pc1)->error;
  EXPECT_EQ(to_hex(*(*pc1)->value), "987e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  EXPECT_EQ(farm.index.good_copy(kSector.id, SectorFileType::Cache), farm.sealing_path);

  auto pc2 = slot<SectorCommitments>();
  manager.seal_pre_commit2(0, kSector, *(*pc1)->value, into(pc2));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*pc2)->ok()) << (*pc2)->error;
  auto c1 = slot<Bytes>();
  manager.seal_commit1(0, kSector, ticket, seed, {piece}, *(*pc2)->value, into(c1));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*c1)->ok()) << (*c1)->error;
  EXPECT_EQ(to_hex(*(*c1)->value), "af6b69b420b3f547ccb73aca2c691ce552fe43b74fed438345ba1cc85404b86a");
  auto c2 = slot<Bytes>();
  manager.seal_commit2(0, kSector, *(*c1)->value, into(c2));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*c2)->ok()) << (*c2)->error;
  EXPECT_TRUE(farm.backend.verify_seal(
      SealVerifyRequest{k2KiB, kSector.id, ticket, seed, *(*c2)->value, *(*pc2)->value}));

  auto finalized = slot<NoValue>();
  manager.finalize_sector(0, kSector, false, into(finalized));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*finalized)->ok()) << (*finalized)->error;
  EXPECT_EQ(farm.index.good_copy(kSector.id, SectorFileType::Sealed), farm.store_path);
  EXPECT_EQ(farm.index.good_copy(kSector.id, SectorFileType::Cache), farm.store_path);
  EXPECT_TRUE(farm.index.copies(kSector.id, SectorFileType::Unsealed).empty());
  EXPECT_EQ(farm.index.path(farm.sealing_path).used, 0u);
  EXPECT_TRUE(farm.store.all().size() == 4u);  // PC1, PC2, C1, C2 records until the FSM forgets them
  farm.index.check_invariants();

  auto removed = slot<NoValue>();
  manager.remove(kSector, into(removed));
  farm.scheduler.run_until_idle();
  EXPECT_TRUE((*removed)->ok());
  EXPECT_EQ(farm.index.path(farm.store_path).used, 0u);
}

TEST(StorageManager, FullPathFailsAddPieceAndPreCommit1WithTheAcquireError) {
  Farm tiny(1024);  // not even the 2 KiB unsealed file fits
  CallTracker calls(tiny.store);
  StorageManager manager(tiny.scheduler, tiny.index, calls, tiny.backend);
  auto piece = slot<PieceInfo>();
  manager.add_piece(0, kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0), into(piece));
  tiny.scheduler.run_until_idle();
  ASSERT_FALSE((*piece)->ok());
  EXPECT_EQ((*piece)->error.rfind("acquire unsealed sector: no sealing path has room for the unsealed "
                                  "file of sector s-t01000-1",
                                  0),
            0u)
      << (*piece)->error;

  Farm farm(4 * 1024);  // room for the unsealed file, not for sealed + cache (28,876 bytes)
  CallTracker calls2(farm.store);
  StorageManager manager2(farm.scheduler, farm.index, calls2, farm.backend);
  const PieceInfo added = add_zero_piece(farm, manager2);
  auto pc1 = slot<Bytes>();
  manager2.seal_pre_commit1(0, kSector, Bytes(32, 0), {added}, into(pc1));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(pc1->has_value());
  ASSERT_FALSE((*pc1)->ok());
  EXPECT_NE((*pc1)->error.find("acquiring sector paths: no sealing path has room"), std::string::npos)
      << (*pc1)->error;
  EXPECT_EQ(farm.index.path(farm.sealing_path).reserved, 0u);
}

TEST(StorageManager, FinalizeWithAMissingCacheFile) {
  Farm farm;
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  const PieceInfo piece = add_zero_piece(farm, manager);
  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(pc1));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*pc1)->ok());
  farm.index.lose_file(kSector.id, SectorFileType::Cache, farm.sealing_path);
  auto finalized = slot<NoValue>();
  manager.finalize_sector(0, kSector, false, into(finalized));
  farm.scheduler.run_until_idle();
  ASSERT_FALSE((*finalized)->ok());
  EXPECT_EQ((*finalized)->error,
            "finalize sector: cache file of sector s-t01000-1 not found on any path");
  // Nothing was moved or deleted: the sealed file is still on the sealing path.
  EXPECT_EQ(farm.index.good_copy(kSector.id, SectorFileType::Sealed), farm.sealing_path);
}

TEST(StorageManager, RestartMidPreCommit1DoesNotRunItTwice) {
  Farm farm;
  PieceInfo piece;
  auto first_answer = slot<Bytes>();
  {
    CallTracker calls(farm.store);
    StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
    piece = add_zero_piece(farm, manager);
    manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(first_answer));
    farm.scheduler.advance_to(farm.scheduler.now() + seconds(4));  // PC1 running; manager dies
    EXPECT_EQ(farm.scheduler.task_count(), 2u);
  }
  // "call then return": the restarted manager re-attaches to the running call.
  CallTracker calls(farm.store);
  StorageManager restarted(farm.scheduler, farm.index, calls, farm.backend);
  restarted.recover();
  auto second_answer = slot<Bytes>();
  restarted.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(second_answer));
  EXPECT_EQ(restarted.tasks_submitted(), 0u);
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(second_answer->has_value() && (*second_answer)->ok());
  EXPECT_EQ(farm.scheduler.task_count(), 2u);  // AddPiece + one PC1
  EXPECT_EQ(farm.backend.stage(kSector.id), MockProofBackend::Stage::PreCommit);

  // "return before call": the result is recorded; another restart answers from the record.
  CallTracker calls_again(farm.store);
  StorageManager again(farm.scheduler, farm.index, calls_again, farm.backend);
  again.recover();
  auto third_answer = slot<Bytes>();
  again.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(third_answer));
  EXPECT_FALSE(third_answer->has_value());  // never inside the call
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(third_answer->has_value() && (*third_answer)->ok());
  EXPECT_EQ(*(*third_answer)->value, *(*second_answer)->value);
  EXPECT_EQ(farm.scheduler.task_count(), 2u);
}

TEST(StorageManager, WorkerLostMidPreCommit1IsRequeuedAndAnsweredOnce) {
  Farm farm;
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  const PieceInfo piece = add_zero_piece(farm, manager);
  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(pc1));
  farm.scheduler.advance_to(farm.scheduler.now() + seconds(5));
  farm.scheduler.disconnect_worker(farm.worker);
  farm.scheduler.advance_to(farm.scheduler.now() + seconds(20));
  EXPECT_FALSE(pc1->has_value());
  farm.scheduler.reconnect_worker(farm.worker);
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(pc1->has_value() && (*pc1)->ok()) << (pc1->has_value() ? (*pc1)->error : "");
  EXPECT_EQ(manager.tasks_submitted(), 2u);
}

}  // namespace
}  // namespace sealsim::sealing
