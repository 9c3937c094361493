// storage_manager_faults_test.cpp: storage operations at a task's start and what every exit path
// gives back: reservations held while the work runs and released after success, failed work, a
// lost worker and a failed start; finalize keeping the only copy when long-term storage is full;
// the "not available in this build" backends failing each call with their message; a 32 GiB
// sector simulated with sizes only (no bytes anywhere).
#include <gtest/gtest.h>

#include "model/unsealed_commitment.hpp"
#include "model/zero_commitment.hpp"
#include "tests/sealing-storage/storage_farm.hpp"
#include "tests/sealing-storage/unavailable_proof_backend.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

const std::uint64_t kSealed = sealing_file_size(SectorFileType::Sealed, 2048);
const std::uint64_t kCache = sealing_file_size(SectorFileType::Cache, 2048);

TEST(StorageManagerFaults, ReservationsAreHeldWhileWorkRunsAndReleasedOnEveryExit) {
  Farm farm;
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  const StoragePathState& sealing = farm.index.path(farm.sealing_path);

  // AddPiece: the unsealed file is reserved from the work's start until it is declared.
  auto added = slot<PieceInfo>();
  manager.add_piece(0, kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0), into(added));
  farm.scheduler.advance_to(seconds(1));
  EXPECT_EQ(sealing.reserved, 2048u);
  EXPECT_EQ(sealing.used, 0u);
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*added)->ok());
  const PieceInfo piece = *(*added)->value;
  EXPECT_EQ(sealing.reserved, 0u);
  EXPECT_EQ(sealing.used, 2048u);

  // PC1 whose work fails: the sealed and cache reservations go back, nothing is declared.
  TaskTiming failing;
  failing.work = seconds(10);
  failing.work_error = "out of memory";
  farm.timing.script(farm.scheduler.task_count(), failing);
  auto failed = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(failed));
  farm.scheduler.advance_to(farm.scheduler.now() + seconds(5));
  EXPECT_EQ(sealing.reserved, kSealed + kCache);
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(failed->has_value());
  EXPECT_EQ((*failed)->error, "out of memory");
  EXPECT_EQ(sealing.reserved, 0u);
  EXPECT_EQ(sealing.used, 2048u);
  EXPECT_TRUE(farm.index.copies(kSector.id, SectorFileType::Sealed).empty());

  // PC1 whose worker is lost mid-run: released at the loss, reserved again by the second run.
  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(pc1));
  farm.scheduler.advance_to(farm.scheduler.now() + seconds(5));
  EXPECT_EQ(sealing.reserved, kSealed + kCache);
  farm.scheduler.disconnect_worker(farm.worker);
  EXPECT_EQ(sealing.reserved, 0u);
  farm.scheduler.advance_to(farm.scheduler.now() + seconds(30));
  EXPECT_FALSE(pc1->has_value());
  farm.scheduler.reconnect_worker(farm.worker);
  farm.scheduler.advance_to(farm.scheduler.now());
  EXPECT_EQ(sealing.reserved, kSealed + kCache);
  farm.scheduler.run_until_idle();
  ASSERT_TRUE(pc1->has_value() && (*pc1)->ok()) << (pc1->has_value() ? (*pc1)->error : "");
  EXPECT_EQ(sealing.reserved, 0u);
  EXPECT_EQ(sealing.used, 2048u + kSealed + kCache);

  // A start that fails (the disk filled up): nothing reserved, the task fails at once.
  farm.index.set_external_usage(farm.sealing_path, 60 * 1024);
  const ProofSectorRef other{SectorId{1000, 2}, k2KiB};
  auto refused = slot<PieceInfo>();
  const SimTime asked_at = farm.scheduler.now();
  manager.add_piece(0, other, {}, UnpaddedPieceSize(2032), Bytes(2032, 0), into(refused));
  farm.scheduler.run_until_idle();
  ASSERT_FALSE((*refused)->ok());
  EXPECT_EQ(farm.scheduler.now(), asked_at) << "failed at its start, not after its work time";
  EXPECT_EQ(sealing.reserved, 0u);
  EXPECT_TRUE(farm.index.copies(other.id, SectorFileType::Unsealed).empty());
  farm.index.check_invariants();
  farm.scheduler.check_invariants();
}

TEST(StorageManagerFaults, FinalizeKeepsTheOnlyCopyWhenLongTermStorageIsFull) {
  Farm farm;
  CallTracker calls(farm.store);
  StorageManager manager(farm.scheduler, farm.index, calls, farm.backend);
  const PieceInfo piece = add_zero_piece(farm, manager);
  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {piece}, into(pc1));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*pc1)->ok());

  farm.index.set_external_usage(farm.store_path, 64 * 1024);
  auto finalized = slot<NoValue>();
  manager.finalize_sector(0, kSector, false, into(finalized));
  farm.scheduler.run_until_idle();
  ASSERT_FALSE((*finalized)->ok());
  EXPECT_EQ((*finalized)->error.rfind("moving sector to storage: no long-term storage path has room "
                                      "for the",
                                      0),
            0u)
      << (*finalized)->error;
  for (SectorFileType type : {SectorFileType::Sealed, SectorFileType::Cache}) {
    const auto copies = farm.index.copies(kSector.id, type);
    ASSERT_EQ(copies.size(), 1u) << to_string(type);
    EXPECT_EQ(copies[0].key.path, farm.sealing_path);
    EXPECT_EQ(copies[0].health, SectorFileHealth::Good);
  }
  EXPECT_EQ(farm.index.path(farm.sealing_path).reserved, 0u);
  farm.index.check_invariants();

  // Space freed: the retried finalize moves both files and only then drops the sealing copies.
  farm.index.set_external_usage(farm.store_path, 0);
  auto retried = slot<NoValue>();
  manager.finalize_sector(0, kSector, false, into(retried));
  farm.scheduler.run_until_idle();
  ASSERT_TRUE((*retried)->ok()) << (*retried)->error;
  for (SectorFileType type : {SectorFileType::Sealed, SectorFileType::Cache}) {
    const auto copies = farm.index.copies(kSector.id, type);
    ASSERT_EQ(copies.size(), 1u);
    EXPECT_EQ(copies[0].key.path, farm.store_path);
  }
  EXPECT_EQ(farm.index.path(farm.sealing_path).used, 0u);
}

TEST(StorageManagerFaults, UnavailableBackendsFailEachCallWithTheirMessage) {
  // make_proof_backend refuses an unavailable backend up front (mock_proof_backend_test.cpp); a
  // backend that fails every call still fails each task with its message.
  for (const char* name : {"cuda"}) {
    SCOPED_TRACE(name);
    Farm farm;
    std::unique_ptr<ProofBackend> backend = std::make_unique<test::UnavailableProofBackend>(name);
    CallTracker calls(farm.store);
    StorageManager manager(farm.scheduler, farm.index, calls, *backend);
    const std::string prefix = std::string("proof backend '") + name + "' is not available in this build";

    auto piece = slot<PieceInfo>();
    manager.add_piece(0, kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0), into(piece));
    farm.scheduler.run_until_idle();
    ASSERT_FALSE((*piece)->ok());
    EXPECT_EQ((*piece)->error, prefix + " (AddPiece)");
    EXPECT_TRUE(farm.index.copies(kSector.id, SectorFileType::Unsealed).empty());

    farm.index.declare(kSector.id, SectorFileType::Unsealed, farm.sealing_path, 2048);
    auto pc1 = slot<Bytes>();
    manager.seal_pre_commit1(0, kSector, Bytes(32, 0), {PieceInfo{PaddedPieceSize(2048), {}}},
                             into(pc1));
    auto c2 = slot<Bytes>();
    manager.seal_commit2(0, kSector, Bytes(32, 1), into(c2));
    farm.scheduler.run_until_idle();
    EXPECT_EQ((*pc1)->error, prefix + " (SealPreCommit1)");
    EXPECT_EQ((*c2)->error, prefix + " (SealCommit2)");
    EXPECT_TRUE(farm.index.copies(kSector.id, SectorFileType::Sealed).empty());
    EXPECT_EQ(farm.index.path(farm.sealing_path).reserved, 0u);
    EXPECT_EQ(farm.index.path(farm.sealing_path).used, 2048u);
  }
}

TEST(StorageManagerFaults, ThirtyTwoGiBSectorWithSizesOnly) {
  constexpr std::uint64_t kGiBytes = std::uint64_t{1} << 30;
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);
  scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
  StorageIndex index;  // sizes only: no content store
  const StoragePathId sealing = index.add_path({"sealing", 1024 * kGiBytes, true, false, std::nullopt});
  InMemoryCallRecordStore store;
  CallTracker calls(store);
  MockProofBackend backend;
  StorageManager manager(scheduler, index, calls, backend);
  const ProofSectorRef sector{SectorId{1000, 7}, RegisteredSealProof::StackedDrg32GiBV1_1};

  // A 1 GiB deal, then Packing's fillers for the remaining 31 GiB (1, 2, 4, 8, 16 GiB padded).
  Node32 deal_commitment{};
  deal_commitment.fill(0x5a);
  deal_commitment[31] &= 0x3f;  // a field element, as every CommP is
  std::vector<PieceInfo> pieces;
  std::vector<UnpaddedPieceSize> existing;
  auto add = [&](std::uint64_t padded, const Node32& commitment) {
    const UnpaddedPieceSize size = PaddedPieceSize(padded).unpadded();
    auto added = slot<PieceInfo>();
    manager.add_piece_without_data(0, sector, existing, size, commitment, into(added));
    scheduler.run_until_idle();
    ASSERT_TRUE(added->has_value() && (*added)->ok()) << (added->has_value() ? (*added)->error : "");
    EXPECT_EQ((*added)->value->commitment, commitment);
    pieces.push_back(*(*added)->value);
    existing.push_back(size);
  };
  add(kGiBytes, deal_commitment);
  for (std::uint64_t padded = kGiBytes; padded <= 16 * kGiBytes; padded *= 2) {
    add(padded, zero_piece_commitment(PaddedPieceSize(padded)));
  }
  EXPECT_EQ(index.path(sealing).used, 32 * kGiBytes);

  auto pc1 = slot<Bytes>();
  manager.seal_pre_commit1(0, sector, Bytes(32, 0), pieces, into(pc1));
  scheduler.run_until_idle();
  ASSERT_TRUE((*pc1)->ok()) << (*pc1)->error;
  auto pc2 = slot<SectorCommitments>();
  manager.seal_pre_commit2(0, sector, *(*pc1)->value, into(pc2));
  scheduler.run_until_idle();
  ASSERT_TRUE((*pc2)->ok()) << (*pc2)->error;
  EXPECT_EQ((*pc2)->value->unsealed,
            generate_unsealed_commitment(RegisteredSealProof::StackedDrg32GiBV1_1, pieces));
  EXPECT_EQ(index.path(sealing).used,
            32 * kGiBytes + sealing_file_size(SectorFileType::Sealed, 32 * kGiBytes) +
                sealing_file_size(SectorFileType::Cache, 32 * kGiBytes));
  index.check_invariants();
}

}  // namespace
}  // namespace sealsim::sealing
