// market_chain_adapter_test.cpp: the provider's chain side over chain-mock: ID addresses, the
// FundManager's shortfall (only what escrow and in-flight AddBalance messages do not cover is
// sent), deal ids read from the PublishStorageDeals receipt, and callbacks that come on the clock.
#include <gtest/gtest.h>

#include "chain-mock/mock_chain.hpp"
#include "model/cid.hpp"
#include "scenarios/chain_adapter.hpp"
#include "scenarios/market_chain_adapter.hpp"
#include "scenarios/sim_clock.hpp"
#include "sealing/market/storage_client.hpp"

namespace sealsim::scenarios {
namespace {

class MarketChainAdapterTest : public ::testing::Test {
 protected:
  MarketChainAdapterTest() {
    client = chain.create_account(TokenAmount::from_fil(100));
    const chain::Address owner = chain.create_account(TokenAmount::from_fil(100));
    const chain::Address worker = chain.create_account(TokenAmount::from_fil(100));
    chain::MinerSetup setup;
    setup.owner = owner;
    setup.worker = worker;
    setup.balance = TokenAmount::from_fil(100);
    miner = chain.create_miner(setup);
    adapter = std::make_unique<ChainAdapter>(chain, clock, miner);
    node = std::make_unique<MarketChainAdapter>(
        *adapter, clock, MarketChainOptions{TokenAmount::from_fil(1), TokenAmount::from_fil(1), 2}, reservations);
  }

  // One epoch of the chain, then every callback it scheduled on the clock.
  void epoch() {
    chain.advance(1);
    while (clock.fire_next(clock.now())) {
    }
  }

  market::ClientDealProposal proposal(std::uint8_t fill) {
    market::ClientDealProposal d;
    Node32 comm{};
    comm.fill(fill);
    comm[31] &= 0x3f;
    d.proposal.piece_cid = commitment_to_cid(CommitmentKind::Unsealed, comm).to_string();
    d.proposal.piece_size = PaddedPieceSize(2048);
    d.proposal.client = client.to_string();
    d.proposal.provider = miner.to_string();
    d.proposal.label = "deal " + std::to_string(fill);
    d.proposal.start_epoch = 1000;
    d.proposal.end_epoch = 1000 + chain.config().deal_min_duration;
    d.proposal.storage_price_per_epoch = TokenAmount(1);
    d.proposal.provider_collateral = TokenAmount(10);
    d.client_signature =
        market::MockSigner::sign(d.proposal.client, market::proposal_signing_bytes(d.proposal));
    return d;
  }

  chain::MockChain chain{chain::ChainConfig::mainnet(), 3};
  SimClock clock{0};
  chain::Address client{};
  chain::Address miner{};
  FundReservations reservations;
  std::unique_ptr<ChainAdapter> adapter;
  std::unique_ptr<MarketChainAdapter> node;
};

TEST(MarketAddresses, OnlyIdAddressesParse) {
  EXPECT_EQ(parse_id_address("t01000"), chain::Address{1000});
  EXPECT_EQ(parse_id_address("f0100"), chain::Address{100});
  EXPECT_FALSE(parse_id_address("t1abc"));
  EXPECT_FALSE(parse_id_address("t0"));
  EXPECT_FALSE(parse_id_address("t01x"));
  EXPECT_FALSE(parse_id_address(""));
}

TEST_F(MarketChainAdapterTest, ReservationsSendOnlyTheShortfall) {
  const std::string wallet = chain.state_miner_info(miner).worker.to_string();
  const auto first = node->reserve_funds(wallet, miner.to_string(), TokenAmount(100));
  ASSERT_TRUE(first && first->has_value()) << (first ? "" : first.error());
  // The first AddBalance is still in the pool: it covers 100 of the 150 now reserved.
  const auto second = node->reserve_funds(wallet, miner.to_string(), TokenAmount(50));
  ASSERT_TRUE(second && second->has_value());
  const auto* message = chain.message(*cid_to_message_cid(parse_cid(**second)));
  ASSERT_NE(message, nullptr);
  EXPECT_EQ(message->message.value, TokenAmount(50));
  EXPECT_EQ(message->message.to, chain::kMarketActor);
  epoch();
  epoch();
  EXPECT_EQ(chain.state_market_balance(miner).available(), TokenAmount(150));
  ASSERT_TRUE(node->release_funds(miner.to_string(), TokenAmount(100)));
  const auto third = node->reserve_funds(wallet, miner.to_string(), TokenAmount(30));
  ASSERT_TRUE(third);
  EXPECT_FALSE(third->has_value());  // 80 reserved, 150 in escrow: no message
  EXPECT_EQ(reservations.at(miner.id), TokenAmount(80));
  const auto too_much = node->release_funds(miner.to_string(), TokenAmount(81));
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error(), "not enough funds reserved to release 81 attoFIL");
}

TEST_F(MarketChainAdapterTest, PublishedDealIdsComeFromTheReceiptOnTheClock) {
  // Escrow for both parties, then one PublishStorageDeals with two deals from the worker.
  ASSERT_TRUE(adapter->push_to_market(client, chain::method::kAddBalance, chain::AddBalanceParams{client},
                                      TokenAmount::from_fil(1), TokenAmount::from_fil(1)));
  const std::string worker = *node->worker_address();
  ASSERT_TRUE(node->reserve_funds(worker, miner.to_string(), TokenAmount(20)));
  epoch();
  const auto a = proposal(1);
  const auto b = proposal(2);
  const auto publish = node->push({worker, "t05", 4, {a, b}});
  ASSERT_TRUE(publish) << publish.error();
  std::optional<market::Result<market::PublishDealsResult>> got_b;
  node->wait_for_publish_deals(*publish, b.proposal, [&](market::Result<market::PublishDealsResult> r) { got_b = r; });
  std::optional<market::Result<market::PublishDealsResult>> got_other;
  node->wait_for_publish_deals(*publish, proposal(3).proposal,
                               [&](market::Result<market::PublishDealsResult> r) { got_other = r; });
  // 2 × MessageConfidence (10) epochs after inclusion, never inside the chain's step.
  for (int i = 0; i < 10; ++i) {
    epoch();
    EXPECT_FALSE(got_b.has_value()) << "epoch " << chain.current_epoch();
  }
  epoch();
  ASSERT_TRUE(got_b.has_value());
  ASSERT_TRUE(*got_b) << got_b->error();
  EXPECT_EQ((*got_b)->deal_id, DealId{1});
  EXPECT_EQ((*got_b)->final_cid, *publish);
  ASSERT_TRUE(got_other.has_value());
  EXPECT_EQ(got_other->error(), "WaitForPublishDeals getting deal info errored: deal proposal not found in the publish message");
}

}  // namespace
}  // namespace sealsim::scenarios
