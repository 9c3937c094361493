// handlers_test.cpp: handlers run through the state group with the fake
// sector manager on simulated time: Packing fillers, PreCommit2 outcomes, failure handlers with
// failedCooldown measured on the simulated clock, finalize/proving/removal.
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

// The shared handler rig; this file's sectors are 2 KiB.
struct Rig : test::HandlerRig {
  using HandlerRig::HandlerRig;
  // Puts a 2 KiB sector into `state` as a forced state would.
  void force(SectorNumber n, SectorState state, SectorInfo base = {}) {
    base.sector_type = RegisteredSealProof::StackedDrg2KiBV1_1;
    HandlerRig::force(n, state, std::move(base));
  }
};

TEST(FillersFromRemaining, MatchesLotusUtilsTest) {
  auto u = [](std::uint64_t padded) { return UnpaddedPieceSize(padded - padded / 128); };
  for (unsigned i = 8; i < 32; ++i) {
    const std::uint64_t p = std::uint64_t{1} << i;
    EXPECT_EQ(fillers_from_remaining(u(p)), (std::vector<UnpaddedPieceSize>{u(p)}));
    EXPECT_EQ(fillers_from_remaining(u(5 * p)), (std::vector<UnpaddedPieceSize>{u(p), u(4 * p)}));
    EXPECT_EQ(fillers_from_remaining(u(15 * p)),
              (std::vector<UnpaddedPieceSize>{u(p), u(2 * p), u(4 * p), u(8 * p)}));
    EXPECT_EQ(fillers_from_remaining(u(9 * p)), (std::vector<UnpaddedPieceSize>{u(p), u(8 * p)}));
  }
}

TEST(Handlers, PackingFillsACommittedCapacitySectorAndMovesToGetTicket) {
  Rig rig;
  rig.group.send(1, SectorStartCC{1, RegisteredSealProof::StackedDrg2KiBV1_1});
  EXPECT_TRUE(rig.record(1).in_state(SectorState::Packing));
  EXPECT_TRUE(rig.group.busy(1)) << "Packing waits for AddPiece";
  rig.clock.advance_to(1'000'010);
  const SectorInfo info = rig.record(1);
  // GetTicket's handler runs at once and moves on to PreCommit1, which starts PC1.
  EXPECT_TRUE(info.in_state(SectorState::PreCommit1));
  EXPECT_EQ(rig.runner.started[1], SectorHandler::GetTicket);
  ASSERT_EQ(info.pieces.size(), 1u);
  EXPECT_EQ(info.pieces[0].piece.size, PaddedPieceSize(2048));
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"add_piece", "pc1"}));
}

TEST(Handlers, PackingStallsWhenAFillerFails) {
  Rig rig;
  rig.sealer.fail_next("add_piece");
  rig.group.send(2, SectorStartCC{2, RegisteredSealProof::StackedDrg2KiBV1_1});
  rig.clock.advance_to(1'000'100);
  EXPECT_TRUE(rig.record(2).in_state(SectorState::Packing));
  EXPECT_FALSE(rig.group.busy(2)) << "STALL: the handler returned without an event";
}

TEST(Handlers, PreCommit2FailureRetriesAfterOneSimulatedMinute) {
  Rig rig;
  SectorInfo base;
  base.pre_commit1_out = Bytes{1};
  rig.sealer.fail_next("pc2");
  // Single precommits, and no CommD on the fake chain: PreCommitting stalls on ErrApi.
  rig.chain.network_version = 12;
  rig.force(3, SectorState::PreCommit2, base);
  rig.clock.advance_to(1'000'010);  // PC2 fails at +10
  EXPECT_TRUE(rig.record(3).in_state(SectorState::SealPreCommit2Failed));
  EXPECT_EQ(rig.record(3).pre_commit2_fails, 1u);
  rig.clock.advance_to(1'000'069);
  EXPECT_TRUE(rig.record(3).in_state(SectorState::SealPreCommit2Failed)) << "cooldown not over";
  rig.clock.advance_to(1'000'070);  // last log entry (+10) + 60 s
  EXPECT_TRUE(rig.record(3).in_state(SectorState::PreCommit2));
  rig.clock.advance_to(1'000'080);
  const SectorInfo info = rig.record(3);
  EXPECT_TRUE(info.in_state(SectorState::PreCommitting));
  ASSERT_TRUE(info.comm_r.has_value());
  EXPECT_EQ(rig.runner.started.back(), SectorHandler::PreCommitting);
}

TEST(Handlers, FourthPreCommit2FailureGoesBackToPreCommit1) {
  Rig rig;
  SectorInfo base;
  base.pre_commit2_fails = 4;
  rig.force(4, SectorState::SealPreCommit2Failed, base);
  rig.clock.advance_to(1'000'060);
  EXPECT_TRUE(rig.record(4).in_state(SectorState::PreCommit1));
}

TEST(Handlers, ComputeProofFailedResealsAfterTwoRetries) {
  Rig rig;
  SectorInfo base;
  base.invalid_proofs = 2;
  rig.force(5, SectorState::ComputeProofFailed, base);
  rig.clock.advance_to(1'000'060);
  EXPECT_TRUE(rig.record(5).in_state(SectorState::SealPreCommit1Failed));

  SectorInfo once;
  once.invalid_proofs = 1;
  rig.force(6, SectorState::ComputeProofFailed, once);
  rig.clock.advance_to(1'000'120);
  // Committing's own handler then runs on (handlers_commit_test.cpp follows it further).
  EXPECT_EQ(std::count(rig.runner.started.begin(), rig.runner.started.end(), SectorHandler::Committing), 1);
  EXPECT_EQ(rig.record(6).invalid_proofs, 2u);
}

TEST(Handlers, FinalizeThenProvingReleasesOnlyRangesNotKept) {
  SealingConfig config;
  config.always_keep_unsealed_copy = false;
  Rig rig(config);
  SectorInfo base;
  Piece keep;
  keep.piece.size = PaddedPieceSize(1024);
  keep.deal = DealInfo{};
  keep.deal->keep_unsealed = true;
  Piece drop = keep;
  drop.deal->keep_unsealed = false;
  base.pieces = {keep, drop};
  rig.force(7, SectorState::FinalizeSector, base);
  rig.clock.advance_to(1'000'010);
  EXPECT_TRUE(rig.record(7).in_state(SectorState::Proving));
  EXPECT_EQ(rig.sealer.last_keep_unsealed, (std::vector<UnpaddedRange>{{0, 1016}}));
  rig.clock.advance_to(1'000'020);
  EXPECT_EQ(rig.sealer.last_release, (std::vector<UnpaddedRange>{{1016, 1016}}));
  EXPECT_FALSE(rig.group.busy(7));
}

TEST(Handlers, RemoveFailureRetriesForeverOncePerMinute) {
  Rig rig;
  rig.force(8, SectorState::Removing);  // unknown to the sealer: remove fails
  rig.clock.advance_to(1'000'010);
  EXPECT_TRUE(rig.record(8).in_state(SectorState::RemoveFailed));
  rig.sealer.pieces[8] = {};
  rig.clock.advance_to(1'000'070);  // cooldown -> SectorRemove -> Removing
  EXPECT_TRUE(rig.record(8).in_state(SectorState::Removing));
  rig.clock.advance_to(1'000'080);
  EXPECT_TRUE(rig.record(8).in_state(SectorState::Removed));
}

}  // namespace
}  // namespace sealsim::sealing
