// storage_index_test.cpp: storage paths, reservations, the sector index, finalize moves and faults.
#include "sealing/storage/storage_index.hpp"

#include <gtest/gtest.h>

namespace sealsim::sealing {
namespace {

constexpr std::uint64_t kKiB = 1024;
constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
constexpr auto k2KiB = RegisteredSealProof::StackedDrg2KiBV1_1;
constexpr auto k32GiB = RegisteredSealProof::StackedDrg32GiBV1_1;
const SectorId kSector{1000, 7};

using T = SectorFileType;

StorageErrorKind error_kind(const std::function<void()>& action) {
  try {
    action();
  } catch (const StorageError& error) {
    return error.kind();
  }
  ADD_FAILURE() << "no StorageError thrown";
  return StorageErrorKind::UnknownPath;
}

TEST(SectorFileType, SizesFollowLotusOverheads) {
  EXPECT_EQ(sealing_file_size(T::Unsealed, 32 * kGiB), 32 * kGiB);
  EXPECT_EQ(sealing_file_size(T::Sealed, 32 * kGiB), 32 * kGiB);
  EXPECT_EQ(sealing_file_size(T::Cache, 32 * kGiB), 32 * kGiB * 141 / 10);
  EXPECT_EQ(finalized_file_size(T::Cache, 32 * kGiB), 32 * kGiB * 2 / 10);
  EXPECT_EQ(finalized_file_size(T::Sealed, 2 * kKiB), 2 * kKiB);
}

// Seals a 2 KiB sector's files onto `path`, as PC1/PC2 would.
void seal_files(StorageIndex& index, StoragePathId path) {
  for (T type : kAllSectorFileTypes) index.declare(kSector, type, path, sealing_file_size(type, 2 * kKiB));
}

TEST(StorageIndex, AllocatesOnTheSealingPathWithMostRoomAndReleasesOnEveryExit) {
  StorageIndex index;
  const auto small = index.add_path({"small", 100 * kKiB, true, false, std::nullopt});
  const auto large = index.add_path({"large", 200 * kKiB, true, false, std::nullopt});
  index.add_path({"store", 1000 * kKiB, false, true, std::nullopt});
  {
    AcquiredSector acquired = index.acquire(kSector, k2KiB, {}, {T::Unsealed}, PathKind::Sealing);
    EXPECT_EQ(acquired.paths.at(T::Unsealed), large);
    EXPECT_EQ(index.path(large).reserved, 2 * kKiB);
    // The task fails before declaring anything: leaving scope gives the space back.
  }
  EXPECT_EQ(index.path(large).reserved, 0u);
  {
    AcquiredSector acquired = index.acquire(kSector, k2KiB, {}, {T::Unsealed}, PathKind::Sealing);
    index.declare(acquired.reservation, kSector, T::Unsealed, large, 2 * kKiB);
    EXPECT_EQ(index.path(large).reserved, 0u);
    EXPECT_EQ(index.path(large).used, 2 * kKiB);
  }
  EXPECT_EQ(index.path(large).used, 2 * kKiB);
  EXPECT_EQ(index.path(small).used, 0u);
  EXPECT_EQ(index.good_copy(kSector, T::Unsealed), large);
  index.check_invariants();
}

TEST(StorageIndex, PathFullAndNoSuitablePath) {
  StorageIndex index;
  const auto sealing = index.add_path({"sealing", 40 * kKiB, true, false, std::nullopt});
  // The cache of a 2 KiB sector needs 28,876 bytes while sealing; sealed + cache fit 40 KiB once.
  AcquiredSector first = index.acquire(kSector, k2KiB, {}, {T::Sealed, T::Cache}, PathKind::Sealing);
  EXPECT_EQ(index.path(sealing).reserved, 2 * kKiB + 28876);
  try {
    index.acquire(SectorId{1000, 8}, k2KiB, {}, {T::Sealed, T::Cache}, PathKind::Sealing);
    FAIL() << "expected PathFull";
  } catch (const StorageError& error) {
    EXPECT_EQ(error.kind(), StorageErrorKind::PathFull);
    EXPECT_NE(std::string(error.what()).find("s-t01000-8"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("no sealing path has room"), std::string::npos);
  }
  // The failed acquire left nothing reserved.
  EXPECT_EQ(index.path(sealing).reserved, 2 * kKiB + 28876);
  first.reservation.release();
  index.set_external_usage(sealing, 39 * kKiB);  // someone else filled the disk
  EXPECT_EQ(error_kind([&] { index.acquire(kSector, k2KiB, {}, {T::Unsealed}, PathKind::Sealing); }),
            StorageErrorKind::PathFull);
  EXPECT_EQ(error_kind([&] { index.acquire(kSector, k2KiB, {}, {T::Sealed}, PathKind::Storage); }),
            StorageErrorKind::NoSuitablePath);
  EXPECT_FALSE(index.can_allocate(k2KiB, {T::Unsealed}, PathKind::Sealing, std::nullopt));
  index.set_external_usage(sealing, 0);
  EXPECT_TRUE(index.can_allocate(k2KiB, {T::Unsealed}, PathKind::Sealing, std::nullopt));
  EXPECT_FALSE(index.can_allocate(k32GiB, {T::Unsealed}, PathKind::Sealing, std::nullopt));
}

TEST(StorageIndex, ExistingFilesMissingCorruptedDetached) {
  StorageIndex index;
  const auto sealing = index.add_path({"sealing", 100 * kKiB, true, false, std::nullopt});
  EXPECT_EQ(error_kind([&] { index.acquire(kSector, k2KiB, {T::Unsealed}, {}, PathKind::Sealing); }),
            StorageErrorKind::FileMissing);
  seal_files(index, sealing);
  EXPECT_EQ(index.acquire(kSector, k2KiB, {T::Sealed, T::Cache}, {}, PathKind::Sealing).paths.at(T::Cache),
            sealing);
  index.detach_path(sealing);
  EXPECT_EQ(error_kind([&] { index.acquire(kSector, k2KiB, {T::Sealed}, {}, PathKind::Sealing); }),
            StorageErrorKind::PathDetached);
  index.attach_path(sealing);
  index.corrupt_file(kSector, T::Sealed, sealing);
  EXPECT_EQ(error_kind([&] { index.acquire(kSector, k2KiB, {T::Sealed}, {}, PathKind::Sealing); }),
            StorageErrorKind::FileCorrupted);
  index.lose_file(kSector, T::Cache, sealing);
  EXPECT_EQ(error_kind([&] { index.finalize(kSector, k2KiB, false); }), StorageErrorKind::FileMissing);
  index.check_invariants();
}

TEST(StorageIndex, FinalizeShrinksCacheDropsUnsealedAndMovesToStorage) {
  StorageIndex index;
  const auto sealing = index.add_path({"sealing", 100 * kKiB, true, false, std::nullopt});
  const auto store = index.add_path({"store", 100 * kKiB, false, true, std::nullopt});
  seal_files(index, sealing);
  EXPECT_EQ(index.path(sealing).used, 2 * kKiB + 2 * kKiB + 28876);
  index.finalize(kSector, k2KiB, false);
  EXPECT_TRUE(index.copies(kSector, T::Unsealed).empty());
  EXPECT_EQ(index.copies(kSector, T::Cache).at(0).size, 409u);  // 2048 · 2 / 10
  index.move_to_storage(kSector, {T::Sealed, T::Cache});
  EXPECT_EQ(index.good_copy(kSector, T::Sealed), store);
  EXPECT_EQ(index.good_copy(kSector, T::Cache), store);
  EXPECT_EQ(index.copies(kSector, T::Sealed).size(), 1u);
  EXPECT_EQ(index.path(sealing).used, 0u);
  EXPECT_EQ(index.path(store).used, 2 * kKiB + 409);
  // Moving again is a no-op.
  index.move_to_storage(kSector, {T::Sealed, T::Cache});
  EXPECT_EQ(index.path(store).used, 2 * kKiB + 409);
  index.check_invariants();
}

TEST(StorageIndex, MoveNeverDeletesTheOnlyCopy) {
  StorageIndex index;
  const auto sealing = index.add_path({"sealing", 100 * kKiB, true, false, std::nullopt});
  const auto store = index.add_path({"store", 1 * kKiB, false, true, std::nullopt});
  seal_files(index, sealing);
  index.finalize(kSector, k2KiB, true);
  EXPECT_EQ(error_kind([&] { index.move_to_storage(kSector, {T::Sealed, T::Cache}); }),
            StorageErrorKind::PathFull);
  EXPECT_EQ(index.good_copy(kSector, T::Sealed), sealing);
  EXPECT_EQ(index.good_copy(kSector, T::Cache), sealing);
  // The only copy cannot be removed by hand either.
  EXPECT_EQ(error_kind([&] { index.remove_copy(kSector, T::Sealed, sealing); }),
            StorageErrorKind::OnlyCopy);
  // With room, the unsealed file (kept) moves too; then the sealing copies can go.
  index.detach_path(store);
  const auto bigger = index.add_path({"bigger", 100 * kKiB, false, true, std::nullopt});
  index.move_to_storage(kSector, {T::Unsealed, T::Sealed, T::Cache});
  for (T type : kAllSectorFileTypes) {
    EXPECT_EQ(index.good_copy(kSector, type), bigger);
    EXPECT_EQ(index.copies(kSector, type).size(), 1u);
  }
  EXPECT_EQ(index.path(sealing).used, 0u);
  EXPECT_EQ(index.path(store).used, 0u);
  index.check_invariants();
}

TEST(StorageIndex, ContentMovesWithTheFileAndIsVerified) {
  InMemorySectorFileContent content;
  StorageIndex index(&content);
  const auto sealing = index.add_path({"sealing", 100 * kKiB, true, false, std::nullopt});
  const auto store = index.add_path({"store", 100 * kKiB, false, true, std::nullopt});
  seal_files(index, sealing);
  const Bytes sealed_bytes(2048, 0x5a);
  content.write(SectorFileKey{kSector, T::Sealed, sealing}, 0, sealed_bytes);
  index.move_to_storage(kSector, {T::Sealed});
  EXPECT_EQ(content.read_all(SectorFileKey{kSector, T::Sealed, store}), sealed_bytes);
  EXPECT_FALSE(content.read_all(SectorFileKey{kSector, T::Sealed, sealing}).has_value());

  // A corrupted source is never the base of a move, and is not deleted.
  index.corrupt_file(kSector, T::Cache, sealing);
  EXPECT_EQ(error_kind([&] { index.move_to_storage(kSector, {T::Cache}); }),
            StorageErrorKind::FileCorrupted);
  EXPECT_EQ(index.copies(kSector, T::Cache).size(), 1u);
  // A corrupted copy may be removed when a good one exists elsewhere.
  index.declare(kSector, T::Cache, store, 409);
  index.remove_copy(kSector, T::Cache, sealing);
  EXPECT_EQ(index.copies(kSector, T::Cache).size(), 1u);
  index.check_invariants();
}

TEST(StorageIndex, WorkerLocalPaths) {
  StorageIndex index;
  const auto local0 = index.add_path({"w0-nvme", 100 * kKiB, true, false, WorkerId{0}});
  const auto local1 = index.add_path({"w1-nvme", 100 * kKiB, true, false, WorkerId{1}});
  seal_files(index, local0);
  EXPECT_EQ(index.good_copy(kSector, T::Sealed, WorkerId{0}), local0);
  EXPECT_EQ(index.good_copy(kSector, T::Sealed, WorkerId{1}), std::nullopt);
  EXPECT_EQ(error_kind([&] { index.acquire(kSector, k2KiB, {T::Sealed}, {}, PathKind::Sealing, WorkerId{1}); }),
            StorageErrorKind::FileMissing);
  EXPECT_EQ(index.acquire(SectorId{1000, 9}, k2KiB, {}, {T::Unsealed}, PathKind::Sealing, WorkerId{1})
                .paths.at(T::Unsealed),
            local1);
  EXPECT_FALSE(index.can_allocate(k2KiB, {T::Unsealed}, PathKind::Sealing, WorkerId{2}));
}

TEST(StorageIndex, RemoveSectorDropsEveryCopy) {
  StorageIndex index;
  const auto a = index.add_path({"a", 100 * kKiB, true, true, std::nullopt});
  const auto b = index.add_path({"b", 100 * kKiB, true, true, std::nullopt});
  seal_files(index, a);
  index.declare(kSector, T::Sealed, b, 2048);
  index.remove_sector(kSector);
  for (T type : kAllSectorFileTypes) EXPECT_TRUE(index.copies(kSector, type).empty());
  EXPECT_EQ(index.path(a).used + index.path(b).used, 0u);
}

}  // namespace
}  // namespace sealsim::sealing
