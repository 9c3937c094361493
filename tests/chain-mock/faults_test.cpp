// faults_test.cpp: each injected fault and what the chain does with it; reorgs returning or
// dropping messages.
#include "tests/chain-mock/chain_fixture.hpp"

namespace sealsim::chain::testing {
namespace {

using Faults = ChainFixture;

Message transfer(Address from, Address to) {
  Message m;
  m.from = from;
  m.to = to;
  m.value = TokenAmount(1);
  return m;
}

TEST_F(Faults, ApiCallsFailForNCalls) {
  chain.faults().fail_api_calls(ApiCall::ChainHead, 2);
  for (int i = 0; i < 2; ++i) {
    try {
      chain.chain_head();
      ADD_FAILURE() << "expected an injected failure";
    } catch (const ChainError& e) {
      EXPECT_EQ(e.kind(), ChainErrorKind::Transient);
    }
  }
  EXPECT_NO_THROW(chain.chain_head());
  EXPECT_NO_THROW(chain.state_miner_info(miner));  // other calls unaffected
  EXPECT_EQ(chain.log().count("api_fault_injected"), 2u);
}

TEST_F(Faults, ApiCallsFailForNEpochs) {
  chain.faults().fail_api_until(ApiCall::Any, head() + 3);
  EXPECT_THROW(chain.state_sector_get_info(miner, 1), ChainError);
  EXPECT_THROW(chain.mpool_push_message(transfer(client, owner)), ChainError);
  chain.advance(2);
  EXPECT_THROW(chain.chain_head(), ChainError);
  chain.advance(1);
  EXPECT_NO_THROW(chain.chain_head());
}

TEST_F(Faults, MessageFailsWithAGivenExitCode) {
  chain.faults().fail_message(MessageMatch{std::nullopt, miner, method::kPreCommitSector}, ExitCode::SysErrInsufficientFunds);
  MessageReceipt r = send_and_land(worker, miner, method::kPreCommitSector, precommit_info(1), deposit());
  EXPECT_EQ(exit_code_value(r.exit_code), 6);
  EXPECT_FALSE(chain.state_miner_sector_allocated(miner, 1));
  // The fault was used up: the retry lands.
  EXPECT_EQ(send_and_land(worker, miner, method::kPreCommitSector, precommit_info(1), deposit()).exit_code, ExitCode::Ok);
  // An actor rejection with another code.
  chain.faults().fail_message(MessageMatch{worker, std::nullopt, std::nullopt}, ExitCode::ErrIllegalState);
  EXPECT_EQ(send_and_land(worker, owner, method::kSend, std::monostate{}, TokenAmount(1)).exit_code, ExitCode::ErrIllegalState);
}

TEST_F(Faults, OutOfGasReceipt) {
  chain.faults().out_of_gas(MessageMatch{client, std::nullopt, std::nullopt});
  Message m = transfer(client, owner);
  GasEstimate est = chain.gas_estimate_message_gas(m);
  MessageReceipt r = land(chain.mpool_push_message(m));
  EXPECT_EQ(exit_code_value(r.exit_code), 7);
  EXPECT_EQ(r.gas_used, est.gas_limit);
}

TEST_F(Faults, DelayedInclusion) {
  chain.faults().delay_inclusion(MessageMatch{client, std::nullopt, std::nullopt}, 5);
  MessageCid cid = chain.mpool_push_message(transfer(client, owner));
  ChainEpoch pushed = head();
  chain.advance(5);
  EXPECT_FALSE(chain.state_search_msg(cid));
  chain.advance(1);
  ASSERT_TRUE(chain.state_search_msg(cid));
  EXPECT_EQ(chain.state_search_msg(cid)->height, pushed + 6);
}

TEST_F(Faults, DroppedMessageIsNeverIncludedAndWaitReportsNotFound) {
  chain.faults().drop_messages(MessageMatch{client, std::nullopt, std::nullopt});
  MessageCid cid = chain.mpool_push_message(transfer(client, owner));
  std::optional<WaitResult> waited;
  chain.state_wait_msg(cid, 5, [&](const WaitResult& r) { waited = r; });
  ASSERT_TRUE(waited);
  EXPECT_FALSE(waited->lookup);
  chain.advance(3);
  EXPECT_FALSE(chain.state_search_msg(cid));
  EXPECT_EQ(chain.message(cid)->status, MessageStatus::Dropped);
  // The nonce was never used: the next message gets it again.
  MessageCid next = chain.mpool_push_message(transfer(client, owner));
  EXPECT_EQ(chain.message(next)->message.nonce, 0u);
}

TEST_F(Faults, ReorgReturnsMessagesToThePool) {
  MessageCid cid = chain.mpool_push_message(transfer(client, owner));
  chain.advance(3);
  ChainEpoch first = chain.state_search_msg(cid)->height;
  chain.reorg(ReorgOptions{3, std::nullopt, {}, true});
  auto again = chain.state_search_msg(cid);
  ASSERT_TRUE(again);  // re-included on the new branch
  EXPECT_EQ(again->height, first);
  EXPECT_NE(again->tipset, TipSetToken{});
  EXPECT_EQ(chain.head_state().find_actor(client.id)->nonce, 1u);
}

TEST_F(Faults, ReorgCanDropMessages) {
  MessageCid cid = chain.mpool_push_message(transfer(client, owner));
  chain.advance(3);
  chain.reorg(ReorgOptions{3, std::nullopt, {}, false});
  EXPECT_FALSE(chain.state_search_msg(cid));
  EXPECT_EQ(chain.message(cid)->status, MessageStatus::Dropped);
  EXPECT_EQ(chain.head_state().find_actor(client.id)->nonce, 0u);
  // The sender may push the same message again.
  EXPECT_NO_THROW(chain.mpool_push(chain.message(cid)->message));
  chain.advance(1);
  EXPECT_TRUE(chain.state_search_msg(cid));
}

TEST_F(Faults, ReorgRevertsActorState) {
  precommit(1);
  ASSERT_TRUE(chain.state_sector_precommit_info(miner, 1));
  chain.reorg(ReorgOptions{3, std::nullopt, {}, false});
  EXPECT_FALSE(chain.state_miner_sector_allocated(miner, 1));
  EXPECT_FALSE(chain.state_sector_precommit_info(miner, 1));
}

TEST_F(Faults, ClearRemovesPendingFaults) {
  chain.faults().fail_api_calls(ApiCall::Any, 100);
  chain.faults().clear();
  EXPECT_NO_THROW(chain.chain_head());
}

}  // namespace
}  // namespace sealsim::chain::testing
