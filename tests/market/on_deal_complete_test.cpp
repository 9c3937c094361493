// on_deal_complete_test.cpp: Lotus's OnDealComplete (market-fsm §6) on the simulated clock: the
// ErrTooManySectorsSealing retry every 5 minutes for up to 6 hours, other errors at once, the
// PublishCid check, the PackingResult; plus go-padreader's Inflator (§5) and PaddedSize vectors
// (§8.20).
#include <gtest/gtest.h>

#include "sealing/market/on_deal_complete.hpp"
#include "sealing/market/pad_reader.hpp"
#include "tests/market/fake_sector_input.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

class OnDealComplete : public ::testing::Test {
 protected:
  void complete(MinerDeal deal = published_deal()) {
    adapter.on_deal_complete(deal, UnpaddedPieceSize(1016), Bytes(1016, 1),
                             [this](Result<PackingResult> r) {
                               result = r;
                               finished_at = clock.now();
                             });
  }
  static MinerDeal published_deal() {
    MinerDeal d = default_deal();
    d.deal_id = 42;
    d.fast_retrieval = true;
    return d;
  }
  ScriptedSectorInput input;
  sealing::test::FakeClock clock{1000};
  OnDealCompleteAdapter adapter{input, clock};
  std::optional<Result<PackingResult>> result;
  sealing::SimSeconds finished_at = 0;
};

TEST_F(OnDealComplete, HandsThePieceOverWithTheDealInfo) {
  input.script = {AddPieceOutcome::ok({9, PaddedPieceSize(2048)})};
  complete();
  ASSERT_TRUE(result && result->has_value());
  EXPECT_EQ(**result, (PackingResult{9, PaddedPieceSize(2048), PaddedPieceSize(1024)}));
  ASSERT_EQ(input.calls.size(), 1u);
  EXPECT_EQ(input.calls[0].info.deal_id, 42u);
  EXPECT_EQ(input.calls[0].info.start_epoch, 200);
  EXPECT_EQ(input.calls[0].info.end_epoch, 200 + 2880 * 200);
  EXPECT_TRUE(input.calls[0].info.keep_unsealed);
  EXPECT_EQ(input.calls[0].info.publish_cid, "bafy-publish");
  EXPECT_TRUE(adapter.findings().empty());
}

TEST_F(OnDealComplete, RequiresAPublishCid) {
  MinerDeal d = published_deal();
  d.publish_cid.clear();
  complete(d);
  EXPECT_EQ(result->error(), "deal.PublishCid can't be nil");
  EXPECT_TRUE(input.calls.empty());
}

TEST_F(OnDealComplete, OtherErrorsAreNotRetried) {
  input.script = {AddPieceOutcome::fail("piece for deal x already pending")};
  complete();
  EXPECT_EQ(result->error(), "AddPiece failed: piece for deal x already pending");
  EXPECT_EQ(input.calls.size(), 1u);
}

TEST_F(OnDealComplete, TooManySectorsSealingIsRetriedEveryFiveMinutes) {
  input.script = {AddPieceOutcome::too_many_sealing(), AddPieceOutcome::too_many_sealing(),
                  AddPieceOutcome::ok({3, PaddedPieceSize(0)})};
  complete();
  EXPECT_FALSE(result.has_value());
  clock.advance_to(1000 + 5 * 60 - 1);
  EXPECT_EQ(input.calls.size(), 1u);
  clock.advance_to(1000 + 10 * 60);
  ASSERT_TRUE(result && result->has_value());
  EXPECT_EQ((*result)->sector, 3u);
  EXPECT_EQ(finished_at, 1000 + 10 * 60);
  EXPECT_EQ(input.calls.size(), 3u);
  EXPECT_EQ(adapter.findings().size(), 2u);
  EXPECT_EQ(adapter.findings()[0].kind, MarketFindingKind::LatentBug);
}

TEST_F(OnDealComplete, TooManySectorsSealingGivesUpAfterSixHours) {
  input.last = AddPieceOutcome::too_many_sealing();
  complete();
  clock.advance_to(1000 + 7 * 3600);
  // The first call, then one every 5 minutes while less than 6 h have passed: 72 retries.
  EXPECT_EQ(adapter.add_piece_calls(), 73u);
  EXPECT_EQ(result->error(), "AddPiece failed: too many sectors sealing");
  EXPECT_EQ(finished_at, 1000 + 6 * 3600);
}

TEST_F(OnDealComplete, InFlightRetriesStopWithTheAdapter) {
  input.last = AddPieceOutcome::too_many_sealing();
  {
    OnDealCompleteAdapter short_lived(input, clock);
    short_lived.on_deal_complete(published_deal(), UnpaddedPieceSize(1016), Bytes(1016, 1),
                                 [](Result<PackingResult>) { FAIL() << "must not complete"; });
  }
  clock.advance_to(1000 + 7 * 3600);
  EXPECT_EQ(input.calls.size(), 1u);
}

TEST(PadReader, InflatesToExactlyTheTarget) {
  const auto out = inflate_payload(Bytes(1000, 7), UnpaddedPieceSize(1016));
  ASSERT_TRUE(out.has_value());
  ASSERT_EQ(out->size(), 1016u);
  EXPECT_EQ((*out)[999], 7);
  EXPECT_EQ((*out)[1000], 0);
  EXPECT_EQ((*out)[1015], 0);
}

TEST(PadReader, RejectsTargetsThatAreNotPieces) {
  EXPECT_EQ(inflate_payload(Bytes(10, 1), UnpaddedPieceSize(1000)).error(),
            "supplied targetSize 1000 does not correspond to a power-of-2 piece");
  // The power-of-two check runs before the clamp to 127, so 0 fails.
  EXPECT_EQ(inflate_payload(Bytes(), UnpaddedPieceSize(0)).error(),
            "supplied targetSize 0 does not correspond to a power-of-2 piece");
}

TEST(PadReader, RejectsPayloadsLargerThanTheTarget) {
  EXPECT_EQ(inflate_payload(Bytes(1017, 1), UnpaddedPieceSize(1016)).error(),
            "supplied readerTotalSize 1017 is larger than the target PieceSize 1016");
}

TEST(PadReader, PaddedSizeVectorsOfGoPadreader) {
  const std::vector<std::pair<std::uint64_t, std::uint64_t>> vectors = {
      {1, 127},     {32, 127},    {127, 127},   {128, 254},   {548, 1016},       {1015, 1016},
      {1016, 1016}, {1017, 2032}, {1024, 2032}, {2048, 4064}, {1'000'000, 1'040'384}};
  for (const auto& [in, out] : vectors) {
    EXPECT_EQ(padded_size_for_payload(in).bytes(), out) << in;
  }
}

}  // namespace
}  // namespace sealsim::market::test
