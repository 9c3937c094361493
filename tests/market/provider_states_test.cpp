// provider_states_test.cpp: the provider entry-function catalogue of go-fil-markets v1.6.2
// (market-fsm §8.1–§8.13, provider_states_test.go) with the same inputs and outcomes, plus the gap
// cases the spec lists. Each case starts a deal in the named status, runs its entry function once
// and replays the events through the MSM table.
#include <gtest/gtest.h>

#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// ---- 8.1 ValidateDealProposal ----------------------------------------------------------------

class ValidateDealProposal : public MarketFixture {
 protected:
  MinerDeal run(MinerDeal d) { return run_in(DealStatus::Validating, std::move(d)); }
  MinerDeal run() { return run(default_deal()); }
};

TEST_F(ValidateDealProposal, Succeeds) {
  const MinerDeal d = run();
  EXPECT_EQ(d.state, DealStatus::AcceptWait);
  EXPECT_EQ(d.message, "");
  ASSERT_EQ(connections.tagged.size(), 1u);
  EXPECT_EQ(connections.tagged[0], "client-peer");
}

TEST_F(ValidateDealProposal, VerifySignatureFails) {
  node.signature_valid = ok(false);
  const MinerDeal d = run();
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: verifying StorageDealProposal: could not verify signature");
}

TEST_F(ValidateDealProposal, ForgedSignatureUnderLotusAdapterIsAnError) {
  node.signature_valid.reset();  // MockSigner: "signature" is not a valid signature
  const MinerDeal d = run();
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: verifying StorageDealProposal: verifying: invalid signature");
}

TEST_F(ValidateDealProposal, ProviderAddressDoesNotMatch) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.provider = "t09999";
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: incorrect provider for deal");
}

TEST_F(ValidateDealProposal, MostRecentStateIdErrors) {
  node.chain_head = fail<ChainHead>("couldn't get id");
  const MinerDeal d = run();
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: node error getting most recent state id: couldn't get id");
}

TEST_F(ValidateDealProposal, PricePerEpochTooLow) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.storage_price_per_epoch = TokenAmount(5000);
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: storage price per epoch less than asking price: 5000 < 9765");
}

TEST_F(ValidateDealProposal, PriceExactlyMinimumIsAccepted) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.storage_price_per_epoch = TokenAmount(9765);
  node.balance = ok(EscrowBalance{TokenAmount(0), TokenAmount(9765LL * 2880 * 200)});
  EXPECT_EQ(run(deal).state, DealStatus::AcceptWait);
}

TEST_F(ValidateDealProposal, PieceSizeBelowMinPieceSize) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.piece_size = PaddedPieceSize(128);
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: piece size less than minimum required size: 128 < 256");
}

TEST_F(ValidateDealProposal, PieceSizeAboveMaxPieceSize) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.piece_size = PaddedPieceSize(2 << 20);
  deal.client_deal_proposal.proposal.storage_price_per_epoch = TokenAmount(20'000);
  node.balance = ok(EscrowBalance{TokenAmount(0), TokenAmount(20'000LL * 2880 * 200)});
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: piece size more than maximum allowed size: 2097152 > 1048576");
}

TEST_F(ValidateDealProposal, GetBalanceError) {
  node.balance = fail<EscrowBalance>("could not get balance");
  const MinerDeal d = run();
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message,
            "deal rejected: node error getting client market balance failed: could not get balance");
}

TEST_F(ValidateDealProposal, NotEnoughFunds) {
  node.balance = ok(EscrowBalance{TokenAmount(0), TokenAmount(200 * 10'000 - 1)});
  const MinerDeal d = run();
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_TRUE(contains(d.message, "deal rejected: clientMarketBalance.Available too small")) << d.message;
}

TEST_F(ValidateDealProposal, NotEnoughFundsDueToClientCollateral) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.client_collateral = TokenAmount(100);
  node.balance = ok(EscrowBalance{TokenAmount(0), TokenAmount(200 * 10'000 + 99)});
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_TRUE(contains(d.message, "deal rejected: clientMarketBalance.Available too small")) << d.message;
}

TEST_F(ValidateDealProposal, ClientCollateralCountsTowardsTheRequirement) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.client_collateral = TokenAmount(100);
  node.balance = ok(EscrowBalance{TokenAmount(0), TokenAmount(5'760'000'000 + 99)});
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.message, "deal rejected: clientMarketBalance.Available too small: 5760000099 < 5760000100");
}

MinerDeal verified_deal() {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.verified_deal = true;
  return deal;
}

TEST_F(ValidateDealProposal, VerifiedDealSucceeds) {
  node.data_cap = ok(std::optional<std::uint64_t>(1 << 20));
  EXPECT_EQ(run(verified_deal()).state, DealStatus::AcceptWait);
}

TEST_F(ValidateDealProposal, VerifiedDealFailsGettingClientDataCap) {
  node.data_cap = fail<std::optional<std::uint64_t>>("failure getting data cap");
  const MinerDeal d = run(verified_deal());
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: node error fetching verified data cap: failure getting data cap");
}

TEST_F(ValidateDealProposal, VerifiedDealFailsDataCapNotFound) {
  const MinerDeal d = run(verified_deal());
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message,
            "deal rejected: node error fetching verified data cap: data cap missing -- client not verified");
}

TEST_F(ValidateDealProposal, VerifiedDealFailsWithInsufficientDataCap) {
  node.data_cap = ok(std::optional<std::uint64_t>((1 << 20) - 1));
  const MinerDeal d = run(verified_deal());
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: verified deal DataCap too small for proposed piece size");
}

TEST_F(ValidateDealProposal, LabelIsTooLong) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.label = std::string(344, 'A');  // base64 of 257 bytes
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: deal label can be at most 256 bytes, is 344");
}

TEST_F(ValidateDealProposal, InvalidPieceSize) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.piece_size = PaddedPieceSize(129);
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message,
            "deal rejected: proposal piece size is invalid: padded piece size must be a power of 2");
}

TEST_F(ValidateDealProposal, PieceSizeBelow128) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.piece_size = PaddedPieceSize(64);
  EXPECT_EQ(run(deal).message,
            "deal rejected: proposal piece size is invalid: minimum padded piece size is 128 bytes");
}

TEST_F(ValidateDealProposal, UndefinedPieceCid) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.piece_cid.clear();
  EXPECT_EQ(run(deal).message, "deal rejected: proposal PieceCID undefined");
}

TEST_F(ValidateDealProposal, InvalidPieceCidPrefix) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.piece_cid = proposal_cid(default_deal().client_deal_proposal);
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: proposal PieceCID had wrong prefix");
}

TEST_F(ValidateDealProposal, EndEpochBeforeStart) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.start_epoch = 1000;
  deal.client_deal_proposal.proposal.end_epoch = 900;
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: proposal end before proposal start");
}

TEST_F(ValidateDealProposal, StartEpochHasAlreadyPassed) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.start_epoch = 49;
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: deal start epoch has already elapsed");
}

TEST_F(ValidateDealProposal, StartEpochEqualToCurrentEpochIsAccepted) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.start_epoch = 50;
  deal.client_deal_proposal.proposal.end_epoch = 50 + 2880 * 200;
  EXPECT_EQ(run(deal).state, DealStatus::AcceptWait);
}

TEST_F(ValidateDealProposal, DurationTooShort) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.start_epoch = 50;
  deal.client_deal_proposal.proposal.end_epoch = 50 + 2880 * 180 - 1;
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message,
            "deal rejected: deal duration out of bounds (min, max, provided): 518400, 1555200, 518399");
}

TEST_F(ValidateDealProposal, DurationTooLong) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.start_epoch = 50;
  deal.client_deal_proposal.proposal.end_epoch = 50 + 2880 * 540 + 1;
  node.balance = ok(EscrowBalance{TokenAmount(0), kTotalFilecoin});
  const MinerDeal d = run(deal);
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_TRUE(contains(d.message, "deal rejected: deal duration out of bounds")) << d.message;
}

TEST_F(ValidateDealProposal, BoundaryDurationsAreAccepted) {
  node.balance = ok(EscrowBalance{TokenAmount(0), kTotalFilecoin});
  for (const ChainEpoch duration : {kDealMinDuration, kDealMaxDuration}) {
    MinerDeal deal = default_deal();
    deal.client_deal_proposal.proposal.end_epoch = 200 + duration;
    EXPECT_EQ(run(deal).state, DealStatus::AcceptWait) << duration;
  }
}

TEST_F(ValidateDealProposal, CollateralBoundsError) {
  node.collateral_bounds = fail<CollateralBounds>("no power");
  EXPECT_EQ(run().message, "deal rejected: node error getting collateral bounds: no power");
}

TEST_F(ValidateDealProposal, CollateralBelowMinimum) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.provider_collateral = TokenAmount(4999);
  EXPECT_EQ(run(deal).message,
            "deal rejected: proposed provider collateral below minimum: 4999 < 5000");
}

TEST_F(ValidateDealProposal, CollateralAboveMaximum) {
  node.collateral_bounds = ok(CollateralBounds{TokenAmount(5000), TokenAmount(9999)});
  EXPECT_EQ(run().message,
            "deal rejected: proposed provider collateral above maximum: 10000 > 9999");
}

// ---- 8.2 DecideOnProposal --------------------------------------------------------------------

class DecideOnProposal : public MarketFixture {};

TEST_F(DecideOnProposal, Succeeds) {
  const MinerDeal d = run_in(DealStatus::AcceptWait, default_deal());
  EXPECT_EQ(d.state, DealStatus::WaitingForData);
  ASSERT_EQ(connections.responses.size(), 1u);
  EXPECT_EQ(connections.responses[0].state, DealStatus::WaitingForData);
  EXPECT_EQ(connections.disconnects, 1);
}

TEST_F(DecideOnProposal, CustomDecisionRejectsDeal) {
  use_decider = true;
  decider.answer = ok(DealDecision{false, "I just don't like it"});
  const MinerDeal d = run_in(DealStatus::AcceptWait, default_deal());
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: I just don't like it");
}

TEST_F(DecideOnProposal, CustomDecisionErrors) {
  use_decider = true;
  decider.answer = fail<DealDecision>("I can't make up my mind");
  const MinerDeal d = run_in(DealStatus::AcceptWait, default_deal());
  EXPECT_EQ(d.state, DealStatus::Rejecting);
  EXPECT_EQ(d.message, "deal rejected: custom deal decision logic failed: I can't make up my mind");
}

TEST_F(DecideOnProposal, SendSignedResponseErrors) {
  connections.send_error = "could not send";
  const MinerDeal d = run_in(DealStatus::AcceptWait, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "sending response to deal: could not send");
}

// ---- 8.3 VerifyData --------------------------------------------------------------------------

class VerifyData : public MarketFixture {
 protected:
  // A deal whose proposal names the CommP of `payload` padded to 1 MiB, staged in the store.
  MinerDeal staged_deal(const Bytes& payload, const Bytes& received) {
    MinerDeal deal = default_deal();
    const auto c = ModelPieceCommitter().generate(payload);
    deal.client_deal_proposal.proposal.piece_cid =
        padded_piece_cid(c->commitment, c->piece_size, PaddedPieceSize(1 << 20));
    deal.store_id = staging.create();
    staging.append(*deal.store_id, received);
    return deal;
  }
  Bytes payload_ = Bytes(3000, 0x5a);
};

TEST_F(VerifyData, Succeeds) {
  committer.metadata_path = "somemetadata.txt";
  const MinerDeal d = run_in(DealStatus::VerifyData, staged_deal(payload_, payload_));
  EXPECT_EQ(d.state, DealStatus::ReserveProviderFunds);
  EXPECT_EQ(d.piece_path, "");
  EXPECT_EQ(d.metadata_path, "somemetadata.txt");
}

TEST_F(VerifyData, GeneratePieceCidFails) {
  committer.error = "could not generate CommP";
  const MinerDeal d = run_in(DealStatus::VerifyData, staged_deal(payload_, payload_));
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "deal data verification failed: error generating CommP: could not generate CommP");
}

TEST_F(VerifyData, PieceCidsDoNotMatch) {
  committer.metadata_path = "somemetadata.txt";
  Bytes other = payload_;
  other[100] ^= 1;
  const MinerDeal d = run_in(DealStatus::VerifyData, staged_deal(payload_, other));
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "deal data verification failed: proposal CommP doesn't match calculated CommP");
  EXPECT_EQ(d.piece_path, "");
  EXPECT_EQ(d.metadata_path, "somemetadata.txt");
}

TEST_F(VerifyData, PayloadSmallerThanPieceIsZeroPaddedBeforeComparing) {
  // v1.6's PadCommP: the 3000-byte payload's own piece is 4 KiB, the proposal's 1 MiB.
  const auto c = ModelPieceCommitter().generate(payload_);
  ASSERT_EQ(c->piece_size, PaddedPieceSize(4096));
  MinerDeal deal = staged_deal(payload_, payload_);
  EXPECT_NE(deal.proposal().piece_cid,
            commitment_to_cid(CommitmentKind::Unsealed, c->commitment).to_string());
  EXPECT_EQ(run_in(DealStatus::VerifyData, deal).state, DealStatus::ReserveProviderFunds);
}

// ---- 8.4 WaitForFunding ----------------------------------------------------------------------

class WaitForFunding : public MarketFixture {};

TEST_F(WaitForFunding, Succeeds) {
  EXPECT_EQ(run_in(DealStatus::ProviderFunding, default_deal()).state, DealStatus::Publish);
}

TEST_F(WaitForFunding, AddFundsReturnsNonOkExitCode) {
  node.message_receipt = ok(MessageReceipt{19, "ErrInsufficientFunds(19)"});
  const MinerDeal d = run_in(DealStatus::ProviderFunding, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error calling node: AddFunds exit code: ErrInsufficientFunds(19)");
}

TEST_F(WaitForFunding, BlocksUntilTheMessageLands) {
  node.message_receipt.reset();
  const MinerDeal d = run_in(DealStatus::ProviderFunding, default_deal());
  EXPECT_EQ(d.state, DealStatus::ProviderFunding);
  EXPECT_TRUE(provider().blocked(d.proposal_cid));
  ASSERT_EQ(node.pending_message_waits.size(), 1u);
  node.pending_message_waits[0](ok(MessageReceipt{0, "Ok"}));
  EXPECT_EQ(provider().deal(d.proposal_cid)->state, DealStatus::Publish);
}

// ---- 8.5 ReserveProviderFunds ----------------------------------------------------------------

class ReserveProviderFunds : public MarketFixture {};

TEST_F(ReserveProviderFunds, SucceedsImmediately) {
  const MinerDeal d = run_in(DealStatus::ReserveProviderFunds, default_deal());
  EXPECT_EQ(d.state, DealStatus::Publish);
  ASSERT_EQ(node.reserve_calls.size(), 1u);
  EXPECT_EQ(node.reserve_calls[0], TokenAmount(10'000));
  EXPECT_TRUE(node.release_calls.empty());
  EXPECT_EQ(d.funds_reserved, TokenAmount(10'000));
}

TEST_F(ReserveProviderFunds, SucceedsBySendingAnAddBalanceMessage) {
  MinerDeal deal = default_deal();
  deal.client_deal_proposal.proposal.provider_collateral = TokenAmount(1);
  deal.add_funds_cid.clear();
  node.reserve_result = ok(std::optional<std::string>("bafy-add-balance"));
  node.message_receipt.reset();  // ProviderFunding waits for the message
  const MinerDeal d = run_in(DealStatus::ReserveProviderFunds, deal);
  EXPECT_EQ(d.state, DealStatus::ProviderFunding);
  EXPECT_EQ(d.add_funds_cid, "bafy-add-balance");
  EXPECT_EQ(d.funds_reserved, TokenAmount(1));
}

TEST_F(ReserveProviderFunds, GetMinerWorkerFails) {
  node.worker = fail<std::string>("could not get worker");
  const MinerDeal d = run_in(DealStatus::ReserveProviderFunds, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error calling node: looking up miner worker: could not get worker");
  EXPECT_TRUE(node.reserve_calls.empty());
  EXPECT_FALSE(d.funds_reserved.has_value());
}

TEST_F(ReserveProviderFunds, ReserveFundsErrors) {
  node.reserve_result = fail<std::optional<std::string>>("not enough funds");
  const MinerDeal d = run_in(DealStatus::ReserveProviderFunds, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error calling node: reserving funds: not enough funds");
  EXPECT_FALSE(d.funds_reserved.has_value());
}

// ---- 8.6 PublishDeal -------------------------------------------------------------------------

class PublishDeal : public MarketFixture {};

TEST_F(PublishDeal, Succeeds) {
  node.publish_result.reset();
  const MinerDeal d = run_in(DealStatus::Publish, default_deal());
  EXPECT_EQ(d.state, DealStatus::Publishing);
  EXPECT_EQ(d.publish_cid, "bafy-publish-message");
}

TEST_F(PublishDeal, PublishDealsErrors) {
  publishing.result = Result<std::string>::fail("could not post to chain");
  const MinerDeal d = run_in(DealStatus::Publish, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error calling node: publishing deal: could not post to chain");
}

// ---- 8.7 WaitForPublish ----------------------------------------------------------------------

class WaitForPublish : public MarketFixture {};

TEST_F(WaitForPublish, Succeeds) {
  MinerDeal deal = default_deal();
  deal.funds_reserved = TokenAmount(10'000);
  node.publish_result = ok(PublishDealsResult{10, "bafy-final"});
  const MinerDeal d = run_in(DealStatus::Publishing, deal);
  EXPECT_EQ(d.state, DealStatus::Staged);
  EXPECT_EQ(d.deal_id, 10u);
  ASSERT_EQ(node.release_calls.size(), 1u);
  EXPECT_EQ(node.release_calls[0], TokenAmount(10'000));
  EXPECT_EQ(d.funds_reserved, TokenAmount(0));
  EXPECT_EQ(d.publish_cid, "bafy-final");
}

TEST_F(WaitForPublish, SucceedsFundsAlreadyReleased) {
  const MinerDeal d = run_in(DealStatus::Publishing, default_deal());
  EXPECT_EQ(d.state, DealStatus::Staged);
  EXPECT_TRUE(node.release_calls.empty());
}

TEST_F(WaitForPublish, PublishStorageDealErrors) {
  node.publish_result = fail<PublishDealsResult>("wait publish err");
  const MinerDeal d = run_in(DealStatus::Publishing, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "PublishStorageDeal error: PublishStorageDeals errored: wait publish err");
}

// ---- 8.8 HandoffDeal -------------------------------------------------------------------------

class HandoffDeal : public MarketFixture {
 protected:
  MinerDeal offline_deal() {
    MinerDeal deal = default_deal();
    deal.piece_path = "file.txt";
    deal.fast_retrieval = true;
    deal.deal_id = 5;
    files.write("file.txt", Bytes(1000, 0x33));
    return deal;
  }
  MinerDeal online_deal() {
    MinerDeal deal = default_deal();
    deal.fast_retrieval = true;
    deal.store_id = staging_.create();
    staging_.append(*deal.store_id, Bytes(1000, 0x44));
    return deal;
  }
  std::string piece() const { return default_deal().proposal().piece_cid; }
  // Lets the fake pipe fail on close or on the writer side.
  class PipeStagingStore : public MemoryStagingStore {
   public:
    std::string close_error, write_error, reader_error;
    sealing::Result<PieceReader> generate_piece_reader(std::uint64_t id) override {
      if (!reader_error.empty()) {
        return sealing::Result<PieceReader>::fail(reader_error);
      }
      auto r = MemoryStagingStore::generate_piece_reader(id);
      PieceReader p = *r;
      p.close_error = close_error;
      p.write_error = write_error;
      return sealing::Result<PieceReader>::ok(p);
    }
  };
  PipeStagingStore staging_;
  ProviderDeals& pipe_provider() {
    if (!provider_) {
      ProviderEnvironment e = env();
      e.staging = &staging_;
      provider_ = std::make_unique<ProviderDeals>(e, store, clock);
      provider_->set_entry_functions_enabled(false);
    }
    return *provider_;
  }
  MinerDeal run_online(MinerDeal deal) {
    pipe_provider();
    return run_in(DealStatus::Staged, std::move(deal));
  }
};

TEST_F(HandoffDeal, Succeeds) {
  const MinerDeal d = run_in(DealStatus::Staged, offline_deal());
  EXPECT_EQ(d.state, DealStatus::AwaitingPreCommit);
  ASSERT_EQ(handoff.calls.size(), 1u);
  EXPECT_TRUE(handoff.calls[0].deal.fast_retrieval);
  EXPECT_TRUE(d.available_for_retrieval);
  // The Inflator hands over exactly the proposal's unpadded size, the payload then zeros.
  EXPECT_EQ(handoff.calls[0].size, UnpaddedPieceSize(1040384));
  ASSERT_EQ(handoff.calls[0].data.size(), 1040384u);
  EXPECT_EQ(handoff.calls[0].data[999], 0x33);
  EXPECT_EQ(handoff.calls[0].data[1000], 0);
  ASSERT_EQ(pieces.deals.size(), 1u);
  EXPECT_EQ(pieces.deals[0], (PieceDealRecord{5, 7, PaddedPieceSize(0), PaddedPieceSize(1 << 20)}));
}

TEST_F(HandoffDeal, SucceedAssemblePieceOnDemand) {
  const MinerDeal d = run_online(online_deal());
  EXPECT_EQ(d.state, DealStatus::AwaitingPreCommit);
  ASSERT_EQ(handoff.calls.size(), 1u);
  EXPECT_TRUE(handoff.calls[0].deal.fast_retrieval);
  EXPECT_TRUE(d.available_for_retrieval);
  EXPECT_EQ(handoff.calls[0].data[999], 0x44);
}

TEST_F(HandoffDeal, SucceedsWithMetadata) {
  MinerDeal deal = offline_deal();
  deal.metadata_path = "metadata.txt";
  files.write("metadata.txt", Bytes{'b', 'l', 'o', 'c', 'k', 's'});
  const MinerDeal d = run_in(DealStatus::Staged, deal);
  EXPECT_EQ(d.state, DealStatus::AwaitingPreCommit);
  EXPECT_EQ(d.message, "");
  ASSERT_EQ(pieces.locations.size(), 1u);
  EXPECT_EQ(pieces.locations[0], std::vector<std::string>{"blocks"});
}

TEST_F(HandoffDeal, ReadingMetadataFails) {
  MinerDeal deal = offline_deal();
  deal.metadata_path = "missing-metadata.txt";
  const MinerDeal d = run_in(DealStatus::Staged, deal);
  EXPECT_EQ(d.state, DealStatus::AwaitingPreCommit);
  EXPECT_EQ(d.message, "recording piece for retrieval: failed to register deal data for piece " +
                           piece() + " for retrieval: failed to load block locations: file not found");
}

TEST_F(HandoffDeal, AddPieceBlockLocationsErrors) {
  pieces.locations_error = "could not add block locations";
  const MinerDeal d = run_in(DealStatus::Staged, offline_deal());
  EXPECT_EQ(d.state, DealStatus::AwaitingPreCommit);
  EXPECT_EQ(d.message, "recording piece for retrieval: failed to register deal data for piece " +
                           piece() +
                           " for retrieval: failed to add piece block locations: could not add block locations");
}

TEST_F(HandoffDeal, AddDealForPieceErrors) {
  pieces.deal_error = "could not add deal info";
  const MinerDeal d = run_in(DealStatus::Staged, offline_deal());
  EXPECT_EQ(d.state, DealStatus::AwaitingPreCommit);
  EXPECT_EQ(d.message, "recording piece for retrieval: failed to register deal data for piece " +
                           piece() + " for retrieval: failed to add deal for piece: could not add deal info");
}

TEST_F(HandoffDeal, OpeningFileErrors) {
  MinerDeal deal = offline_deal();
  deal.piece_path = "missing.txt";
  const MinerDeal d = run_in(DealStatus::Staged, deal);
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "accessing file store: reading piece at path missing.txt: file not found");
}

TEST_F(HandoffDeal, OnDealCompleteErrors) {
  handoff.result = Result<PackingResult>::fail("failed building sector");
  const MinerDeal d = run_in(DealStatus::Staged, offline_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "handing off deal to node: packing piece at path file.txt: failed building sector");
}

TEST_F(HandoffDeal, AssemblePieceOnDemandFailsImmediately) {
  staging_.reader_error = "something went wrong";
  MinerDeal deal = online_deal();
  const MinerDeal d = run_online(deal);
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "handing off deal to node: reading piece " + piece() + " from store " +
                           std::to_string(*deal.store_id) + ": something went wrong");
}

TEST_F(HandoffDeal, AssemblePieceOnDemandFailsAsync) {
  staging_.write_error = "something went wrong";
  const MinerDeal d = run_online(online_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "handing off deal to node: writing piece " + piece() + ": something went wrong");
}

TEST_F(HandoffDeal, AssemblePieceOnDemandFailsClosingReader) {
  staging_.close_error = "something went wrong";
  MinerDeal deal = online_deal();
  const MinerDeal d = run_online(deal);
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "handing off deal to node: closing reader for piece " + piece() + " from store " +
                           std::to_string(*deal.store_id) + ": something went wrong");
}

TEST_F(HandoffDeal, FailsClosingReaderAndOnCompleteFails) {
  staging_.close_error = "close reader failed";
  handoff.result = Result<PackingResult>::fail("failed building sector");
  MinerDeal deal = online_deal();
  const MinerDeal d = run_online(deal);
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "handing off deal to node: closing reader for piece " + piece() + " from store " +
                           std::to_string(*deal.store_id) +
                           ": close reader failed: packing error: failed building sector");
}

TEST_F(HandoffDeal, FailsAsyncAndOnCompleteFails) {
  staging_.write_error = "async err";
  handoff.result = Result<PackingResult>::fail("failed building sector");
  const MinerDeal d = run_online(online_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "handing off deal to node: writing piece " + piece() +
                           ": async err: packing error: failed building sector");
}

TEST_F(HandoffDeal, PayloadLargerThanThePieceFailsTheInflator) {
  MinerDeal deal = offline_deal();
  files.write("file.txt", Bytes(1040385, 1));
  const MinerDeal d = run_in(DealStatus::Staged, deal);
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message,
            "handing off deal to node: packing piece at path file.txt: supplied readerTotalSize "
            "1040385 is larger than the target PieceSize 1040384");
}

// ---- 8.9 VerifyDealPreCommitted / 8.10 VerifyDealActivated -----------------------------------

class VerifyDealPreCommitted : public MarketFixture {};

TEST_F(VerifyDealPreCommitted, Succeeds) {
  const MinerDeal d = run_in(DealStatus::AwaitingPreCommit, default_deal());
  EXPECT_EQ(d.state, DealStatus::Sealing);
  EXPECT_EQ(d.sector_number, 10u);
}

TEST_F(VerifyDealPreCommitted, SucceedsActive) {
  node.pre_commit_outcome = ok(PreCommitOutcome{0, true});
  const MinerDeal d = run_in(DealStatus::AwaitingPreCommit, default_deal());
  EXPECT_EQ(d.state, DealStatus::Finalizing);
}

TEST_F(VerifyDealPreCommitted, SyncError) {
  node.pre_commit_registration = fail<Unit>("couldn't check deal pre-commit");
  const MinerDeal d = run_in(DealStatus::AwaitingPreCommit, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error awaiting deal pre-commit: couldn't check deal pre-commit");
}

TEST_F(VerifyDealPreCommitted, AsyncError) {
  node.pre_commit_outcome = fail<PreCommitOutcome>("deal did not appear on chain");
  const MinerDeal d = run_in(DealStatus::AwaitingPreCommit, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error awaiting deal pre-commit: deal did not appear on chain");
}

class VerifyDealActivated : public MarketFixture {};

TEST_F(VerifyDealActivated, Succeeds) {
  EXPECT_EQ(run_in(DealStatus::Sealing, default_deal()).state, DealStatus::Finalizing);
}

TEST_F(VerifyDealActivated, SyncError) {
  node.commit_registration = fail<Unit>("couldn't check deal commitment");
  const MinerDeal d = run_in(DealStatus::Sealing, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error activating deal: couldn't check deal commitment");
}

TEST_F(VerifyDealActivated, AsyncError) {
  node.commit_outcome = fail<Unit>("deal did not appear on chain");
  const MinerDeal d = run_in(DealStatus::Sealing, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "error activating deal: deal did not appear on chain");
}

// ---- 8.11 CleanupDeal ------------------------------------------------------------------------

class CleanupDeal : public MarketFixture {};

TEST_F(CleanupDeal, Succeeds) {
  MinerDeal deal = default_deal();
  deal.piece_path = "file.txt";
  files.write("file.txt", Bytes(10, 1));
  const MinerDeal d = run_in(DealStatus::Finalizing, deal);
  EXPECT_EQ(d.state, DealStatus::Active);
  EXPECT_FALSE(files.exists("file.txt"));
}

TEST_F(CleanupDeal, SucceedsWithMetadata) {
  MinerDeal deal = default_deal();
  deal.piece_path = "file.txt";
  deal.metadata_path = "metadata.txt";
  files.write("file.txt", Bytes(10, 1));
  files.write("metadata.txt", Bytes(10, 2));
  deal.store_id = staging.create();
  const MinerDeal d = run_in(DealStatus::Finalizing, deal);
  EXPECT_EQ(d.state, DealStatus::Active);
  EXPECT_FALSE(files.exists("file.txt"));
  EXPECT_FALSE(files.exists("metadata.txt"));
  EXPECT_FALSE(d.store_id.has_value());
}

// ---- 8.12 WaitForDealCompletion --------------------------------------------------------------

class WaitForDealCompletion : public MarketFixture {};

TEST_F(WaitForDealCompletion, SlashingSucceeds) {
  node.slashed_outcome = ok(ChainEpoch{5});
  const MinerDeal d = run_in(DealStatus::Active, default_deal());
  EXPECT_EQ(d.state, DealStatus::Slashed);
  EXPECT_EQ(d.slash_epoch, 5);
  EXPECT_EQ(connections.untagged, std::vector<std::string>{"client-peer"});
}

TEST_F(WaitForDealCompletion, ExpirationSucceeds) {
  node.expired_outcome = ok();
  const MinerDeal d = run_in(DealStatus::Active, default_deal());
  EXPECT_EQ(d.state, DealStatus::Expired);
  EXPECT_EQ(connections.untagged.size(), 1u);
}

TEST_F(WaitForDealCompletion, SlashingFails) {
  node.slashed_outcome = fail<ChainEpoch>("an err");
  const MinerDeal d = run_in(DealStatus::Active, default_deal());
  EXPECT_EQ(d.state, DealStatus::Error);
  EXPECT_EQ(d.message, "error waiting for deal completion: deal slashing err: an err");
}

TEST_F(WaitForDealCompletion, ExpirationFails) {
  node.expired_outcome = fail<Unit>("an err");
  const MinerDeal d = run_in(DealStatus::Active, default_deal());
  EXPECT_EQ(d.state, DealStatus::Error);
  EXPECT_EQ(d.message, "error waiting for deal completion: deal expiration err: an err");
}

TEST_F(WaitForDealCompletion, FailsSynchronously) {
  node.completion_registration = fail<Unit>("an err");
  const MinerDeal d = run_in(DealStatus::Active, default_deal());
  EXPECT_EQ(d.state, DealStatus::Error);
  EXPECT_EQ(d.message, "error waiting for deal completion: an err");
}

// ---- 8.13 RejectDeal / FailDeal --------------------------------------------------------------

class RejectDeal : public MarketFixture {};

TEST_F(RejectDeal, Succeeds) {
  const MinerDeal d = run_in(DealStatus::Rejecting, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(connections.disconnects, 1);
  ASSERT_EQ(connections.responses.size(), 1u);
  EXPECT_EQ(connections.responses[0].state, DealStatus::Failing);
}

TEST_F(RejectDeal, FailsIfItCannotSendAResponse) {
  connections.send_error = "error sending response";
  const MinerDeal d = run_in(DealStatus::Rejecting, default_deal());
  EXPECT_EQ(d.state, DealStatus::Failing);
  EXPECT_EQ(d.message, "sending response to deal: error sending response");
}

class FailDeal : public MarketFixture {};

TEST_F(FailDeal, Succeeds) {
  EXPECT_EQ(run_in(DealStatus::Failing, default_deal()).state, DealStatus::Error);
  EXPECT_TRUE(node.release_calls.empty());
}

TEST_F(FailDeal, SucceedsFundsReleased) {
  MinerDeal deal = default_deal();
  deal.funds_reserved = TokenAmount(10'000);
  const MinerDeal d = run_in(DealStatus::Failing, deal);
  EXPECT_EQ(d.state, DealStatus::Error);
  ASSERT_EQ(node.release_calls.size(), 1u);
  EXPECT_EQ(node.release_calls[0], TokenAmount(10'000));
  EXPECT_EQ(d.funds_reserved, TokenAmount(0));
}

TEST_F(FailDeal, SucceedsFileDeletions) {
  MinerDeal deal = default_deal();
  deal.piece_path = "file.txt";
  deal.metadata_path = "metadata.txt";
  files.write("file.txt", Bytes(1, 1));
  files.write("metadata.txt", Bytes(1, 1));
  EXPECT_EQ(run_in(DealStatus::Failing, deal).state, DealStatus::Error);
  EXPECT_FALSE(files.exists("file.txt"));
  EXPECT_FALSE(files.exists("metadata.txt"));
}

}  // namespace
}  // namespace sealsim::market::test
