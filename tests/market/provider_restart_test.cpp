// provider_restart_test.cpp: a restart in every provider status (market-fsm §2.1): the first
// process persists a deal in the status and stops; a new process over the same store, with fresh
// fakes, sends Restart to every non-final deal. Checks v1.6.2's outcome and the findings recorded
// where the re-run repeats a side effect or skips cleanup (§9.3, §9.4).
#include <gtest/gtest.h>

#include <filesystem>

#include "sealing/market/deal_store_sqlite.hpp"
#include "sealing/market/on_deal_complete.hpp"
#include "tests/market/fake_sector_input.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

class ProviderRestart : public MarketFixture {
 protected:
  void SetUp() override {
    single_step = false;
    // Every wait is held, so the re-run entry function is all that happens.
    node.message_receipt.reset();
    node.publish_result.reset();
    node.pre_commit_outcome.reset();
    node.commit_outcome.reset();
    publishing.result.reset();
    handoff.result.reset();
  }

  // Persists `deal` in `status` as a stopped process left it, then starts a new process.
  std::string restart_in(DealStatus status, MinerDeal deal = default_deal()) {
    deal.state = status;
    store.save(deal);
    provider().restart_deals();
    return deal.proposal_cid;
  }
  DealStatus status_of(const std::string& cid) { return provider().deal(cid)->state; }
  std::vector<MarketFindingKind> finding_kinds() {
    std::vector<MarketFindingKind> kinds;
    for (const auto& f : provider().findings()) {
      kinds.push_back(f.kind);
    }
    return kinds;
  }
};

TEST_F(ProviderRestart, ValidatingAcceptWaitRejectingGoStraightToErrorWithoutFailDeal) {
  for (const DealStatus status : {DealStatus::Validating, DealStatus::AcceptWait, DealStatus::Rejecting}) {
    store = MemoryDealStore();
    provider_.reset();
    MinerDeal deal = default_deal();
    deal.funds_reserved = TokenAmount(7);
    const std::string cid = restart_in(status, deal);
    EXPECT_EQ(status_of(cid), DealStatus::Error) << deal_status_name(status);
    EXPECT_TRUE(connections.untagged.empty());  // FailDeal did not run
    EXPECT_TRUE(node.release_calls.empty());
    EXPECT_EQ(provider().deal(cid)->funds_reserved, TokenAmount(7));
    ASSERT_EQ(provider().findings().size(), 1u);
    EXPECT_EQ(provider().findings()[0].kind, MarketFindingKind::SkippedCleanup);
    EXPECT_EQ(provider().findings()[0].event, "ProviderEventRestart");
  }
}

TEST_F(ProviderRestart, TransferringAwaitsTheClientsRestart) {
  MinerDeal deal = default_deal();
  deal.store_id = staging.create();
  const std::string cid = restart_in(DealStatus::Transferring, deal);
  EXPECT_EQ(status_of(cid), DealStatus::ProviderTransferAwaitRestart);
  EXPECT_TRUE(provider().findings().empty());
  provider().send(cid, ev::DataTransferStalled{});
  EXPECT_EQ(status_of(cid), DealStatus::ProviderTransferAwaitRestart);
  provider().send(cid, ev::DataTransferRestarted{{"chan-2"}});
  EXPECT_EQ(status_of(cid), DealStatus::Transferring);
  EXPECT_EQ(provider().deal(cid)->transfer_channel_id, "chan-2");
  EXPECT_EQ(provider().deal(cid)->message, "");
}

TEST_F(ProviderRestart, WaitingForDataAndAwaitRestartStayPut) {
  for (const DealStatus status : {DealStatus::WaitingForData, DealStatus::ProviderTransferAwaitRestart,
                                  DealStatus::Unknown}) {
    store = MemoryDealStore();
    provider_.reset();
    const std::string cid = restart_in(status);
    EXPECT_EQ(status_of(cid), status);
    EXPECT_EQ(provider().history(cid).size(), 1u);
  }
}

TEST_F(ProviderRestart, VerifyDataRecomputesCommP) {
  const Bytes payload(500, 9);
  MinerDeal deal = default_deal();
  const auto c = ModelPieceCommitter().generate(payload);
  deal.client_deal_proposal.proposal.piece_cid =
      padded_piece_cid(c->commitment, c->piece_size, PaddedPieceSize(1 << 20));
  deal.store_id = staging.create();
  staging.append(*deal.store_id, payload);
  const std::string cid = restart_in(DealStatus::VerifyData, deal);
  // VerifiedData → ReserveProviderFunds → Funded → Publish (held by the publisher).
  EXPECT_EQ(status_of(cid), DealStatus::Publish);
  EXPECT_EQ(provider().history(cid)[1], (DealTransition{"ProviderEventVerifiedData",
                                                        DealStatus::ReserveProviderFunds}));
}

TEST_F(ProviderRestart, ReserveProviderFundsReservesAgainAndTheRecordAccumulates) {
  MinerDeal deal = default_deal();
  deal.funds_reserved = TokenAmount(10'000);  // the first process reserved before it stopped
  const std::string cid = restart_in(DealStatus::ReserveProviderFunds, deal);
  EXPECT_EQ(node.reserve_calls.size(), 1u);
  EXPECT_EQ(provider().deal(cid)->funds_reserved, TokenAmount(20'000));
  EXPECT_EQ(status_of(cid), DealStatus::Publish);
  EXPECT_EQ(finding_kinds(), std::vector<MarketFindingKind>{MarketFindingKind::RepeatedSideEffect});
}

TEST_F(ProviderRestart, ProviderFundingWaitsForTheAddFundsMessageAgain) {
  const std::string cid = restart_in(DealStatus::ProviderFunding);
  EXPECT_EQ(status_of(cid), DealStatus::ProviderFunding);
  ASSERT_EQ(node.pending_message_waits.size(), 1u);
  node.pending_message_waits[0](ok(MessageReceipt{0, "Ok"}));
  EXPECT_EQ(status_of(cid), DealStatus::Publish);
  EXPECT_TRUE(provider().findings().empty());
}

TEST_F(ProviderRestart, PublishPublishesAgain) {
  const std::string cid = restart_in(DealStatus::Publish);
  EXPECT_EQ(publishing.published, std::vector<std::string>{cid});
  EXPECT_EQ(finding_kinds(), std::vector<MarketFindingKind>{MarketFindingKind::RepeatedSideEffect});
  EXPECT_TRUE(provider().blocked(cid));
}

TEST_F(ProviderRestart, PublishingWaitsForTheRecordedPublishCid) {
  const std::string cid = restart_in(DealStatus::Publishing);
  EXPECT_EQ(node.pending_publish_waits.size(), 1u);
  EXPECT_TRUE(publishing.published.empty());
  EXPECT_EQ(status_of(cid), DealStatus::Publishing);
  EXPECT_TRUE(provider().findings().empty());
}

TEST_F(ProviderRestart, StagedHandsOffAgain) {
  MinerDeal deal = default_deal();
  deal.piece_path = "piece.car";
  files.write("piece.car", Bytes(100, 1));
  const std::string cid = restart_in(DealStatus::Staged, deal);
  EXPECT_EQ(handoff.calls.size(), 1u);
  EXPECT_EQ(finding_kinds(), std::vector<MarketFindingKind>{MarketFindingKind::RepeatedSideEffect});
  EXPECT_EQ(status_of(cid), DealStatus::Staged);
}

TEST_F(ProviderRestart, AwaitingPreCommitSealingActiveSubscribeAgain) {
  const std::string a = restart_in(DealStatus::AwaitingPreCommit);
  EXPECT_EQ(node.pre_commit_registrations, 1);
  EXPECT_EQ(status_of(a), DealStatus::AwaitingPreCommit);

  store = MemoryDealStore();
  provider_.reset();
  const std::string s = restart_in(DealStatus::Sealing);
  EXPECT_EQ(node.commit_registrations, 1);
  EXPECT_EQ(status_of(s), DealStatus::Sealing);

  store = MemoryDealStore();
  provider_.reset();
  const std::string act = restart_in(DealStatus::Active);
  EXPECT_EQ(node.completion_registrations, 1);
  EXPECT_EQ(status_of(act), DealStatus::Active);
  EXPECT_TRUE(provider().findings().empty());
}

TEST_F(ProviderRestart, FinalizingCleansUpAgainAndOnlyLogsMissingFiles) {
  MinerDeal deal = default_deal();
  deal.piece_path = "already-deleted.car";
  const std::string cid = restart_in(DealStatus::Finalizing, deal);
  EXPECT_EQ(status_of(cid), DealStatus::Active);
  EXPECT_EQ(finding_kinds(), std::vector<MarketFindingKind>{MarketFindingKind::LoggedError});
}

TEST_F(ProviderRestart, FailingRunsFailDealAgain) {
  const std::string cid = restart_in(DealStatus::Failing);
  EXPECT_EQ(status_of(cid), DealStatus::Error);
  EXPECT_EQ(connections.untagged.size(), 1u);
}

TEST_F(ProviderRestart, FinalDealsAreNotRestarted) {
  for (const DealStatus status : {DealStatus::Error, DealStatus::Expired, DealStatus::Slashed}) {
    store = MemoryDealStore();
    provider_.reset();
    const std::string cid = restart_in(status);
    EXPECT_EQ(status_of(cid), status);
    EXPECT_TRUE(provider().history(cid).empty());
  }
}

TEST_F(ProviderRestart, EveryProviderStatusIsCovered) {
  // The statuses exercised above: every status a provider deal can be in.
  const std::vector<DealStatus> covered = {
      DealStatus::Unknown, DealStatus::Validating, DealStatus::AcceptWait, DealStatus::Rejecting,
      DealStatus::WaitingForData, DealStatus::Transferring, DealStatus::ProviderTransferAwaitRestart,
      DealStatus::VerifyData, DealStatus::ReserveProviderFunds, DealStatus::ProviderFunding,
      DealStatus::Publish, DealStatus::Publishing, DealStatus::Staged, DealStatus::AwaitingPreCommit,
      DealStatus::Sealing, DealStatus::Finalizing, DealStatus::Active, DealStatus::Failing,
      DealStatus::Error, DealStatus::Expired, DealStatus::Slashed};
  for (const auto& info : kDealStatuses) {
    if (info.role == ProviderRole::ClientOnly) {
      continue;
    }
    EXPECT_NE(std::find(covered.begin(), covered.end(), info.status), covered.end()) << info.name;
  }
}

TEST_F(ProviderRestart, CallbacksOfTheStoppedProcessAreDropped) {
  const std::string cid = default_deal().proposal_cid;
  {
    MinerDeal deal = default_deal();
    deal.state = DealStatus::Publishing;
    provider().begin_tracking(deal);
    provider().run_entry_function(cid);
    ASSERT_EQ(node.pending_publish_waits.size(), 1u);
  }
  provider_.reset();  // the process stops while WaitForPublish is blocked
  node.pending_publish_waits[0](ok(PublishDealsResult{3, "bafy-late"}));
  EXPECT_EQ(store.load(cid)->state, DealStatus::Publishing);
  EXPECT_TRUE(node.release_calls.empty());
}

// A sector input that holds the first AddPiece (the piece waits for a sector) and answers the
// rest at once, recording every piece it accepted.
class HoldingSectorInput : public DealSectorInput {
 public:
  std::vector<std::string> accepted;
  std::vector<std::function<void(AddPieceOutcome)>> held;
  void add_piece_to_any_sector(UnpaddedPieceSize, Bytes, PieceDealInfo info,
                               std::function<void(AddPieceOutcome)> done) override {
    accepted.push_back(info.proposal_cid);
    if (accepted.size() == 1) {
      held.push_back(std::move(done));
      return;
    }
    done(AddPieceOutcome::ok({static_cast<SectorNumber>(accepted.size()), PaddedPieceSize(0)}));
  }
};

TEST_F(ProviderRestart, RestartMidHandoffAddsThePieceASecondTime) {
  HoldingSectorInput input;
  OnDealCompleteAdapter adapter(input, clock);
  ProviderEnvironment e = env();
  e.handoff = &adapter;
  MinerDeal deal = default_deal();
  deal.piece_path = "piece.bin";
  deal.deal_id = 8;
  files.write("piece.bin", Bytes(4000, 2));
  deal.state = DealStatus::Staged;
  {
    ProviderDeals first(e, store, clock);
    first.begin_tracking(deal);
    first.run_entry_function(deal.proposal_cid);
    EXPECT_TRUE(first.blocked(deal.proposal_cid));
  }  // the process stops while AddPiece waits for a sector
  ProviderDeals second(e, store, clock);
  second.restart_deals();
  EXPECT_EQ(second.deal(deal.proposal_cid)->state, DealStatus::AwaitingPreCommit);
  EXPECT_EQ(second.deal(deal.proposal_cid)->sector_number, 0u);
  // The same deal's piece was accepted twice: the sealing side now holds a duplicate.
  EXPECT_EQ(input.accepted, (std::vector<std::string>{deal.proposal_cid, deal.proposal_cid}));
  ASSERT_EQ(second.findings().size(), 1u);
  EXPECT_EQ(second.findings()[0].kind, MarketFindingKind::RepeatedSideEffect);
  // The stopped process's AddPiece completing later changes nothing.
  input.held[0](AddPieceOutcome::ok({1, PaddedPieceSize(0)}));
  EXPECT_EQ(second.deal(deal.proposal_cid)->state, DealStatus::AwaitingPreCommit);
}

TEST_F(ProviderRestart, SqliteStoreKeepsStatusByNameAcrossProcesses) {
  const auto path = std::filesystem::temp_directory_path() / "sealsim_market_restart_test.db";
  std::filesystem::remove(path);
  MinerDeal deal = default_deal();
  deal.state = DealStatus::ProviderFunding;
  deal.funds_reserved = TokenAmount(10'000);
  {
    SqliteDealStore sqlite(path.string());
    sqlite.save(deal);
  }
  SqliteDealStore sqlite(path.string());
  ProviderDeals restarted(env(), sqlite, clock);
  restarted.restart_deals();
  ASSERT_EQ(node.pending_message_waits.size(), 1u);
  node.pending_message_waits[0](ok(MessageReceipt{0, "Ok"}));
  const auto loaded = sqlite.load(deal.proposal_cid);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->state, DealStatus::Publish);
  EXPECT_EQ(loaded->funds_reserved, TokenAmount(10'000));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sealsim::market::test
