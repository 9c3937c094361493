// fsm_handlers_test.cpp: the sector state machine's real handlers driving the real sector manager
// (FsmSectorManager over the scheduler, storage index and mock backend) on one simulated clock:
// Packing writes its filler through a scheduled AddPiece and moves on after the task's simulated
// time; a full sealing path stalls it; PreCommit2 gets CommD/CommR of the packed pieces;
// FinalizeSector moves the files to long-term storage, or fails to FinalizeFailed when the cache
// file is missing; Removing removes every file. The FSM links only sealing/'s interface to it.
#include <gtest/gtest.h>

#include <memory>

#include "model/cid.hpp"
#include "model/unsealed_commitment.hpp"
#include "model/zero_commitment.hpp"
#include "sealing/handlers.hpp"
#include "sealing/sector_store_memory.hpp"
#include "sealing/storage/backend_proof_verifier.hpp"
#include "sealing/storage/fsm_sector_manager.hpp"
#include "sealing/storage/mock_proof_backend.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"
#include "tests/sealing/fake_batcher_queues.hpp"
#include "tests/sealing/fake_chain_api.hpp"
#include "tests/sealing/fake_chain_events.hpp"
#include "tests/sealing/fake_clock.hpp"
#include "tests/sealing/recording_runner.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
constexpr SimSeconds kStart = 1'000'000;
constexpr auto k2KiB = RegisteredSealProof::StackedDrg2KiBV1_1;

struct Rig {
  explicit Rig(std::uint64_t sealing_capacity = 1 << 20) {
    scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
    sealing = index.add_path({"sealing", sealing_capacity, true, false, std::nullopt});
    storage = index.add_path({"store", 1 << 20, false, true, std::nullopt});
  }
  SectorInfo record(SectorNumber n) { return *store.load(n); }
  void force(SectorNumber n, SectorState state, SectorInfo base) {
    base.sector_number = n;
    base.sector_type = k2KiB;
    store.save(n, base);
    group.send(n, SectorForceState{std::string(state_name(state))});
  }
  // Packs sector `n` with one zero piece and runs PC1 through the manager (outside the FSM).
  std::pair<PieceInfo, Bytes> precommit1(SectorNumber n) {
    const SectorRef ref{SectorId{1000, n}, k2KiB};
    std::optional<Result<PieceInfo>> piece;
    sealer.add_piece(0, ref, {}, UnpaddedPieceSize(2032), PieceData{},
                     [&](Result<PieceInfo> result) { piece = std::move(result); });
    clock.advance_to(clock.now() + 10);
    EXPECT_TRUE(piece.has_value() && *piece);
    std::optional<Result<Bytes>> pc1;
    sealer.seal_pre_commit1(0, ref, Bytes(32, 0), {**piece},
                            [&](Result<Bytes> result) { pc1 = std::move(result); });
    clock.advance_to(clock.now() + 10);
    EXPECT_TRUE(pc1.has_value() && *pc1);
    return {**piece, **pc1};
  }

  test::FakeClock clock{kStart};
  ScriptedTimingModel timing;  // 10 s of work per task
  Scheduler scheduler{timing};
  InMemorySectorFileContent content;
  StorageIndex index{&content};
  InMemoryCallRecordStore calls;
  MockProofBackend backend;
  StoragePathId sealing = 0;
  StoragePathId storage = 0;
  FsmSectorManager sealer{scheduler, index, calls, backend, clock,
                          FsmSectorManagerOptions{kStart, PieceDataMode::RealData, nullptr, false}};
  BackendProofVerifier verifier{backend};
  test::FakeChainApi chain{clock};
  test::FakeChainEvents events{clock, chain.head.height};
  test::FakeBatcherQueues batchers{clock};
  MemorySectorStore store;
  SealingHandlers handlers{HandlerEnv{sealer, clock, chain, events, verifier, batchers, batchers,
                                      batchers, SealingConfig{}, FeeConfig{}, 1000}};
  test::RecordingRunner runner{handlers};
  SectorStateGroup group{store, clock, runner};
};

TEST(FsmWithStorageManager, PackingWritesItsFillerThroughAScheduledAddPiece) {
  Rig rig;
  rig.runner.park = {SectorHandler::GetTicket};  // PreCommit1 would reserve space again
  rig.group.send(1, SectorStartCC{1, k2KiB});
  EXPECT_TRUE(rig.record(1).in_state(SectorState::Packing));
  rig.clock.advance_to(kStart + 9);
  EXPECT_TRUE(rig.record(1).in_state(SectorState::Packing)) << "AddPiece takes 10 s";
  EXPECT_EQ(rig.index.path(rig.sealing).reserved, 2048u);
  rig.clock.advance_to(kStart + 10);
  const SectorInfo info = rig.record(1);
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  ASSERT_EQ(info.pieces.size(), 1u);
  EXPECT_EQ(info.pieces[0].piece.size, PaddedPieceSize(2048));
  EXPECT_EQ(info.pieces[0].piece.commitment, zero_piece_commitment(PaddedPieceSize(2048)));
  EXPECT_EQ(rig.index.good_copy(SectorId{1000, 1}, SectorFileType::Unsealed), rig.sealing);
  EXPECT_EQ(rig.index.path(rig.sealing).reserved, 0u);
}

TEST(FsmWithStorageManager, AFullSealingPathStallsPacking) {
  Rig rig(1024);
  rig.group.send(2, SectorStartCC{2, k2KiB});
  rig.clock.advance_to(kStart + 100);
  EXPECT_TRUE(rig.record(2).in_state(SectorState::Packing));
  EXPECT_FALSE(rig.group.busy(2)) << "STALL: the handler returned without an event";
  EXPECT_TRUE(rig.index.copies(SectorId{1000, 2}, SectorFileType::Unsealed).empty());
  EXPECT_EQ(rig.index.path(rig.sealing).reserved, 0u);
}

TEST(FsmWithStorageManager, PreCommit2GivesTheCommitmentsOfThePackedPieces) {
  Rig rig;
  const auto [piece, pc1] = rig.precommit1(3);
  SectorInfo base;
  base.pieces = {Piece{piece, std::nullopt}};
  base.pre_commit1_out = pc1;
  rig.runner.park = {SectorHandler::PreCommitting};  // hold the sector where PreCommit2 sent it
  rig.force(3, SectorState::PreCommit2, base);
  const SimSeconds asked = rig.clock.now();
  rig.clock.advance_to(asked + 10);
  const SectorInfo info = rig.record(3);
  EXPECT_TRUE(info.in_state(SectorState::PreCommitting));
  ASSERT_TRUE(info.comm_d.has_value());
  EXPECT_EQ(*info.comm_d, commitment_to_cid(CommitmentKind::Unsealed,
                                            generate_unsealed_commitment(k2KiB, {&piece, 1})));
  ASSERT_TRUE(info.comm_r.has_value());
}

TEST(FsmWithStorageManager, FinalizeMovesToLongTermStorageThenRemovingRemovesEverything) {
  Rig rig;
  rig.precommit1(4);
  rig.force(4, SectorState::FinalizeSector, SectorInfo{});
  rig.clock.advance_to(rig.clock.now() + 20);  // Finalize, then Fetch to long-term storage
  EXPECT_TRUE(rig.record(4).in_state(SectorState::Proving));
  const SectorId id{1000, 4};
  EXPECT_EQ(rig.index.good_copy(id, SectorFileType::Sealed), rig.storage);
  EXPECT_EQ(rig.index.good_copy(id, SectorFileType::Cache), rig.storage);
  EXPECT_TRUE(rig.index.copies(id, SectorFileType::Unsealed).empty());

  rig.clock.advance_to(rig.clock.now() + 1);  // Proving's ReleaseUnsealed answers
  rig.group.send(4, SectorRemove{});
  rig.clock.advance_to(rig.clock.now() + 1);
  EXPECT_TRUE(rig.record(4).in_state(SectorState::Removed));
  EXPECT_EQ(rig.index.path(rig.storage).used, 0u);
  EXPECT_EQ(rig.index.path(rig.sealing).used, 0u);
}

TEST(FsmWithStorageManager, FinalizeWithAMissingCacheFileFails) {
  Rig rig;
  rig.precommit1(5);
  rig.index.lose_file(SectorId{1000, 5}, SectorFileType::Cache, rig.sealing);
  rig.force(5, SectorState::FinalizeSector, SectorInfo{});
  rig.clock.advance_to(rig.clock.now() + 10);
  const SectorInfo info = rig.record(5);
  EXPECT_TRUE(info.in_state(SectorState::FinalizeFailed));
  ASSERT_FALSE(info.log.empty());
  EXPECT_NE(info.log.back().message.find("finalize sector: acquiring sector cache path: cache file "
                                         "of sector s-t01000-5 not found on any path"),
            std::string::npos)
      << info.log.back().message;
  EXPECT_EQ(rig.index.good_copy(SectorId{1000, 5}, SectorFileType::Sealed), rig.sealing)
      << "nothing moved or deleted";
}

}  // namespace
}  // namespace sealsim::sealing
