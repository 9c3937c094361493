// network_constants_test.cpp: the one table of network constants against the values the specs
// state (sealing-fsm.md §12.4, market-fsm.md §3.1), written out here from the spec, not the code.
#include "model/network_constants.hpp"

#include <gtest/gtest.h>

namespace sealsim {
namespace {

TEST(NetworkConstants, MainnetMatchesSpecTable) {
  const NetworkConstants c = NetworkConstants::mainnet();
  EXPECT_EQ(c.block_delay_seconds, 30);
  EXPECT_EQ(c.chain_finality, 900);
  EXPECT_EQ(c.seal_randomness_lookback, 900);
  EXPECT_EQ(c.max_pre_commit_randomness_lookback, 3780);
  EXPECT_EQ(c.max_ticket_age(), 3780);
  EXPECT_EQ(c.pre_commit_challenge_delay, 150);
  EXPECT_EQ(c.interactive_porep_confidence, 6);
  EXPECT_EQ(c.message_confidence, 5);
  EXPECT_EQ(c.max_prove_commit_duration(RegisteredSealProof::StackedDrg32GiBV1_1), 86'550);
  EXPECT_EQ(c.max_prove_commit_duration(RegisteredSealProof::StackedDrg2KiBV1_1), 86'550);
  EXPECT_EQ(c.max_prove_commit_duration(RegisteredSealProof::StackedDrg32GiBV1), 3'030);
  EXPECT_EQ(c.max_prove_commit_duration(RegisteredSealProof::StackedDrg2KiBV1), 3'030);
  EXPECT_EQ(c.min_sector_expiration, 518'400);
  EXPECT_EQ(c.max_sector_expiration_extension, 1'555'200);
  EXPECT_EQ(c.wpost_proving_period, 2880);
  EXPECT_EQ(c.wpost_period_deadlines, 48u);
  EXPECT_EQ(c.wpost_challenge_window, 60);
  EXPECT_EQ(c.addressed_sectors_max, 10'000u);
  EXPECT_EQ(c.declarations_max, 3'000u);
  EXPECT_EQ(c.pre_commit_sector_batch_max_size, 256u);
  EXPECT_EQ(c.min_aggregated_sectors, 4u);
  EXPECT_EQ(c.max_aggregated_sectors, 819u);
  EXPECT_EQ(c.events_gc_confidence, 1800);
  EXPECT_EQ(c.batching_network_version, 13);
  // market-fsm.md §3.1: DealDurationBounds [518 400, 1 555 200], labels up to 256 bytes.
  EXPECT_EQ(c.deal_min_duration, 518'400);
  EXPECT_EQ(c.deal_max_duration, 1'555'200);
  EXPECT_EQ(c.deal_max_label_size, 256u);
}

// §12.4: WinningPoStSectorSetLookback is 10 up to network version 3, 900 after.
TEST(NetworkConstants, WinningPoStLookbackByNetworkVersion) {
  const NetworkConstants c = NetworkConstants::mainnet();
  EXPECT_EQ(c.winning_post_sector_set_lookback(3), 10);
  EXPECT_EQ(c.winning_post_sector_set_lookback(4), 900);
  EXPECT_EQ(c.winning_post_sector_set_lookback(13), 900);
}

// §12.4: the 2k devnet has 4 s blocks and PreCommitChallengeDelay 10; nothing else differs.
TEST(NetworkConstants, DevnetDiffersOnlyInBlockDelayAndChallengeDelay) {
  const NetworkConstants devnet = NetworkConstants::devnet_2k();
  EXPECT_EQ(devnet.block_delay_seconds, 4);
  EXPECT_EQ(devnet.pre_commit_challenge_delay, 10);
  NetworkConstants as_mainnet = devnet;
  as_mainnet.block_delay_seconds = 30;
  as_mainnet.pre_commit_challenge_delay = 150;
  EXPECT_EQ(as_mainnet, NetworkConstants::mainnet());
}

}  // namespace
}  // namespace sealsim
