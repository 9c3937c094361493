// events_test.cpp: ChainAt and head-change notifications, including reverts on reorgs, null
// rounds under the trigger, and the WaitSeed pattern of the sealing FSM.
#include "tests/chain-mock/chain_fixture.hpp"

namespace sealsim::chain::testing {
namespace {

TEST(ChainEventsTest, ChainAtFiresOnceAtHeightPlusConfidence) {
  MockChain chain(ChainConfig::mainnet(), 5);
  chain.advance(10);
  std::vector<std::pair<ChainEpoch, ChainEpoch>> applied;
  chain.chain_at(15, 6, [&](const TipSet& ts, ChainEpoch h) { applied.emplace_back(ts.height, h); }, nullptr);
  chain.advance(10);
  EXPECT_EQ(chain.chain_head().height, 20);
  ASSERT_TRUE(applied.empty());
  chain.advance(1);
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0], std::make_pair(ChainEpoch{15}, ChainEpoch{21}));
  chain.advance(30);
  EXPECT_EQ(applied.size(), 1u);
}

TEST(ChainEventsTest, ChainAtFiresSynchronouslyWhenAlreadyReached) {
  MockChain chain(ChainConfig::mainnet(), 5);
  chain.advance(30);
  int calls = 0;
  chain.chain_at(10, 6, [&](const TipSet& ts, ChainEpoch h) {
    ++calls;
    EXPECT_EQ(ts.height, 10);
    EXPECT_EQ(h, 30);
  }, nullptr);
  EXPECT_EQ(calls, 1);
}

TEST(ChainEventsTest, NullRoundAtTheHeightGivesTheNextTipset) {
  MockChain chain(ChainConfig::mainnet(), 5);
  chain.advance(9);
  chain.null_rounds(2);  // 10, 11 null
  chain.advance(10);
  ChainEpoch seen = -1;
  chain.chain_at(10, 0, [&](const TipSet& ts, ChainEpoch) { seen = ts.height; }, nullptr);
  EXPECT_EQ(seen, 12);
}

TEST(ChainEventsTest, ReorgBelowTheHeightRevertsAndReapplies) {
  MockChain chain(ChainConfig::mainnet(), 5);
  chain.advance(30);
  std::vector<TipSetKey> applied;
  int reverts = 0;
  chain.chain_at(25, 3, [&](const TipSet& ts, ChainEpoch) { applied.push_back(ts.key); }, [&](const TipSet&) { ++reverts; });
  ASSERT_EQ(applied.size(), 1u);
  // A reorg that keeps height 25 does not revert.
  chain.reorg(ReorgOptions{3, std::nullopt, {}, true});
  EXPECT_EQ(reverts, 0);
  EXPECT_EQ(applied.size(), 1u);
  // One that replaces 25 reverts, then re-applies with the new tipset.
  chain.reorg(ReorgOptions{8, std::nullopt, {}, true});
  EXPECT_EQ(reverts, 1);
  ASSERT_EQ(applied.size(), 2u);
  EXPECT_NE(applied[0], applied[1]);
  // A shorter branch: revert now, apply later.
  chain.reorg(ReorgOptions{10, 26, {}, true});
  EXPECT_EQ(reverts, 2);
  EXPECT_EQ(applied.size(), 2u);
  chain.advance(2);
  EXPECT_EQ(applied.size(), 3u);
}

TEST(ChainEventsTest, RegistrationsAreCollectedAfterGcConfidence) {
  MockChain chain(ChainConfig::mainnet(), 5);
  chain.advance(10);
  chain.chain_at(5, 1, [](const TipSet&, ChainEpoch) {}, nullptr);
  chain.advance(chain.config().events_gc_confidence);
  chain.advance(1);
  std::uint64_t id = chain.chain_at(chain.chain_head().height + 5, 1, [](const TipSet&, ChainEpoch) {}, nullptr);
  chain.cancel_chain_at(id);
  // Nothing left registered: a reorg triggers no callback.
  EXPECT_NO_THROW(chain.reorg(ReorgOptions{2, std::nullopt, {}, true}));
}

TEST(ChainEventsTest, HeadChangesReportRevertsAndApplies) {
  MockChain chain(ChainConfig::mainnet(), 5);
  chain.advance(10);
  std::vector<std::pair<std::vector<ChainEpoch>, std::vector<ChainEpoch>>> changes;
  std::uint64_t id = chain.subscribe_head_changes([&](const std::vector<TipSet>& rev, const std::vector<TipSet>& app) {
    std::vector<ChainEpoch> r, a;
    for (const auto& t : rev) r.push_back(t.height);
    for (const auto& t : app) a.push_back(t.height);
    changes.emplace_back(r, a);
  });
  chain.advance(1);
  chain.null_rounds(1);  // no notification for a null round
  chain.reorg(ReorgOptions{2, std::nullopt, {11}, true});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].second, std::vector<ChainEpoch>{11});
  EXPECT_EQ(changes[1].first, (std::vector<ChainEpoch>{11, 10}));
  EXPECT_EQ(changes[1].second, (std::vector<ChainEpoch>{10, 12}));
  chain.unsubscribe_head_changes(id);
  chain.advance(1);
  EXPECT_EQ(changes.size(), 2u);
}

using SealingFlow = ChainFixture;

// The FSM's WaitSeed: register ChainAt(seed epoch, 6) and read the beacon in the callback; a reorg
// over the seed epoch reverts and delivers a second, different seed.
TEST_F(SealingFlow, WaitSeedSeesANewSeedAfterAReorg) {
  ChainEpoch pc_epoch = precommit(1);
  ChainEpoch seed_epoch = chain.config().seed_epoch(pc_epoch);
  std::vector<Node32> seeds;
  int reverts = 0;
  chain.chain_at(seed_epoch, chain.config().interactive_porep_confidence,
                 [&](const TipSet&, ChainEpoch) {
                   seeds.push_back(chain.get_randomness_from_beacon(chain.chain_head().token, DomainSeparationTag::InteractiveSealChallengeSeed,
                                                                    seed_epoch, miner.to_cbor()));
                 },
                 [&](const TipSet&) { ++reverts; });
  chain.advance_to(seed_epoch + 5);
  EXPECT_TRUE(seeds.empty());
  chain.advance(1);
  ASSERT_EQ(seeds.size(), 1u);
  chain.reorg(ReorgOptions{10, std::nullopt, {}, true});
  EXPECT_EQ(reverts, 1);
  ASSERT_EQ(seeds.size(), 2u);
  EXPECT_NE(seeds[0], seeds[1]);
}

}  // namespace
}  // namespace sealsim::chain::testing
