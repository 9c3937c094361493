// messages_test.cpp: message pool, nonces, gas, inclusion, receipts, replacement, StateWaitMsg and
// StateSearchMsg, cleanup, funds.
#include "tests/chain-mock/chain_fixture.hpp"

#include "chain-mock/gas.hpp"

namespace sealsim::chain::testing {
namespace {

using Messages = ChainFixture;

Message transfer_message(Address from, Address to, TokenAmount value) {
  Message m;
  m.from = from;
  m.to = to;
  m.value = value;
  return m;
}

TEST_F(Messages, NoncesAreAssignedContiguouslyAndIncludedAfterTheDelay) {
  ChainEpoch pushed_at = head();
  MessageCid a = chain.mpool_push_message(transfer_message(client, owner, TokenAmount(1)));
  MessageCid b = chain.mpool_push_message(transfer_message(client, owner, TokenAmount(2)));
  EXPECT_EQ(chain.message(a)->message.nonce, 0u);
  EXPECT_EQ(chain.message(b)->message.nonce, 1u);
  EXPECT_FALSE(chain.state_search_msg(a));
  chain.advance(1);
  auto found = chain.state_search_msg(a);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->height, pushed_at + chain.config().inclusion_delay);
  EXPECT_EQ(found->receipt.exit_code, ExitCode::Ok);
  EXPECT_EQ(found->tipset, chain.chain_head().token);
  EXPECT_EQ(chain.message(b)->status, MessageStatus::Included);
  EXPECT_EQ(chain.head_state().find_actor(client.id)->nonce, 2u);
}

TEST_F(Messages, InclusionDelayIsConfigurable) {
  ChainConfig config;
  config.inclusion_delay = 3;
  MockChain slow(config, 1);
  Address a = slow.create_account(TokenAmount::from_fil(1));
  Address b = slow.create_account(TokenAmount());
  MessageCid cid = slow.mpool_push_message(transfer_message(a, b, TokenAmount(5)));
  slow.advance(2);
  EXPECT_FALSE(slow.state_search_msg(cid));
  slow.advance(1);
  ASSERT_TRUE(slow.state_search_msg(cid));
  EXPECT_EQ(slow.state_search_msg(cid)->height, 3);
  EXPECT_EQ(slow.wallet_balance(b), TokenAmount(5));
}

TEST_F(Messages, GasIsEstimatedChargedAndCappedByMaxFee) {
  Message m = transfer_message(client, owner, TokenAmount(1));
  GasEstimate est = chain.gas_estimate_message_gas(m);
  EXPECT_EQ(est.gas_limit, gas_used_by(m) * 125 / 100);
  EXPECT_EQ(est.gas_fee_cap, chain.config().base_fee * 2 + chain.config().gas_premium);
  TokenAmount max_fee(1000);
  GasEstimate capped = chain.gas_estimate_message_gas(m, max_fee);
  EXPECT_LE(capped.gas_fee_cap * capped.gas_limit, max_fee);
  TokenAmount before = chain.wallet_balance(client);
  MessageCid cid = chain.mpool_push_message(m);
  MessageReceipt r = land(cid);
  EXPECT_EQ(r.gas_used, gas_used_by(m));
  TokenAmount premium = min_amount(est.gas_premium, est.gas_fee_cap - chain.config().base_fee);
  EXPECT_EQ(chain.wallet_balance(client), before - TokenAmount(1) - (chain.config().base_fee + premium) * r.gas_used);
}

TEST_F(Messages, FeeCapBelowBaseFeeWaitsInThePool) {
  Message m = transfer_message(client, owner, TokenAmount(1));
  MessageCid cid = chain.mpool_push_message(m, TokenAmount(1));  // fee cap rounds to 0
  chain.advance(3);
  EXPECT_FALSE(chain.state_search_msg(cid));
  EXPECT_EQ(chain.message(cid)->status, MessageStatus::Pending);
}

TEST_F(Messages, InsufficientFundsRejectedAtPushAndFailingAtExecution) {
  Address poor = chain.create_account(TokenAmount(1000));
  EXPECT_THROW(chain.mpool_push_message(transfer_message(poor, owner, TokenAmount(1))), ChainError);
  try {
    chain.mpool_push_message(transfer_message(poor, owner, TokenAmount(1)));
  } catch (const ChainError& e) {
    EXPECT_EQ(e.kind(), ChainErrorKind::InsufficientFunds);
  }
  // Enough for the push, then drained before execution: value transfer fails with exit 6.
  Address rich = chain.create_account(TokenAmount::from_fil(1));
  Message m = transfer_message(rich, owner, TokenAmount::from_nano(500'000'000));
  MessageCid cid = chain.mpool_push_message(m);
  GasEstimate est = chain.gas_estimate_message_gas(m);
  chain.set_balance(rich, est.gas_fee_cap * est.gas_limit + TokenAmount(10));
  MessageReceipt r = land(cid);
  EXPECT_EQ(r.exit_code, ExitCode::SysErrInsufficientFunds);
  EXPECT_EQ(exit_code_value(r.exit_code), 6);
  EXPECT_FALSE(chain.wallet_balance(rich).is_negative());
  EXPECT_EQ(chain.head_state().find_actor(rich.id)->nonce, 1u);  // the nonce is consumed
}

TEST_F(Messages, UnknownSenderReceiverAndMethod) {
  EXPECT_THROW(chain.mpool_push_message(transfer_message(Address{777}, owner, TokenAmount(1))), ChainError);
  EXPECT_EQ(send_and_land(client, Address{777}, method::kSend, std::monostate{}, TokenAmount(1)).exit_code, ExitCode::SysErrInvalidReceiver);
  EXPECT_EQ(send_and_land(client, miner, 99, std::monostate{}).exit_code, ExitCode::SysErrInvalidMethod);
  EXPECT_EQ(send_and_land(client, owner, method::kPreCommitSector, std::monostate{}).exit_code, ExitCode::SysErrInvalidMethod);
  // Params of the wrong type: ErrSerialization (21).
  EXPECT_EQ(send_and_land(worker, miner, method::kPreCommitSector, AddBalanceParams{worker}).exit_code, ExitCode::ErrSerialization);
}

TEST_F(Messages, OutOfGasWhenTheLimitIsTooLow) {
  Message m = transfer_message(client, owner, TokenAmount(1));
  GasEstimate est = chain.gas_estimate_message_gas(m);
  m.nonce = chain.head_state().find_actor(client.id)->nonce;
  m.gas_limit = 1000;
  m.gas_fee_cap = est.gas_fee_cap;
  m.gas_premium = est.gas_premium;
  TokenAmount before = chain.wallet_balance(owner);
  MessageReceipt r = land(chain.mpool_push(m));
  EXPECT_EQ(r.exit_code, ExitCode::SysErrOutOfGas);
  EXPECT_EQ(r.gas_used, 1000);
  EXPECT_EQ(chain.wallet_balance(owner), before);  // the value did not move
}

TEST_F(Messages, ReplacementNeedsAHigherPremiumAndWaitFollowsIt) {
  Message m = transfer_message(client, owner, TokenAmount(1));
  GasEstimate est = chain.gas_estimate_message_gas(m);
  m.nonce = chain.head_state().find_actor(client.id)->nonce;
  m.gas_limit = est.gas_limit;
  m.gas_fee_cap = est.gas_fee_cap;
  m.gas_premium = est.gas_premium;
  MessageCid first = chain.mpool_push(m);
  Message same_premium = m;
  same_premium.value = TokenAmount(1);
  same_premium.gas_limit += 1;  // a different message with the same premium
  EXPECT_THROW(chain.mpool_push(same_premium), ChainError);
  Message bumped = m;
  bumped.gas_premium = m.gas_premium * 2;
  bumped.gas_fee_cap = m.gas_fee_cap * 2;
  std::optional<WaitResult> waited;
  chain.state_wait_msg(first, 5, [&](const WaitResult& r) { waited = r; });
  MessageCid second = chain.mpool_push(bumped);
  EXPECT_EQ(chain.message(first)->status, MessageStatus::Replaced);
  EXPECT_EQ(*chain.message(first)->replaced_by, second);
  chain.advance(1);
  // StateSearchMsg of the replaced CID finds the replacement (same call).
  auto found = chain.state_search_msg(first);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->message, second);
  EXPECT_FALSE(waited);
  chain.advance(5);
  ASSERT_TRUE(waited);
  ASSERT_TRUE(waited->lookup);
  EXPECT_EQ(waited->lookup->message, second);
  EXPECT_THROW(chain.mpool_push(bumped), ChainError);  // already pushed
}

TEST_F(Messages, WaitOnAMessageReplacedByADifferentCallFails) {
  Message m = transfer_message(client, owner, TokenAmount(1));
  GasEstimate est = chain.gas_estimate_message_gas(m);
  m.nonce = chain.head_state().find_actor(client.id)->nonce;
  m.gas_limit = est.gas_limit;
  m.gas_fee_cap = est.gas_fee_cap;
  m.gas_premium = est.gas_premium;
  MessageCid first = chain.mpool_push(m);
  Message other = m;
  other.to = worker;  // a different call with the same nonce
  other.gas_premium = m.gas_premium * 2;
  other.gas_fee_cap = m.gas_fee_cap * 2;
  chain.mpool_push(other);
  std::optional<WaitResult> waited;
  chain.state_wait_msg(first, 1, [&](const WaitResult& r) { waited = r; });
  chain.advance(3);
  EXPECT_FALSE(chain.state_search_msg(first));
  ASSERT_TRUE(waited);
  EXPECT_FALSE(waited->lookup);
  EXPECT_NE(waited->error.find("not found"), std::string::npos);
  // A CID the chain never saw: not found at once.
  std::optional<WaitResult> unknown;
  chain.state_wait_msg(fill32(0xab), 1, [&](const WaitResult& r) { unknown = r; });
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->lookup);
}

TEST_F(Messages, StateWaitMsgHonoursConfidence) {
  MessageCid cid = chain.mpool_push_message(transfer_message(client, owner, TokenAmount(1)));
  std::optional<WaitResult> waited;
  chain.state_wait_msg(cid, chain.config().message_confidence, [&](const WaitResult& r) { waited = r; });
  chain.advance(1);
  ChainEpoch included = chain.state_search_msg(cid)->height;
  while (head() < included + chain.config().message_confidence - 1) {
    chain.advance(1);
    EXPECT_FALSE(waited);
  }
  chain.advance(1);
  ASSERT_TRUE(waited);
  EXPECT_EQ(waited->lookup->height, included);
  // Already deep enough: the callback runs at once.
  std::optional<WaitResult> immediate;
  chain.state_wait_msg(cid, 2, [&](const WaitResult& r) { immediate = r; });
  EXPECT_TRUE(immediate);
}

TEST_F(Messages, NotFoundAfterCleanup) {
  ChainConfig config;
  config.message_cleanup_epochs = 5;
  MockChain short_pool(config, 3);
  Address a = short_pool.create_account(TokenAmount::from_fil(1));
  Message m = transfer_message(a, a, TokenAmount(1));
  MessageCid stuck = short_pool.mpool_push_message(m, TokenAmount(1));  // fee cap below base fee: never included
  std::optional<WaitResult> waited;
  short_pool.state_wait_msg(stuck, 5, [&](const WaitResult& r) { waited = r; });
  short_pool.advance(5);
  EXPECT_FALSE(waited);
  short_pool.advance(1);
  ASSERT_TRUE(waited);
  EXPECT_FALSE(waited->lookup);
  EXPECT_NE(waited->error.find("not found"), std::string::npos);
  EXPECT_EQ(short_pool.message(stuck)->status, MessageStatus::Expired);
  EXPECT_EQ(short_pool.pending_messages(), 0u);
}

TEST_F(Messages, NegativeOrMalformedPushesAreRejected) {
  Message m = transfer_message(client, owner, TokenAmount(-1));
  m.gas_limit = 1000;
  EXPECT_THROW(chain.mpool_push(m), ChainError);
  m.value = TokenAmount(1);
  m.gas_limit = 0;
  EXPECT_THROW(chain.mpool_push(m), ChainError);
  m.gas_limit = 1'000'000;
  m.nonce = 5;  // a gap: accepted, but never included until the gap is filled
  m.gas_fee_cap = TokenAmount(1000);
  MessageCid gap = chain.mpool_push(m);
  chain.advance(2);
  EXPECT_FALSE(chain.state_search_msg(gap));
}

}  // namespace
}  // namespace sealsim::chain::testing
