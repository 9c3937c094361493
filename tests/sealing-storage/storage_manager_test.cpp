// storage_manager_test.cpp: the sector manager end to end over the scheduler, the storage index,
// call tracking and the mock backend: a 2 KiB sector from AddPiece to a verified proof and its
// move to long-term storage (V-MOCK values), storage faults as the errors the FSM receives, a
// worker lost mid-task, and manager restarts that do not run PC1 twice.
#include "sealing/storage/storage_manager.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "tests/sealing-storage/storage_farm.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

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
  EXPECT_TRUE(farm.store.all().empty()) << "each call record is forgotten once its result was delivered";
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
            "acquiring sector cache path: cache file of sector s-t01000-1 not found on any path");
  // Nothing was moved or deleted: the sealed file is still on the sealing path.
  EXPECT_EQ(farm.index.good_copy(kSector.id, SectorFileType::Sealed), farm.sealing_path);
}

TEST(StorageManager, RestartMidPreCommit1DoesNotRunItTwice) {
  // Lotus TestRestartManager, "call then return": the manager dies while PC1 runs; the restarted
  // manager's repeated call re-attaches to the running call.
  Farm farm;
  PieceInfo piece;
  auto dead_callers_answer = slot<Bytes>();
  {
    CallTracker calls(farm.store);
    StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
    piece = add_zero_piece(farm, manager);
    manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(dead_callers_answer));
    farm.scheduler.advance_to(farm.scheduler.now() + seconds(4));  // PC1 running; manager dies
    EXPECT_EQ(farm.scheduler.task_count(), 2u);
  }
  CallTracker calls(farm.store);
  StorageManager restarted(farm.scheduler, farm.index, calls, farm.backend);
  restarted.recover();
  auto answer = slot<Bytes>();
  restarted.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(answer));
  EXPECT_EQ(restarted.tasks_submitted(), 0u);
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(answer->has_value() && (*answer)->ok());
  EXPECT_FALSE(dead_callers_answer->has_value()) << "the dead process hears nothing";
  EXPECT_EQ(farm.scheduler.task_count(), 2u);  // AddPiece + one PC1
  EXPECT_EQ(farm.backend.stage(kSector.id), MockProofBackend::Stage::PreCommit);
  EXPECT_TRUE(farm.store.all().empty());
}

TEST(StorageManager, ResultThatArrivedDuringARestartIsTakenFromTheRecord) {
  // Lotus TestRestartManager, "return before call": PC1 ends while no manager runs; the restarted
  // manager answers the repeated call from the record without running PC1 again.
  Farm farm;
  PieceInfo piece;
  {
    CallTracker calls(farm.store);
    StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
    piece = add_zero_piece(farm, manager);
    manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, [](TaskResult<Bytes>) {});
    farm.scheduler.advance_to(farm.scheduler.now() + seconds(4));
  }
  farm.scheduler.run_until_idle();
  ASSERT_EQ(farm.store.all().size(), 1u);
  EXPECT_EQ(farm.store.all()[0].state, CallState::Done);

  CallTracker calls(farm.store);
  StorageManager restarted(farm.scheduler, farm.index, calls, farm.backend);
  restarted.recover();
  auto answer = slot<Bytes>();
  restarted.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(answer));
  EXPECT_FALSE(answer->has_value()) << "never inside the call";
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(answer->has_value() && (*answer)->ok());
  EXPECT_EQ(to_hex(*(*answer)->value), "987e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  EXPECT_EQ(restarted.tasks_submitted(), 0u);
  EXPECT_EQ(farm.scheduler.task_count(), 2u);

  // Consumed: the same call later (Lotus TestRedoPC1, after forcing the mock back to packing) runs.
  farm.backend.force_stage(kSector.id, MockProofBackend::Stage::Packing);
  auto redo = slot<Bytes>();
  restarted.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(redo));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(redo->has_value() && (*redo)->ok());
  EXPECT_EQ(farm.scheduler.task_count(), 3u);
}

TEST(StorageManager, FailedPreCommit1IsRunAgainOnRetryNotAnsweredFromItsRecord) {
  Farm farm;
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  const PieceInfo piece = add_zero_piece(farm, manager);
  farm.index.set_external_usage(farm.sealing_path, 60 * 1024);  // the disk fills up
  auto first = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(first));
  farm.scheduler.run_until_idle();
  ASSERT_FALSE((*first)->ok());
  EXPECT_EQ((*first)->error.rfind("acquiring sector paths: no sealing path has room for the", 0), 0u)
      << (*first)->error;
  farm.index.set_external_usage(farm.sealing_path, 0);  // the operator frees space
  auto retry = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(retry));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*retry)->ok()) << (*retry)->error;
  EXPECT_EQ(manager.tasks_submitted(), 3u);
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
