// deal_publisher_test.cpp: Lotus's dealpublisher_test.go cases (market-fsm §8.17) on the
// simulated clock, where the upstream test is skipped as timing-flaky (lotus#6799): head at 10,
// normal deals start at 20, expired ones at 5; periods in simulated seconds.
#include <gtest/gtest.h>

#include "sealing/market/deal_publisher.hpp"
#include "tests/market/fake_publish_sender.hpp"
#include "tests/market/market_fixture.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::market::test {
namespace {

class DealPublisherTest : public ::testing::Test {
 protected:
  struct Outcome {
    std::optional<Result<std::string>> result;
  };

  DealPublisher& publisher(PublishMsgConfig config) {
    publisher_ = std::make_unique<DealPublisher>(config, sender, clock);
    return *publisher_;
  }
  MinerDeal deal(ChainEpoch start) {
    MinerDeal d = default_deal();
    d.client_deal_proposal.proposal.start_epoch = start;
    d.client_deal_proposal.proposal.label = "deal-" + std::to_string(next_++);
    d.proposal_cid = proposal_cid(d.client_deal_proposal);
    return d;
  }
  // Publishes a deal; its outcome lands in outcomes_[index].
  std::size_t publish(const MinerDeal& d) {
    const std::size_t index = outcomes_.size();
    outcomes_.push_back(std::make_shared<Outcome>());
    auto slot = outcomes_.back();
    publisher_->publish(d, [slot](Result<std::string> r) { slot->result = r; });
    return index;
  }
  const Outcome& outcome(std::size_t i) const { return *outcomes_.at(i); }

  FakePublishSender sender;
  sealing::test::FakeClock clock{0};
  std::unique_ptr<DealPublisher> publisher_;
  std::vector<std::shared_ptr<Outcome>> outcomes_;
  int next_ = 0;
};

TEST_F(DealPublisherTest, OneDealWithinPeriod) {
  publisher({10, 5});
  publish(deal(20));
  clock.advance_to(9);
  EXPECT_TRUE(sender.pushed.empty());
  clock.advance_to(10);
  EXPECT_EQ(sender.deals_per_message(), std::vector<std::size_t>{1});
  EXPECT_EQ(*outcome(0).result->operator->(), "bafy-publish-1");
}

TEST_F(DealPublisherTest, TwoDealsWithinPeriod) {
  publisher({10, 5});
  publish(deal(20));
  clock.advance_to(5);
  publish(deal(20));
  clock.advance_to(20);
  EXPECT_EQ(sender.deals_per_message(), std::vector<std::size_t>{2});
}

TEST_F(DealPublisherTest, PeriodRunsFromTheFirstDealOfTheBatch) {
  publisher({10, 5});
  publish(deal(20));
  clock.advance_to(9);
  publish(deal(20));
  clock.advance_to(10);  // not 19: the second deal does not extend the period
  EXPECT_EQ(sender.deals_per_message(), std::vector<std::size_t>{2});
}

TEST_F(DealPublisherTest, OneWithinOneAfter) {
  publisher({10, 5});
  publish(deal(20));
  clock.advance_to(15);
  publish(deal(20));
  clock.advance_to(40);
  EXPECT_EQ(sender.deals_per_message(), (std::vector<std::size_t>{1, 1}));
}

TEST_F(DealPublisherTest, ExceedMaxWithinPeriodOneAfter) {
  publisher({10, 2});
  publish(deal(20));
  publish(deal(20));
  clock.advance_to(0);  // the second deal reached the maximum: published at once
  EXPECT_EQ(sender.deals_per_message(), std::vector<std::size_t>{2});
  publish(deal(20));
  clock.advance_to(15);
  publish(deal(20));
  clock.advance_to(40);
  EXPECT_EQ(sender.deals_per_message(), (std::vector<std::size_t>{2, 1, 1}));
}

TEST_F(DealPublisherTest, IgnoreDealsWithCancelledContext) {
  publisher({10, 5});
  publish(deal(20));
  const MinerDeal c1 = deal(20);
  const MinerDeal c2 = deal(20);
  const auto i1 = publish(c1);
  const auto i2 = publish(c2);
  publish(deal(20));
  publisher_->cancel(c1.proposal_cid);
  publisher_->cancel(c2.proposal_cid);
  clock.advance_to(15);
  publish(deal(20));
  clock.advance_to(40);
  EXPECT_EQ(sender.deals_per_message(), (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(outcome(i1).result->error(), "context canceled");
  EXPECT_EQ(outcome(i2).result->error(), "context canceled");
}

TEST_F(DealPublisherTest, IgnoreExpiredDeals) {
  publisher({10, 5});
  publish(deal(20));
  const MinerDeal e = deal(5);
  const auto i1 = publish(e);
  publish(deal(5));
  publish(deal(20));
  clock.advance_to(15);
  publish(deal(20));
  clock.advance_to(40);
  EXPECT_EQ(sender.deals_per_message(), (std::vector<std::size_t>{2, 1}));
  EXPECT_EQ(outcome(i1).result->error(),
            "cannot publish deal with piece CID " + e.proposal().piece_cid +
                ": current epoch 10 has passed deal proposal start epoch 5");
  EXPECT_TRUE(outcome(0).result->has_value());
}

TEST_F(DealPublisherTest, ZeroConfigPublishesEveryDealAloneAndAtOnce) {
  publisher({0, 0});
  publish(deal(20));
  publish(deal(20));
  clock.advance_to(0);
  EXPECT_EQ(sender.deals_per_message(), (std::vector<std::size_t>{1, 1}));
  clock.advance_to(15);
  publish(deal(20));
  publish(deal(20));
  clock.advance_to(15);
  EXPECT_EQ(sender.deals_per_message(), (std::vector<std::size_t>{1, 1, 1, 1}));
}

TEST_F(DealPublisherTest, ForcePublish) {
  publisher({3600, 10});
  clock.advance_to(100);
  publish(deal(20));
  const MinerDeal c = deal(20);
  publish(c);
  clock.advance_to(200);
  publish(deal(20));
  publisher_->cancel(c.proposal_cid);
  const PendingDealsInfo pending = publisher_->pending_deals();
  EXPECT_EQ(pending.deals.size(), 2u);
  EXPECT_EQ(pending.publish_period, 3600);
  EXPECT_EQ(pending.publish_period_start, 100);
  publisher_->force_publish_pending_deals();
  clock.advance_to(200);
  EXPECT_EQ(sender.deals_per_message(), std::vector<std::size_t>{2});
  EXPECT_TRUE(publisher_->pending_deals().deals.empty());
  clock.advance_to(10'000);  // the period's timer was cancelled
  EXPECT_EQ(sender.pushed.size(), 1u);
}

TEST_F(DealPublisherTest, MessagesGoFromTheWorkerToTheMarketActor) {
  publisher({10, 5});
  publish(deal(20));
  publish(deal(20));
  clock.advance_to(10);
  ASSERT_EQ(sender.pushed.size(), 1u);
  EXPECT_EQ(sender.pushed[0].from, "t0101");
  EXPECT_EQ(sender.pushed[0].to, "t05");
  EXPECT_EQ(sender.pushed[0].method, method::kPublishStorageDeals);
  EXPECT_EQ(*outcome(0).result->operator->(), *outcome(1).result->operator->());
}

TEST_F(DealPublisherTest, APushErrorReachesEveryDealOfTheBatch) {
  publisher({10, 5});
  sender.push_error = "mpool full";
  publish(deal(20));
  publish(deal(20));
  clock.advance_to(10);
  EXPECT_EQ(outcome(0).result->error(), "publishing 2 deals failed: mpool full");
  EXPECT_EQ(outcome(1).result->error(), "publishing 2 deals failed: mpool full");
}

TEST_F(DealPublisherTest, DealsForAnotherProviderFailTheBatch) {
  publisher({10, 5});
  publish(deal(20));
  MinerDeal other = deal(20);
  other.client_deal_proposal.proposal.provider = "t02000";
  publish(other);
  clock.advance_to(10);
  EXPECT_TRUE(sender.pushed.empty());
  EXPECT_EQ(outcome(1).result->error(),
            "publishing 2 deals failed: not all deals are for same provider: t01000 and t02000");
}

// The provider FSM waits in Publish until the batch is pushed, then all deals of the batch move
// to Publishing with the same PublishCid.
class PublishThroughTheFsm : public MarketFixture {};

TEST_F(PublishThroughTheFsm, ABatchMovesTogether) {
  single_step = false;
  node.publish_result.reset();
  FakePublishSender sender;
  DealPublisher publisher({3600, 8}, sender, clock);
  ProviderEnvironment e = env();
  e.publisher = &publisher;
  ProviderDeals deals(e, store, clock);
  std::vector<std::string> cids;
  for (int i = 0; i < 3; ++i) {
    MinerDeal d = default_deal();
    d.client_deal_proposal.proposal.label = "batch-" + std::to_string(i);
    d.proposal_cid = proposal_cid(d.client_deal_proposal);
    d.state = DealStatus::Publish;
    cids.push_back(d.proposal_cid);
    deals.begin_tracking(d);
    deals.run_entry_function(d.proposal_cid);
    clock.advance_to(clock.now() + 600);
  }
  for (const auto& cid : cids) {
    EXPECT_EQ(deals.deal(cid)->state, DealStatus::Publish);
  }
  clock.advance_to(clock.now() + 3600);
  ASSERT_EQ(sender.pushed.size(), 1u);
  for (const auto& cid : cids) {
    EXPECT_EQ(deals.deal(cid)->state, DealStatus::Publishing);
    EXPECT_EQ(deals.deal(cid)->publish_cid, "bafy-publish-1");
  }
}

}  // namespace
}  // namespace sealsim::market::test
