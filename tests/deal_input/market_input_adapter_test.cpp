// market_input_adapter_test.cpp: the hand-off's mappings: api.PieceDealInfo → the sector record's
// DealInfo (and its refusals), the node's answer → AddPieceOutcome with ErrTooManySectorsSealing
// recognised as xerrors.Is does, the payload kept for the sector manager only while the deal is
// pending, and OnDealComplete's retry loop entered when the sealing input answers the sentinel
// (fault injection: v1.11 never does) and leaving it through the real node.
#include <gtest/gtest.h>

#include <deque>

#include "sealing/market/on_deal_complete.hpp"
#include "tests/deal_input/deal_input_rig.hpp"

namespace sealsim::sealing::test {
namespace {

market::PieceDealInfo piece_deal_info(const HandedDeal& h) {
  const market::DealProposal& p = h.deal.proposal();
  return market::PieceDealInfo{h.deal.proposal_cid, h.deal.deal_id, p, h.deal.publish_cid,
                               p.start_epoch, p.end_epoch, true};
}

TEST(MarketInputAdapter, MapsPieceDealInfoToTheSectorRecordsDealInfo) {
  const HandedDeal h = handed_deal(7, PaddedPieceSize(512), 300, 12'345);
  const Result<DealInfo> deal = to_sector_deal_info(piece_deal_info(h));
  ASSERT_TRUE(deal) << deal.error();
  EXPECT_EQ(deal->deal_id, 7u);
  ASSERT_TRUE(deal->publish_cid.has_value());
  EXPECT_EQ(deal->publish_cid->to_string(), h.deal.publish_cid);
  EXPECT_EQ(deal->schedule, (DealSchedule{12'345, 212'345}));
  EXPECT_TRUE(deal->keep_unsealed);
  ASSERT_TRUE(deal->proposal.has_value());
  EXPECT_EQ(deal->proposal->piece.commitment, h.comm_p);
  EXPECT_EQ(deal->proposal->piece.size, PaddedPieceSize(512));
  EXPECT_EQ(deal->proposal->client, 100u);
  EXPECT_EQ(deal->proposal->provider, kMiner);
  EXPECT_EQ(deal->proposal->label, "deal 7");
  EXPECT_EQ(deal->proposal->start_epoch, 12'345);
  EXPECT_EQ(deal->proposal->end_epoch, 212'345);
}

TEST(MarketInputAdapter, RefusesWhatTheSectorRecordCannotHold) {
  HandedDeal h = handed_deal(8, PaddedPieceSize(512), 300);
  market::PieceDealInfo info = piece_deal_info(h);
  info.proposal.piece_cid = "not-a-cid";
  Result<DealInfo> deal = to_sector_deal_info(info);
  ASSERT_FALSE(deal);
  EXPECT_EQ(deal.error().rfind("deal 8: proposal PieceCID: ", 0), 0u) << deal.error();

  info = piece_deal_info(h);
  info.proposal.client = "t3abc";
  deal = to_sector_deal_info(info);
  ASSERT_FALSE(deal);
  EXPECT_EQ(deal.error(), "deal 8: proposal client \"t3abc\" is not an ID address (t0…/f0…)");

  info = piece_deal_info(h);
  info.publish_cid = "bafy-msg-1";
  deal = to_sector_deal_info(info);
  ASSERT_FALSE(deal);
  EXPECT_EQ(deal.error().rfind("deal 8: publish CID: ", 0), 0u) << deal.error();
}

TEST(MarketInputAdapter, RecognisesErrTooManySectorsSealingAsXerrorsIsDoes) {
  EXPECT_TRUE(is_too_many_sectors_sealing("too many sectors sealing"));
  EXPECT_TRUE(is_too_many_sectors_sealing("adding piece: too many sectors sealing"));
  EXPECT_FALSE(is_too_many_sectors_sealing("too many sectors sealing (curSealing: 3, max: 3)"))
      << "PledgeSector's formatted error is not the sentinel";
  EXPECT_FALSE(is_too_many_sectors_sealing("piece cannot fit into a sector"));

  const market::AddPieceOutcome sentinel =
      to_add_piece_outcome(Result<SectorOffset>::fail("too many sectors sealing"));
  EXPECT_TRUE(sentinel.too_many_sectors_sealing);
  EXPECT_FALSE(sentinel.placed);
  const market::AddPieceOutcome other =
      to_add_piece_outcome(Result<SectorOffset>::fail("piece cannot fit into a sector"));
  EXPECT_FALSE(other.too_many_sectors_sealing);
  EXPECT_EQ(other.error, "piece cannot fit into a sector");
  const market::AddPieceOutcome placed =
      to_add_piece_outcome(Result<SectorOffset>::ok(SectorOffset{4, PaddedPieceSize(1024)}));
  ASSERT_TRUE(placed.placed);
  EXPECT_EQ(*placed.placed, (market::SectorOffset{4, PaddedPieceSize(1024)}));
}

TEST(MarketInputAdapter, AMappingFailureReachesTheMarketWithoutTouchingTheNode) {
  DealInputRig rig;
  HandedDeal h = handed_deal(9, PaddedPieceSize(512), 300);
  market::PieceDealInfo info = piece_deal_info(h);
  info.proposal.provider = "miner";
  std::optional<market::AddPieceOutcome> outcome;
  rig.adapter->add_piece_to_any_sector(PaddedPieceSize(512).unpadded(), h.data, info,
                                       [&](market::AddPieceOutcome o) { outcome = o; });
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->error, "deal 9: proposal provider \"miner\" is not an ID address (t0…/f0…)");
  EXPECT_EQ(rig.node->input().pending_count(), 0u);
  EXPECT_FALSE(rig.payloads.holds(9));
}

TEST(MarketInputAdapter, ASecondHandOffOfAPendingDealKeepsTheFirstsBytes) {
  DealInputRig rig;
  const HandedDeal h = handed_deal(10, PaddedPieceSize(512), 300);
  std::vector<market::AddPieceOutcome> outcomes;
  auto record = [&](market::AddPieceOutcome o) { outcomes.push_back(std::move(o)); };
  rig.input->add_piece_to_any_sector(PaddedPieceSize(512).unpadded(), h.data, piece_deal_info(h), record);
  rig.input->add_piece_to_any_sector(PaddedPieceSize(512).unpadded(), Bytes(508, 0xee),
                                     piece_deal_info(h), record);
  rig.advance(0);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].error.rfind("piece for deal ", 0), 0u) << outcomes[0].error;
  EXPECT_TRUE(rig.payloads.holds(10)) << "the first hand-off is still pending";
  EXPECT_EQ(rig.payloads.deal_bytes(10, PaddedPieceSize(512).unpadded()), h.data);
  rig.advance(100);
  ASSERT_EQ(outcomes.size(), 2u);
  ASSERT_TRUE(outcomes[1].placed) << outcomes[1].error;
  EXPECT_FALSE(rig.payloads.holds(10));
}

// Answers the first `refusals` AddPiece calls with the sentinel as the node would report it
// (fault injection), then hands the calls to the real input side.
class RefusingFirst final : public market::DealSectorInput {
 public:
  RefusingFirst(market::DealSectorInput& next, int refusals) : next_(next), refusals_(refusals) {}
  void add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data, market::PieceDealInfo info,
                               std::function<void(market::AddPieceOutcome)> done) override {
    if (refusals_ > 0) {
      --refusals_;
      done(to_add_piece_outcome(Result<SectorOffset>::fail(kErrTooManySectorsSealing)));
      return;
    }
    next_.add_piece_to_any_sector(size, std::move(data), std::move(info), std::move(done));
  }

 private:
  market::DealSectorInput& next_;
  int refusals_;
};

TEST(MarketInputAdapter, TheSentinelReachesOnDealCompletesRetryLoop) {
  DealInputRig rig;
  RefusingFirst refusing(*rig.input, 2);
  market::OnDealCompleteAdapter on_deal_complete(refusing, rig.clock);
  const HandedDeal h = handed_deal(11, PaddedPieceSize(1024), 900);
  std::optional<Result<market::PackingResult>> result;
  const SimSeconds start = rig.clock.now();
  on_deal_complete.on_deal_complete(h.deal, PaddedPieceSize(1024).unpadded(), h.data,
                                    [&](Result<market::PackingResult> r) { result = std::move(r); });
  rig.advance(2 * market::kAddPieceRetryWait - 1);
  EXPECT_FALSE(result.has_value()) << "two refusals: two 5-minute waits";
  rig.advance(100);
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(*result) << result->error();
  EXPECT_EQ((*result)->sector, 0u);  // the counter's first number
  EXPECT_EQ(on_deal_complete.add_piece_calls(), 3u);
  EXPECT_EQ(on_deal_complete.findings().size(), 2u);
  EXPECT_GE(rig.clock.now() - start, 2 * market::kAddPieceRetryWait);
}

}  // namespace
}  // namespace sealsim::sealing::test
