// input_packing_test.cpp: deals into sectors (spec §8.1-§8.3 step 1, §10) through a SealingNode
// on the fake sector manager and simulated clock: alignment padding pieces equal to Lotus's
// GetRequiredPadding, full sectors, the per-sector deal limit, WaitDealsDelay timers, deals that
// cannot fit, the MaxWaitDealsSectors / MaxSealingSectorsForDeals limits, and the hazards of
// v1.11.0 the spec lists (stale `used`, packing with assigned deals).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/piece_padding.hpp"
#include "tests/sealing/sealing_node_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::NodeRig;

std::vector<PaddedPieceSize> sizes_of(const std::vector<Piece>& pieces) {
  std::vector<PaddedPieceSize> out;
  for (const auto& piece : pieces) {
    out.push_back(piece.piece.size);
  }
  return out;
}

SectorOffset at(SectorNumber sector, std::uint64_t padded_offset) {
  return SectorOffset{sector, PaddedPieceSize(padded_offset)};
}

TEST(InputPacking, AlignmentPaddingEqualsRequiredPaddingAndAFullSectorStartsPacking) {
  NodeRig rig;  // 2 KiB sectors: 2048 padded, 2032 unpadded bytes
  rig.start();
  rig.add_deal(1, 127);   // 128 padded
  rig.add_deal(2, 1016);  // 1024 padded: needs 896 bytes of alignment after the first piece
  rig.settle();
  ASSERT_TRUE(rig.in_state(0, SectorState::AddPiece)) << "one new deal sector takes both deals";
  rig.advance(100);

  ASSERT_TRUE(rig.answered(1) && rig.answered(2));
  ASSERT_TRUE(rig.answers.at(1).has_value()) << rig.answers.at(1).error();
  ASSERT_TRUE(rig.answers.at(2).has_value()) << rig.answers.at(2).error();
  EXPECT_EQ(*rig.answers.at(1), at(0, 0));
  EXPECT_EQ(*rig.answers.at(2), at(0, 1024));

  const SectorInfo info = rig.record(0);
  // Spec §10.6's example: after 128 bytes, a 1024-byte piece needs pads of 128, 256 and 512.
  const PaddingPieces padding = required_padding(PaddedPieceSize(128), PaddedPieceSize(1024));
  ASSERT_EQ(padding.pieces, (std::vector<PaddedPieceSize>{PaddedPieceSize(128), PaddedPieceSize(256),
                                                           PaddedPieceSize(512)}));
  std::vector<PaddedPieceSize> expected{PaddedPieceSize(128)};
  expected.insert(expected.end(), padding.pieces.begin(), padding.pieces.end());
  expected.push_back(PaddedPieceSize(1024));
  EXPECT_EQ(sizes_of(info.pieces), expected);
  EXPECT_TRUE(info.pieces[0].deal && info.pieces[0].deal->deal_id == 1);
  EXPECT_FALSE(info.pieces[1].deal || info.pieces[2].deal || info.pieces[3].deal) << "pads carry no deal";
  EXPECT_TRUE(info.pieces[4].deal && info.pieces[4].deal->deal_id == 2);
  EXPECT_EQ(info.deal_ids(), (std::vector<DealId>{1, 2}));
  EXPECT_NE(info.creation_time, 0);

  // The sector is full ("filled"): Packing adds no filler and hands over to GetTicket.
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  EXPECT_EQ(rig.sealer.pieces[0].size(), 5u) << "no filler written after the sector filled up";
  EXPECT_EQ(rig.runner->started.back(), (std::pair<SectorNumber, SectorHandler>{0, SectorHandler::GetTicket}));
}

TEST(InputPacking, SmallerPaddingIsPreferredThenSmallerPiecesThenArrival) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 508);
  rig.add_deal(2, 254);
  rig.add_deal(3, 254);
  rig.settle();
  rig.advance(200);
  // All three fit one sector with no padding remainder (2032 % 508 == 2032 % 254 == 0); the
  // smaller pieces come first (spec Q13), equal ones in arrival order.
  ASSERT_TRUE(rig.answers.at(1).has_value() && rig.answers.at(2).has_value() &&
              rig.answers.at(3).has_value());
  EXPECT_EQ(*rig.answers.at(2), at(0, 0));
  EXPECT_EQ(*rig.answers.at(3), at(0, 256));
  EXPECT_EQ(*rig.answers.at(1), at(0, 512));
}

TEST(InputPacking, WaitDealsDelayTimerStartsPackingOnTheSimulatedClock) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(10);  // the deal is written
  ASSERT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  const SimSeconds created = rig.record(0).creation_time;
  EXPECT_EQ(created, test::kStartTime) << "CreationTime is set when SectorAddPiece is planned";

  rig.clock.advance_to(created + rig.config.wait_deals_delay - 1);
  EXPECT_TRUE(rig.in_state(0, SectorState::WaitDeals)) << "not before WaitDealsDelay";
  rig.clock.advance_to(created + rig.config.wait_deals_delay);
  EXPECT_TRUE(rig.in_state(0, SectorState::Packing)) << "the timer sent SectorStartPacking";
  rig.advance(100);
  const SectorInfo info = rig.record(0);
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  // Fillers complete the sector: 2032 - 127 unpadded bytes as 128+256+512+1024 padded pieces.
  EXPECT_EQ(sizes_of(info.pieces),
            (std::vector<PaddedPieceSize>{PaddedPieceSize(128), PaddedPieceSize(128), PaddedPieceSize(256),
                                          PaddedPieceSize(512), PaddedPieceSize(1024)}));
}

TEST(InputPacking, AStartPackingThatArrivesDuringAddPieceIsLost) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(20);
  rig.add_deal(2, 127);
  rig.settle();
  ASSERT_TRUE(rig.in_state(0, SectorState::AddPiece));
  ASSERT_TRUE(rig.node->start_packing(0).has_value());
  rig.advance(20);
  // AddPiece absorbs SectorStartPacking (its `apply` rule); back in WaitDeals the timer has not
  // fired, so nothing starts packing (spec Q5).
  EXPECT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  EXPECT_EQ(rig.record(0).deal_ids(), (std::vector<DealId>{1, 2}));
}

TEST(InputPacking, ATimerThatFiredDuringAddPieceStartsPackingOnReturn) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(20);
  const SimSeconds seal_time = rig.record(0).creation_time + rig.config.wait_deals_delay;
  const std::optional<TimerId> timer = rig.node->input().wait_deals_timer(0);
  ASSERT_TRUE(timer.has_value());
  // The second write ends exactly at seal_time, just after the timer fired into AddPiece.
  rig.clock.advance_to(seal_time - 10);
  rig.add_deal(2, 127);
  rig.settle();
  ASSERT_TRUE(rig.in_state(0, SectorState::AddPiece));
  rig.clock.advance_to(seal_time);
  // maybeStartSealing's first rule: the timer cannot be stopped any more, so it starts packing
  // itself (the timer's event was absorbed) instead of arming a new timer.
  EXPECT_TRUE(rig.in_state(0, SectorState::Packing));
  EXPECT_EQ(rig.node->input().wait_deals_timer(0), timer);
}

TEST(InputPacking, ASectorWithoutPiecesHasNoTimerAndWaits) {
  NodeRig rig;
  rig.store_record(rig.memory, 4, SectorState::WaitDeals);
  rig.start();
  rig.advance(10 * rig.config.wait_deals_delay);
  EXPECT_TRUE(rig.in_state(4, SectorState::WaitDeals));
  EXPECT_FALSE(rig.node->input().wait_deals_timer(4).has_value());
  EXPECT_TRUE(rig.node->input().is_open(4)) << "the restart pass reopened it for deals";
}

TEST(InputPacking, PerSectorDealLimitDropsTheDealBeyond256AndPacks) {
  NodeRig rig({}, test::kWindowPoSt8MiB);  // 8 MiB: room for far more than 256 small deals
  rig.start();
  for (DealId id = 1; id <= 257; ++id) {
    rig.add_deal(id, 127);
  }
  rig.settle();
  rig.advance(257 * 10 + 100);
  for (DealId id = 1; id <= 256; ++id) {
    ASSERT_TRUE(rig.answers.at(id).has_value()) << "deal " << id;
  }
  ASSERT_FALSE(rig.answers.at(257).has_value());
  EXPECT_EQ(rig.answers.at(257).error(), "too many deals assigned to sector 0, dropping deal");
  const SectorInfo info = rig.record(0);
  EXPECT_EQ(info.deal_ids().size(), 256u);
  EXPECT_FALSE(rig.in_state(0, SectorState::WaitDeals)) << "maxdeals starts packing";
  EXPECT_FALSE(rig.node->sector_info(1).has_value()) << "the dropped deal does not get a sector";
}

TEST(InputPacking, PiecesThatCannotBeTakenAreRefusedWithLotusErrors) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 4064);  // a valid piece, but larger than a 2 KiB sector
  rig.add_deal(2, 200);   // not 127 * 2^k
  rig.add_deal(3, 0);
  EXPECT_FALSE(rig.answered(1)) << "answers come later, never from inside the call";
  rig.settle();
  EXPECT_EQ(rig.answers.at(1).error(), "piece cannot fit into a sector");
  EXPECT_EQ(rig.answers.at(2).error(), "cannot allocate unpadded piece");
  EXPECT_EQ(rig.answers.at(3).error(), "cannot allocate unpadded piece");

  DealInfo no_proposal = NodeRig::deal(4, 127);
  no_proposal.proposal.reset();
  std::optional<Result<SectorOffset>> answer;
  rig.node->add_piece_to_any_sector(UnpaddedPieceSize(127), PieceData{false, 4}, no_proposal,
                                    [&](Result<SectorOffset> r) { answer = r; });
  rig.settle();
  ASSERT_TRUE(answer && !answer->has_value());
  EXPECT_EQ(answer->error(), "getting proposal CID: deal 4 has no proposal");

  rig.chain.miner_info.window_post_proof_type = 0;  // a winning PoSt type
  rig.add_deal(5, 127);
  rig.settle();
  EXPECT_EQ(rig.answers.at(5).error(), "getting current seal proof type: unrecognized window post type: 0");
  EXPECT_FALSE(rig.node->sector_info(0).has_value()) << "no sector was created for refused pieces";
}

TEST(InputPacking, TheSameProposalCanBeAddedOnlyOncePerProcess) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.answers.at(1).has_value());
  rig.answers.clear();
  rig.add_deal(1, 127);  // the entry is never removed after success (spec Q12)
  rig.settle();
  const std::string cid = proposal_cid(*NodeRig::deal(1, 127).proposal).to_string();
  EXPECT_EQ(rig.answers.at(1).error(), "piece for deal " + cid + " already pending");
}

TEST(InputPacking, ProposalCidSeparatesProposalsAndIsStable) {
  const DealProposal a = *NodeRig::deal(1, 127).proposal;
  DealProposal b = a;
  EXPECT_EQ(proposal_cid(a), proposal_cid(b));
  b.end_epoch += 1;
  EXPECT_NE(proposal_cid(a), proposal_cid(b));
  b = a;
  b.label += "x";
  EXPECT_NE(proposal_cid(a), proposal_cid(b));
  EXPECT_EQ(proposal_cid(a).to_string().substr(0, 1), "b");
}

TEST(InputPacking, ADealBeyondTheRealSpaceIsRefusedWithNotEnoughSpace) {
  // The open-sector table counts assigned sizes without their alignment pads: after 127 + 1016
  // it believes 889 bytes are free, but the pads filled the sector. AddPiece finds out.
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.add_deal(2, 1016);
  rig.settle();
  ASSERT_TRUE(rig.in_state(0, SectorState::AddPiece));
  EXPECT_EQ(rig.node->input().open_sector_used(0), UnpaddedPieceSize(1143));
  rig.add_deal(3, 508);  // arrives while the sector writes the first two
  rig.settle();
  rig.advance(200);
  ASSERT_TRUE(rig.answers.at(1).has_value() && rig.answers.at(2).has_value());
  const std::string cid = proposal_cid(*NodeRig::deal(3, 508).proposal).to_string();
  EXPECT_EQ(rig.answers.at(3).error(), "piece " + cid + " assigned to sector 0 with not enough space");
  EXPECT_TRUE(rig.in_state(0, SectorState::GetTicket));
  EXPECT_EQ(rig.record(0).deal_ids(), (std::vector<DealId>{1, 2}));
}

TEST(InputPacking, DealsThatDoNotFitTheOpenSectorGetANewOne) {
  SealingConfig config;
  config.max_wait_deals_sectors = 0;  // unlimited
  NodeRig rig(config);
  rig.start();
  rig.add_deal(1, 1016);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  rig.add_deal(2, 2032);  // the whole sector: cannot join sector 0
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.answers.at(2).has_value());
  EXPECT_EQ(*rig.answers.at(2), at(1, 0));
  EXPECT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  EXPECT_TRUE(rig.in_state(1, SectorState::GetTicket)) << "filled at once";
}

TEST(InputPacking, MaxWaitDealsSectorsHoldsNewDealSectorsUntilStagingDrops) {
  SealingConfig config;
  config.max_wait_deals_sectors = 1;
  NodeRig rig(config);
  rig.start();
  rig.add_deal(1, 1016);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  rig.add_deal(2, 2032);
  rig.settle();
  rig.advance(20);
  EXPECT_FALSE(rig.node->sector_info(1).has_value()) << "staging is at its limit of 1";
  EXPECT_FALSE(rig.answered(2));
  EXPECT_EQ(rig.node->statistics().cur_staging, 1u);

  // Sector 0 leaves staging: the limit is left, updateInput runs again and creates sector 1.
  ASSERT_TRUE(rig.node->start_packing(0).has_value());
  rig.settle();
  EXPECT_TRUE(rig.node->sector_info(1).has_value());
  rig.advance(20);
  ASSERT_TRUE(rig.answered(2));
  EXPECT_EQ(*rig.answers.at(2), at(1, 0));
}

TEST(InputPacking, MaxSealingSectorsForDealsHoldsNewDealSectorsWhileSectorsSeal) {
  SealingConfig config;
  config.max_sealing_sectors_for_deals = 1;
  NodeRig rig(config);
  rig.start();
  rig.add_deal(1, 2032);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.in_state(0, SectorState::GetTicket));  // parked there: still sealing
  rig.add_deal(2, 2032);
  rig.settle();
  rig.advance(20);
  EXPECT_FALSE(rig.node->sector_info(1).has_value()) << "one sector sealing, limit 1";
  EXPECT_EQ(rig.node->statistics().cur_sealing, 1u);
  // An operator moves sector 0 to Proving (the pipeline after GetTicket is other parts' work).
  rig.runner->parked.front()->finish();
  ASSERT_TRUE(rig.node->force_sector_state(0, "Proving").has_value());
  rig.settle();
  EXPECT_TRUE(rig.node->sector_info(1).has_value()) << "the limit was left: a new deal sector";
  rig.advance(20);
  ASSERT_TRUE(rig.answered(2) && rig.answers.at(2).has_value());
  EXPECT_EQ(rig.answers.at(2)->sector, 1u);
}

TEST(InputPacking, PackingRefusesDealsAssignedButNotWritten) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 127);
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.in_state(0, SectorState::WaitDeals));
  rig.add_deal(2, 127);
  // Let the matching pass assign deal 2, then start packing before its SectorAddPiece lands.
  rig.node->input().update_input(RegisteredSealProof::StackedDrg2KiBV1_1);
  ASSERT_TRUE(rig.node->input().has_assigned_pieces(0));
  ASSERT_TRUE(rig.node->start_packing(0).has_value());
  rig.settle();
  ASSERT_TRUE(rig.answered(2));
  EXPECT_EQ(rig.answers.at(2).error(), "sector 0 entered packing state early");
  EXPECT_FALSE(rig.node->input().is_open(0));
  // The late SectorAddPiece waits behind Packing's handler; Packing has no rule for it, so the
  // planner rejects it and the machine halts, as v1.11.0's would.
  rig.advance(100);
  EXPECT_TRUE(rig.node->group().halted(0));
  EXPECT_TRUE(rig.in_state(0, SectorState::Packing));
  EXPECT_EQ(rig.record(0).log.back().kind, "finding;PlannerHalt");
}

TEST(InputPacking, AFailedWriteSendsAddPieceFailedAndLeavesLaterDealsUnanswered) {
  NodeRig rig;
  rig.start();
  rig.add_deal(1, 254);
  rig.add_deal(2, 254);
  rig.sealer.fail_next("add_piece");
  rig.settle();
  rig.advance(100);
  ASSERT_TRUE(rig.answered(1));
  EXPECT_EQ(rig.answers.at(1).error(), "writing piece: add_piece failed (injected)");
  EXPECT_FALSE(rig.answered(2)) << "spec Q3: deals after the failed one are never answered";
  EXPECT_TRUE(rig.in_state(0, SectorState::AddPieceFailed));
}

TEST(InputPacking, DealsArrivingBeforeRunWaitForStartup) {
  NodeRig rig;
  rig.build();
  rig.add_deal(1, 127);
  rig.settle();
  EXPECT_FALSE(rig.node->sector_info(0).has_value()) << "no sector before the restart pass";
  rig.node->run();
  rig.settle();
  rig.advance(20);
  ASSERT_TRUE(rig.answered(1) && rig.answers.at(1).has_value());
  EXPECT_EQ(*rig.answers.at(1), at(0, 0));
}

TEST(InputPacking, AStaleUsedValueIsKeptForAnOpenSector) {
  // Spec Q14: handleWaitDeals keeps an existing open-sector entry; `used` stays what matching
  // assigned (alignment pads not counted), not what was written.
  NodeRig other;
  other.start();
  other.add_deal(1, 127);
  other.add_deal(2, 254);
  other.settle();
  other.advance(100);
  ASSERT_TRUE(other.in_state(0, SectorState::WaitDeals));
  EXPECT_EQ(other.record(0).existing_piece_sizes().size(), 3u) << "127, a 127 pad, 254";
  EXPECT_EQ(other.node->input().open_sector_used(0), UnpaddedPieceSize(381)) << "pad not counted";
}

}  // namespace
}  // namespace sealsim::sealing
