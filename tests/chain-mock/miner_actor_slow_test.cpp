// miner_actor_slow_test.cpp: precommit expiry at the real MaxProveCommitDuration (86,550 epochs
// of simulated chain per test, a few seconds each): labelled large, outside the sanitizer pass.
#include "tests/chain-mock/chain_fixture.hpp"

namespace sealsim::chain::testing {
namespace {

using MinerActorSlow = ChainFixture;

TEST_F(MinerActorSlow, ProveCommitTooLateAndPrecommitExpiryBurnsTheDeposit) {
  ChainConfig config = ChainConfig::mainnet();
  ChainEpoch pc_epoch = precommit(1);
  ChainEpoch msd = config.max_prove_commit_duration(RegisteredSealProof::StackedDrg2KiBV1_1);
  // Last epoch a proof is accepted: precommit + msd; the message executes at push + 1.
  chain.advance_to(pc_epoch + msd);
  expect_code(send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{1, Bytes(192)}), ExitCode::ErrIllegalArgument);
  EXPECT_EQ(head(), pc_epoch + msd + 1);
  // The cron of epoch precommit + msd + 1 removed the precommit and burnt its deposit.
  TokenAmount burnt = chain.wallet_balance(kBurntFundsActor);
  EXPECT_FALSE(chain.head_state().find_miner(miner.id)->precommits.count(1));
  EXPECT_TRUE(chain.head_state().find_miner(miner.id)->precommit_deposits.is_zero());
  EXPECT_GE(burnt, deposit());
  EXPECT_EQ(chain.log().count("precommit_expired"), 1u);
  EXPECT_THROW(chain.state_sector_precommit_info(miner, 1), ChainError);  // allocated, no precommit
}

TEST_F(MinerActorSlow, PrecommitExpiresExactlyAtTheSpecEpoch) {
  ChainEpoch pc_epoch = precommit(1);
  ChainEpoch expiry = chain.config().precommit_expiry_epoch(pc_epoch, RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(expiry, pc_epoch + 86550 + 1);
  chain.advance_to(expiry - 1);
  EXPECT_TRUE(chain.state_sector_precommit_info(miner, 1));
  chain.advance(1);
  EXPECT_THROW(chain.state_sector_precommit_info(miner, 1), ChainError);
}

}  // namespace
}  // namespace sealsim::chain::testing
