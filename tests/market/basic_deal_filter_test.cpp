// basic_deal_filter_test.cpp: Lotus's BasicDealFilter rules (market-fsm §3.2) in order, with
// v1.11 defaults (24 h seal duration and 14 days start delay at 30-s epochs), and through
// DecideOnProposal.
#include <gtest/gtest.h>

#include "sealing/market/basic_deal_filter.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

class BasicDealFilterTest : public MarketFixture {
 protected:
  MinerDeal deal_starting_at(ChainEpoch start) {
    MinerDeal d = default_deal();
    d.client_deal_proposal.proposal.start_epoch = start;
    return d;
  }
  DealDecision decide(const MinerDeal& d) { return *BasicDealFilter(config, node).decide(d); }
  DealFilterConfig config;
};

TEST_F(BasicDealFilterTest, AcceptsInsideTheStartWindow) {
  // head 50: earliest 50 + 2880, latest earliest + 40 320.
  EXPECT_TRUE(decide(deal_starting_at(2930)).accept);
  EXPECT_TRUE(decide(deal_starting_at(2930 + 40'320)).accept);
}

TEST_F(BasicDealFilterTest, StartTooSoon) {
  const DealDecision d = decide(deal_starting_at(2929));
  EXPECT_FALSE(d.accept);
  EXPECT_EQ(d.reason, "cannot seal a sector before 2929");
}

TEST_F(BasicDealFilterTest, StartTooFarInTheFuture) {
  EXPECT_EQ(decide(deal_starting_at(2930 + 40'321)).reason,
            "deal start epoch is too far in the future: 43251 > 43250");
}

TEST_F(BasicDealFilterTest, ConsiderSwitchesInOrder) {
  MinerDeal online = deal_starting_at(3000);
  config.consider_online_storage_deals = false;
  EXPECT_EQ(decide(online).reason, "miner is not considering online storage deals");
  MinerDeal offline = online;
  offline.ref.transfer_type = std::string(kTransferTypeManual);
  EXPECT_TRUE(decide(offline).accept);
  config.consider_offline_storage_deals = false;
  EXPECT_EQ(decide(offline).reason, "miner is not accepting offline storage deals");
  config = DealFilterConfig{};
  config.consider_unverified_storage_deals = false;
  EXPECT_EQ(decide(online).reason, "miner is not accepting unverified storage deals");
  MinerDeal verified = online;
  verified.client_deal_proposal.proposal.verified_deal = true;
  EXPECT_TRUE(decide(verified).accept);
  config.consider_verified_storage_deals = false;
  EXPECT_EQ(decide(verified).reason, "miner is not accepting verified storage deals");
}

TEST_F(BasicDealFilterTest, Blocklist) {
  config.piece_cid_blocklist = {default_deal().proposal().piece_cid};
  EXPECT_EQ(decide(deal_starting_at(3000)).reason,
            "miner has blocklisted piece CID " + default_deal().proposal().piece_cid);
}

TEST_F(BasicDealFilterTest, ChainHeadErrorRejectsThroughTheDecisionLogicError) {
  BasicDealFilter filter(config, node);
  ProviderEnvironment e = env();
  e.decider = &filter;
  node.chain_head = fail<ChainHead>("no head");
  ProviderDeals deals(e, store, clock);
  deals.set_entry_functions_enabled(false);
  MinerDeal d = deal_starting_at(3000);
  d.state = DealStatus::AcceptWait;
  deals.begin_tracking(d);
  deals.run_entry_function(d.proposal_cid);
  EXPECT_EQ(deals.deal(d.proposal_cid)->state, DealStatus::Rejecting);
  EXPECT_EQ(deals.deal(d.proposal_cid)->message, "deal rejected: custom deal decision logic failed: no head");
}

TEST_F(BasicDealFilterTest, ExternalFilterRunsLast) {
  FakeDealDecider external;
  external.answer = ok(DealDecision{false, "external says no"});
  BasicDealFilter filter(config, node, &external);
  EXPECT_EQ(filter.decide(deal_starting_at(100))->reason, "cannot seal a sector before 100");
  EXPECT_EQ(external.calls, 0);
  EXPECT_EQ(filter.decide(deal_starting_at(3000))->reason, "external says no");
}

}  // namespace
}  // namespace sealsim::market::test
