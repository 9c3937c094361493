// market_actor_test.cpp: escrow, PublishStorageDeals validation (all-or-nothing at network version
// 13, per deal from 14), activation at prove-commit, expiry of unactivated deals, slashing.
#include "tests/chain-mock/chain_fixture.hpp"

#include "chain-mock/deadlines.hpp"
#include "chain-mock/market_actor.hpp"

namespace sealsim::chain::testing {
namespace {

class MarketActor : public ChainFixture {
 protected:
  explicit MarketActor(ChainConfig config = ChainConfig::mainnet()) : ChainFixture(config) {}

  void fund() {
    EXPECT_EQ(send_and_land(client, kMarketActor, method::kAddBalance, AddBalanceParams{client}, TokenAmount::from_fil(10)).exit_code,
              ExitCode::Ok);
    EXPECT_EQ(send_and_land(worker, kMarketActor, method::kAddBalance, AddBalanceParams{miner}, TokenAmount::from_fil(10)).exit_code,
              ExitCode::Ok);
  }

  DealProposal proposal(std::uint8_t piece_byte = 1, PaddedPieceSize size = PaddedPieceSize(1024)) {
    DealProposal p;
    p.piece_cid = fill32(piece_byte);
    p.piece_size = size;
    p.client = client;
    p.provider = miner;
    p.label = "deal";
    p.start_epoch = head() + 400;
    p.end_epoch = p.start_epoch + chain.config().deal_min_duration + 100;
    p.storage_price_per_epoch = TokenAmount(1000);
    p.provider_collateral = TokenAmount::from_nano(1000);
    p.client_collateral = TokenAmount::from_nano(500);
    return p;
  }

  MessageReceipt publish(std::vector<DealProposal> proposals, Address from) {
    PublishStorageDealsParams params;
    for (auto& p : proposals) params.deals.push_back(ClientDealProposal{p, true});
    return send_and_land(from, kMarketActor, method::kPublishStorageDeals, params);
  }

  void expect_market_consistent() {
    TokenAmount total;
    for (const auto& [id, e] : chain.head_state().market.balances) {
      EXPECT_LE(e.locked, e.escrow);
      EXPECT_FALSE(e.locked.is_negative());
      total += e.escrow;
    }
    EXPECT_EQ(total, chain.wallet_balance(kMarketActor));
  }
};

TEST_F(MarketActor, ProviderCollateralBoundsScaleWithThePieceWithLotusMargin) {
  // 0.001 FIL per GiB of piece × 110/100; the max is the total supply (Lotus's state API shape).
  const DealCollateralBounds gib = chain.state_deal_provider_collateral_bounds(PaddedPieceSize(std::uint64_t{1} << 30), false);
  EXPECT_EQ(gib.min, TokenAmount::from_nano(1'100'000));
  EXPECT_EQ(gib.max, TokenAmount::from_fil(2'000'000'000));
  const DealCollateralBounds small = chain.state_deal_provider_collateral_bounds(PaddedPieceSize(2048), true);
  EXPECT_EQ(small.min, TokenAmount(1'000'000'000'000'000 / 524'288 * 110 / 100));
  EXPECT_THROW(chain.state_deal_provider_collateral_bounds(PaddedPieceSize(2048), false, TipSetToken{1, 2, 3}), ChainError);
}

TEST_F(MarketActor, EscrowAddAndWithdraw) {
  fund();
  EXPECT_EQ(chain.state_market_balance(client).escrow, TokenAmount::from_fil(10));
  EXPECT_EQ(send_and_land(client, kMarketActor, method::kAddBalance, AddBalanceParams{client}).exit_code, ExitCode::ErrIllegalArgument);
  EXPECT_EQ(send_and_land(client, kMarketActor, method::kAddBalance, AddBalanceParams{Address{4444}}, TokenAmount(1)).exit_code,
            ExitCode::ErrNotFound);
  EXPECT_EQ(send_and_land(owner, kMarketActor, method::kWithdrawBalance, WithdrawBalanceParams{client, TokenAmount(1)}).exit_code,
            ExitCode::ErrForbidden);
  EXPECT_EQ(send_and_land(client, kMarketActor, method::kWithdrawBalance, WithdrawBalanceParams{client, TokenAmount(-1)}).exit_code,
            ExitCode::ErrIllegalArgument);
  EXPECT_EQ(send_and_land(client, kMarketActor, method::kWithdrawBalance, WithdrawBalanceParams{client, TokenAmount::from_fil(4)}).exit_code,
            ExitCode::Ok);
  EXPECT_EQ(chain.state_market_balance(client).escrow, TokenAmount::from_fil(6));
  EXPECT_EQ(send_and_land(client, kMarketActor, method::kWithdrawBalance, WithdrawBalanceParams{miner, TokenAmount(1)}).exit_code,
            ExitCode::ErrForbidden);
  TokenAmount owner_before = chain.wallet_balance(owner);
  EXPECT_EQ(send_and_land(worker, kMarketActor, method::kWithdrawBalance, WithdrawBalanceParams{miner, TokenAmount::from_fil(1)}).exit_code,
            ExitCode::Ok);
  EXPECT_EQ(chain.wallet_balance(owner), owner_before + TokenAmount::from_fil(1));  // provider funds go to the owner
  expect_market_consistent();
}

TEST_F(MarketActor, PublishLocksFundsAndReturnsIds) {
  fund();
  MessageReceipt r = publish({proposal(1), proposal(2)}, worker);
  ASSERT_EQ(r.exit_code, ExitCode::Ok) << r.error;
  auto& ret = std::get<PublishStorageDealsReturn>(r.return_value);
  EXPECT_EQ(ret.ids, (std::vector<DealId>{0, 1}));
  EXPECT_EQ(ret.valid_deals, (std::vector<std::uint64_t>{0, 1}));
  MarketDeal deal = chain.state_market_storage_deal(0);
  EXPECT_EQ(deal.status, DealStatus::Published);
  EXPECT_EQ(deal.state.sector_start_epoch, -1);
  EXPECT_EQ(chain.state_market_balance(client).locked, proposal(1).client_balance_requirement() * 2);
  EXPECT_EQ(chain.state_market_balance(miner).locked, proposal(1).provider_collateral * 2);
  EXPECT_THROW(chain.state_market_storage_deal(7), ChainError);
  EXPECT_EQ(chain.state_market_storage_deal_proposal(1).piece_cid, fill32(2));
  EXPECT_THROW(chain.state_market_storage_deal_proposal(7), ChainError);
  expect_market_consistent();
}

TEST_F(MarketActor, PublishRejectionsAreAllOrNothingAtNetworkVersion13) {
  fund();
  auto expect = [&](DealProposal bad, ExitCode code, Address from = Address{0}) {
    MessageReceipt r = publish({proposal(9), bad}, from == Address{0} ? worker : from);
    EXPECT_EQ(r.exit_code, code) << r.error;
  };
  expect(proposal(3), ExitCode::ErrForbidden, client);  // not the provider's worker
  DealProposal late = proposal(3);
  late.start_epoch = head();
  expect(late, ExitCode::ErrIllegalArgument);
  DealProposal short_deal = proposal(3);
  short_deal.end_epoch = short_deal.start_epoch + 10;
  expect(short_deal, ExitCode::ErrIllegalArgument);
  DealProposal reversed = proposal(3);
  reversed.end_epoch = reversed.start_epoch;
  expect(reversed, ExitCode::ErrIllegalArgument);
  DealProposal bad_size = proposal(3, PaddedPieceSize(1000));
  expect(bad_size, ExitCode::ErrIllegalArgument);
  DealProposal long_label = proposal(3);
  long_label.label.assign(300, 'x');
  expect(long_label, ExitCode::ErrIllegalArgument);
  DealProposal rich = proposal(3);
  rich.client_collateral = TokenAmount::from_fil(100);
  expect(rich, ExitCode::ErrInsufficientFunds);
  DealProposal collateral = proposal(3);
  collateral.provider_collateral = TokenAmount::from_fil(100);
  expect(collateral, ExitCode::ErrInsufficientFunds);
  DealProposal other_provider = proposal(3);
  other_provider.provider = Address{1001};
  expect(other_provider, ExitCode::ErrIllegalArgument);
  expect(proposal(9), ExitCode::ErrIllegalArgument);  // duplicate in the message
  PublishStorageDealsParams forged{{ClientDealProposal{proposal(4), false}}};
  EXPECT_EQ(send_and_land(worker, kMarketActor, method::kPublishStorageDeals, forged).exit_code, ExitCode::ErrIllegalArgument);
  EXPECT_EQ(send_and_land(worker, kMarketActor, method::kPublishStorageDeals, PublishStorageDealsParams{}).exit_code,
            ExitCode::ErrIllegalArgument);
  DealProposal once = proposal(5);
  EXPECT_EQ(publish({once}, worker).exit_code, ExitCode::Ok);
  EXPECT_EQ(publish({once}, worker).exit_code, ExitCode::ErrIllegalArgument);  // already published
  EXPECT_EQ(chain.head_state().market.deals.size(), 1u);  // nothing of the failed messages was published
  expect_market_consistent();
}

class MarketActorV14 : public MarketActor {
 protected:
  static ChainConfig v14() {
    ChainConfig c = ChainConfig::mainnet();
    c.network_version = 14;
    return c;
  }
  MarketActorV14() : MarketActor(v14()) {}
};

TEST_F(MarketActorV14, PublishFailsPerDeal) {
  fund();
  DealProposal late = proposal(3);
  late.start_epoch = head();
  MessageReceipt r = publish({proposal(1), late, proposal(2)}, worker);
  ASSERT_EQ(r.exit_code, ExitCode::Ok) << r.error;
  auto& ret = std::get<PublishStorageDealsReturn>(r.return_value);
  EXPECT_EQ(ret.ids.size(), 2u);
  EXPECT_EQ(ret.valid_deals, (std::vector<std::uint64_t>{0, 2}));
  EXPECT_EQ(publish({late}, worker).exit_code, ExitCode::ErrIllegalArgument);  // none valid
}

TEST_F(MarketActor, DealsActivateAtProveCommitAndCommDCoversThePieces) {
  fund();
  MessageReceipt r = publish({proposal(1, PaddedPieceSize(1024)), proposal(2, PaddedPieceSize(1024))}, worker);
  ASSERT_EQ(r.exit_code, ExitCode::Ok);
  Node32 comm_d = chain.state_compute_data_commitment(RegisteredSealProof::StackedDrg2KiBV1_1, {0, 1});
  EXPECT_NE(comm_d, chain.state_compute_data_commitment(RegisteredSealProof::StackedDrg2KiBV1_1, {}));
  EXPECT_THROW(chain.state_compute_data_commitment(RegisteredSealProof::StackedDrg2KiBV1_1, {0, 55}), ChainError);
  // A deal whose end is after the sector's expiration is refused at precommit.
  SectorPreCommitInfo short_sector = precommit_info(1, {0});
  short_sector.expiration = chain.state_market_storage_deal(0).proposal.end_epoch - 1;
  EXPECT_EQ(send_and_land(worker, miner, method::kPreCommitSector, short_sector, deposit()).exit_code, ExitCode::ErrIllegalArgument);
  precommit(1, {0, 1});
  ASSERT_EQ(prove(1).exit_code, ExitCode::Ok);
  ASSERT_TRUE(chain.state_sector_get_info(miner, 1));
  MarketDeal deal = chain.state_market_storage_deal(0);
  EXPECT_EQ(deal.status, DealStatus::Activated);
  EXPECT_EQ(deal.state.sector_start_epoch, chain.state_sector_get_info(miner, 1)->activation);
  // An activated deal cannot go into another sector.
  EXPECT_EQ(send_and_land(worker, miner, method::kPreCommitSector, precommit_info(2, {0}), deposit()).exit_code,
            ExitCode::ErrIllegalArgument);
  expect_market_consistent();
}

TEST_F(MarketActor, DealOfAnotherProviderIsForbiddenInPrecommit) {
  fund();
  Address other_worker = chain.create_account(TokenAmount::from_fil(10));
  Address other = chain.create_miner(MinerSetup{other_worker, other_worker, {}, RegisteredSealProof::StackedDrg2KiBV1_1, TokenAmount::from_fil(1)});
  ASSERT_EQ(send_and_land(other_worker, kMarketActor, method::kAddBalance, AddBalanceParams{other}, TokenAmount::from_fil(1)).exit_code,
            ExitCode::Ok);
  DealProposal p = proposal(1);
  p.provider = other;
  ASSERT_EQ(publish({p}, other_worker).exit_code, ExitCode::Ok);
  EXPECT_EQ(send_and_land(worker, miner, method::kPreCommitSector, precommit_info(1, {0}), deposit()).exit_code, ExitCode::ErrForbidden);
}

TEST(MarketActorPolicy, DealProcessEpochIsTheFirstEpochFromTheStartCongruentToTheDealId) {
  // actors v5 GenRandNextEpoch with DealUpdatesInterval 2880.
  EXPECT_EQ(market::deal_process_epoch(100, 0, 2880), 2880);
  EXPECT_EQ(market::deal_process_epoch(100, 150, 2880), 150);
  EXPECT_EQ(market::deal_process_epoch(100, 100, 2880), 100);
  EXPECT_EQ(market::deal_process_epoch(100, 50, 2880), 2930);
  EXPECT_EQ(market::deal_process_epoch(2880, 0, 2880), 2880);
  EXPECT_EQ(market::deal_process_epoch(2881, 2880 + 5, 2880), 2885);
  EXPECT_EQ(market::deal_process_epoch(2886, 5, 2880), 5765);
}

TEST_F(MarketActor, UnactivatedDealTimesOutAtItsProcessingEpochAndSlashesTheProvider) {
  fund();
  DealProposal p = proposal(1);
  ASSERT_EQ(publish({p}, worker).exit_code, ExitCode::Ok);
  TokenAmount burnt = chain.wallet_balance(kBurntFundsActor);
  // Deal 0 is processed first at the next multiple of 2880 from its start epoch; past its start it
  // can no longer be activated, but it stays in the state until then.
  const ChainEpoch process = market::deal_process_epoch(p.start_epoch, 0, chain.config().deal_updates_interval);
  ASSERT_GT(process, p.start_epoch);
  chain.advance_to(p.start_epoch + 1);
  EXPECT_NO_THROW(chain.state_market_storage_deal(0));
  chain.advance_to(process - 1);
  EXPECT_NO_THROW(chain.state_market_storage_deal(0));
  chain.advance(1);
  EXPECT_THROW(chain.state_market_storage_deal(0), ChainError);
  EXPECT_EQ(chain.head_state().market.closed_deals.at(0).status, DealStatus::Expired);
  EXPECT_TRUE(chain.state_market_balance(client).locked.is_zero());
  EXPECT_EQ(chain.state_market_balance(miner).escrow, TokenAmount::from_fil(10) - p.provider_collateral);
  EXPECT_GE(chain.wallet_balance(kBurntFundsActor) - burnt, p.provider_collateral);
  expect_market_consistent();
}

TEST_F(MarketActor, TerminationSlashesActiveDeals) {
  fund();
  DealProposal p = proposal(1);
  ASSERT_EQ(publish({p}, worker).exit_code, ExitCode::Ok);
  precommit(1, {0});
  ASSERT_EQ(prove(1).exit_code, ExitCode::Ok);
  SectorLocation loc = *chain.state_sector_partition(miner, 1);
  ChainEpoch offset = chain.head_state().find_miner(miner.id)->proving_period_offset;
  while (!deadline_is_mutable(chain.config(), offset, head() + 1, loc.deadline)) chain.advance(1);
  ASSERT_EQ(send_and_land(worker, miner, method::kTerminateSectors, TerminateSectorsParams{{{loc.deadline, loc.partition, {1}}}}).exit_code,
            ExitCode::Ok);
  const MarketDeal& closed = chain.head_state().market.closed_deals.at(0);
  EXPECT_EQ(closed.status, DealStatus::Slashed);
  EXPECT_EQ(closed.state.slash_epoch, head());
  EXPECT_TRUE(chain.state_market_balance(client).locked.is_zero());
  EXPECT_TRUE(chain.state_market_balance(miner).locked.is_zero());
  expect_market_consistent();
}

// Short deal bounds so that a deal can run to its end in a fast test.
class MarketActorShortDeals : public MarketActor {
 protected:
  static ChainConfig short_deals() {
    ChainConfig c = ChainConfig::mainnet();
    c.deal_min_duration = 100;
    return c;
  }
  MarketActorShortDeals() : MarketActor(short_deals()) {}
};

TEST_F(MarketActorShortDeals, ActiveDealExpiresAndPaysTheProvider) {
  fund();
  DealProposal p = proposal(1);
  ASSERT_EQ(publish({p}, worker).exit_code, ExitCode::Ok);
  precommit(1, {0});
  ASSERT_EQ(prove(1).exit_code, ExitCode::Ok);
  TokenAmount provider_before = chain.state_market_balance(miner).escrow;
  chain.advance_to(p.end_epoch);
  EXPECT_EQ(chain.head_state().market.closed_deals.at(0).status, DealStatus::Expired);
  EXPECT_EQ(chain.state_market_balance(miner).escrow, provider_before + p.total_storage_fee());
  EXPECT_EQ(chain.state_market_balance(client).escrow, TokenAmount::from_fil(10) - p.total_storage_fee());
  expect_market_consistent();
}

}  // namespace
}  // namespace sealsim::chain::testing
