// integration_test.cpp: deals end to end through the provider (market-fsm §8.16, §8.14): client
// proposal, data transfer stand-in (online chunks or offline import), the real DealPublisher and
// OnDealComplete, a packing sector input, and chain callbacks from the fake node. Checks the exact
// provider status sequence of TestMakeDeal and the subscriber's event mapping.
#include <gtest/gtest.h>

#include "sealing/market/data_transfer.hpp"
#include "sealing/market/deal_publisher.hpp"
#include "sealing/market/on_deal_complete.hpp"
#include "sealing/market/storage_client.hpp"
#include "tests/market/fake_publish_sender.hpp"
#include "tests/market/fake_sector_input.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

// The fake node's escrow for the client: what the client adds is what validation sees.
class NodeEscrow : public ClientEscrow {
 public:
  explicit NodeEscrow(FakeProviderNode& node) : node_(node) {}
  void add_funds(const std::string&, TokenAmount amount) override {
    total_ += amount;
    node_.balance = ok(EscrowBalance{TokenAmount(0), total_});
  }

 private:
  FakeProviderNode& node_;
  TokenAmount total_;
};

class MakeDeal : public MarketFixture {
 protected:
  void SetUp() override {
    single_step = false;
    node.signature_valid.reset();  // real mock signatures
    node.balance = ok(EscrowBalance{});
    node.expired_outcome.reset();
    node.pre_commit_outcome.reset();
    node.commit_outcome.reset();
    ProviderEnvironment e = env();
    e.publisher = &publisher;
    e.handoff = &adapter;
    e.committer = &model_committer;
    deals = std::make_unique<ProviderDeals>(e, store, clock);
    transfers = std::make_unique<OnlineTransfers>(*deals, staging, clock);
    client = std::make_unique<StorageClient>(escrow, *deals, *transfers);
  }
  ClientDealParams params(std::size_t payload_bytes, bool offline = false) {
    ClientDealParams p;
    p.client = kClientAddress;
    p.provider = kProviderAddress;
    p.payload = Bytes(payload_bytes);
    for (std::size_t i = 0; i < payload_bytes; ++i) {
      p.payload[i] = static_cast<std::uint8_t>(i * 7 + 3);
    }
    p.piece_size = PaddedPieceSize(1 << 20);
    p.price_per_epoch = TokenAmount(10'000);
    p.provider_collateral = TokenAmount(10'000);
    p.start_epoch = 200;
    p.end_epoch = 200 + 2880 * 200;
    p.offline = offline;
    return p;
  }
  // Drives the chain side: pre-commit, prove-commit, expiry, each when the deal waits for it.
  void seal_and_expire(const std::string& cid) {
    ASSERT_EQ(node.pending_pre_commits.size(), 1u);
    node.pending_pre_commits[0](ok(PreCommitOutcome{sector_of(cid), false}));
    ASSERT_EQ(node.pending_commits.size(), 1u);
    node.pending_commits[0](ok());
    ASSERT_EQ(node.pending_completions.size(), 1u);
    node.pending_completions[0].expired(ok());
  }
  SectorNumber sector_of(const std::string& cid) { return sectors.sectors_of_deal.at(cid).front(); }
  std::vector<DealStatus> statuses(const std::string& cid) {
    std::vector<DealStatus> out;
    for (const auto& t : deals->history(cid)) {
      if (out.empty() || out.back() != t.status) {
        out.push_back(t.status);
      }
    }
    return out;
  }

  FakePublishSender sender;
  DealPublisher publisher{PublishMsgConfig{0, 0}, sender, clock};  // node.Test(): zero config
  PackingSectorInput sectors{PaddedPieceSize(8 << 20)};
  OnDealCompleteAdapter adapter{sectors, clock};
  ModelPieceCommitter model_committer;
  NodeEscrow escrow{node};
  std::unique_ptr<ProviderDeals> deals;
  std::unique_ptr<OnlineTransfers> transfers;
  std::unique_ptr<StorageClient> client;
};

TEST_F(MakeDeal, OnlineDealVisitsExactlyTheStatusesOfTestMakeDeal) {
  const auto received = client->make_deal(params(100'000), 16'384, 2);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::Transferring);
  clock.advance_to(clock.now() + 60);
  seal_and_expire(received.proposal_cid);
  EXPECT_EQ(statuses(received.proposal_cid),
            (std::vector<DealStatus>{
                DealStatus::Validating, DealStatus::AcceptWait, DealStatus::WaitingForData,
                DealStatus::Transferring, DealStatus::VerifyData, DealStatus::ReserveProviderFunds,
                DealStatus::Publish, DealStatus::Publishing, DealStatus::Staged,
                DealStatus::AwaitingPreCommit, DealStatus::Sealing, DealStatus::Finalizing,
                DealStatus::Active, DealStatus::Expired}));
  const MinerDeal d = *deals->deal(received.proposal_cid);
  EXPECT_EQ(d.message, "");
  EXPECT_EQ(sectors.sectors_of_deal.size(), 1u);
  EXPECT_EQ(sender.deals_per_message(), std::vector<std::size_t>{1});
  EXPECT_FALSE(staging.contains(1));  // CleanupDeal removed the staging store
  EXPECT_TRUE(deals->findings().empty());
}

TEST_F(MakeDeal, OfflineDealWaitsForImportThenCompletes) {
  ClientDealParams p = params(3000, true);
  // A client that proposes now and imports later (TestMakeDealOffline).
  const PreparedDeal prepared = prepare_deal(p);
  escrow.add_funds(p.client, prepared.proposal.proposal.client_balance_requirement());
  const auto received = deals->receive_deal(prepared.proposal, prepared.ref, true, p.client);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::WaitingForData);
  EXPECT_FALSE(deals->deal(received.proposal_cid)->store_id.has_value());
  Bytes wrong = p.payload;
  wrong[0] ^= 1;
  const auto refused = deals->import_data_for_deal(received.proposal_cid, wrong);
  EXPECT_EQ(refused.error().rfind("given data does not match expected commP (got: ", 0), 0u);
  ASSERT_TRUE(deals->import_data_for_deal(received.proposal_cid, p.payload).has_value());
  clock.advance_to(clock.now() + 1);
  seal_and_expire(received.proposal_cid);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::Expired);
  EXPECT_EQ(statuses(received.proposal_cid)[3], DealStatus::ReserveProviderFunds);
}

TEST_F(MakeDeal, ImportingIntoADealNotWaitingForDataLeavesTheTempFile) {
  const auto received = client->make_deal(params(3000), 1 << 20, 1);
  clock.advance_to(clock.now() + 5);  // transfer done; the deal waits for its pre-commit
  const std::size_t files_before = files.size();
  ASSERT_TRUE(deals->import_data_for_deal(received.proposal_cid, params(3000).payload).has_value());
  EXPECT_EQ(files.size(), files_before + 1);
  EXPECT_EQ(deals->findings().back().kind, MarketFindingKind::InvalidTransition);
}

TEST_F(MakeDeal, RejectedDealGoesRejectingFailingError) {
  ClientDealParams p = params(3000);
  p.price_per_epoch = TokenAmount(1);
  const auto received = client->make_deal(p);
  EXPECT_EQ(statuses(received.proposal_cid),
            (std::vector<DealStatus>{DealStatus::Validating, DealStatus::Rejecting,
                                     DealStatus::Failing, DealStatus::Error}));
  EXPECT_EQ(deals->deal(received.proposal_cid)->message,
            "deal rejected: storage price per epoch less than asking price: 1 < 9765");
  EXPECT_EQ(connections.responses.back().state, DealStatus::Failing);
}

TEST_F(MakeDeal, CancelledTransferGoesFailingThenError) {
  const auto received = client->make_deal(params(100'000), 10'000, 10);
  clock.advance_to(clock.now() + 25);
  transfers->cancel("chan-1");
  EXPECT_EQ(statuses(received.proposal_cid).back(), DealStatus::Error);
  EXPECT_EQ(deals->deal(received.proposal_cid)->message, "data transfer cancelled");
}

TEST_F(MakeDeal, DisconnectedTransferResumesAfterReconnect) {
  const auto received = client->make_deal(params(100'000), 10'000, 10);
  clock.advance_to(clock.now() + 25);
  transfers->disconnect("chan-1");
  EXPECT_EQ(deals->deal(received.proposal_cid)->message,
            "data transfer appears to be stalled, awaiting reconnect from client");
  clock.advance_to(clock.now() + 1000);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::Transferring);
  transfers->reconnect("chan-1");
  clock.advance_to(clock.now() + 1000);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::AwaitingPreCommit);
}

TEST_F(MakeDeal, ProviderRestartMidTransferThenTheClientRestartsIt) {
  const auto received = client->make_deal(params(100'000), 10'000, 10);
  clock.advance_to(clock.now() + 25);
  transfers.reset();   // network cut
  client.reset();
  deals.reset();       // provider stopped
  ProviderEnvironment e = env();
  e.publisher = &publisher;
  e.handoff = &adapter;
  e.committer = &model_committer;
  deals = std::make_unique<ProviderDeals>(e, store, clock);
  deals->restart_deals();
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::ProviderTransferAwaitRestart);
  // The client restarts the transfer from scratch into the same staging store.
  const MinerDeal d = *deals->deal(received.proposal_cid);
  ASSERT_TRUE(staging.remove(*d.store_id).has_value());
  const std::uint64_t store_id = staging.create();
  ASSERT_EQ(store_id, 2u);
  MinerDeal moved = d;
  moved.store_id = store_id;
  deals->begin_tracking(moved);
  transfers = std::make_unique<OnlineTransfers>(*deals, staging, clock);
  transfers->push(received.proposal_cid, store_id, params(100'000).payload, 50'000, 1);
  clock.advance_to(clock.now() + 10);
  seal_and_expire(received.proposal_cid);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::Expired);
}

TEST_F(MakeDeal, OfflineDealImportedFromAFilePath) {
  ClientDealParams p = params(3000, true);
  const PreparedDeal prepared = prepare_deal(p);
  escrow.add_funds(p.client, prepared.proposal.proposal.client_balance_requirement());
  const auto received = deals->receive_deal(prepared.proposal, prepared.ref, true, p.client);
  EXPECT_EQ(deals->import_file_for_deal(received.proposal_cid, "car/missing.bin").error(),
            "failed to open file car/missing.bin: file not found");
  files.write("car/deal.bin", p.payload);
  ASSERT_TRUE(deals->import_file_for_deal(received.proposal_cid, "car/deal.bin").has_value());
  clock.advance_to(clock.now() + 1);
  EXPECT_EQ(deals->deal(received.proposal_cid)->state, DealStatus::AwaitingPreCommit);
}

// ---- 8.15 push/pull request validation --------------------------------------------------------

TEST_F(MakeDeal, PushRequestValidation) {
  const ClientDealParams p = params(3000);
  const PreparedDeal prepared = prepare_deal(p);
  escrow.add_funds(p.client, prepared.proposal.proposal.client_balance_requirement());
  const auto received = deals->receive_deal(prepared.proposal, prepared.ref, true, p.client);
  const std::string& cid = received.proposal_cid;
  EXPECT_EQ(validate_push(*deals, "bafy-unknown", prepared.ref.root).error(),
            "Proposal CID bafy-unknown: no deal found for this proposal");
  EXPECT_EQ(validate_push(*deals, cid, "bafy-other-root").error(),
            "Deal Payload CID " + prepared.proposal.proposal.piece_cid +
                ", Data Transfer CID bafy-other-root: base CID for deal does not match CID for piece");
  EXPECT_TRUE(validate_push(*deals, cid, prepared.ref.root).has_value());  // WaitingForData
  deals->send(cid, ev::DataTransferCancelled{});
  EXPECT_EQ(validate_push(*deals, cid, prepared.ref.root).error(),
            "Deal State StorageDealError: deal is not in a state where deals are accepted");
  EXPECT_EQ(validate_pull().error(), "provider should not send data for a storage deal");
}

// ---- 8.14 data-transfer subscriber -----------------------------------------------------------

std::vector<ProviderEventType> types(const std::vector<ProviderEvent>& events) {
  std::vector<ProviderEventType> out;
  for (const auto& e : events) {
    out.push_back(event_type(e));
  }
  return out;
}

TEST(DataTransferSubscriber, MapsEventsAsDtutils) {
  using C = DataTransferEventCode;
  using S = ChannelStatus;
  EXPECT_TRUE(provider_events_for({C::Open, S::Requested, "c", {}, false}).empty());
  EXPECT_EQ(types(provider_events_for({C::Open, S::Requested, "c", {}, true})),
            std::vector<ProviderEventType>{ProviderEventType::DataTransferInitiated});
  EXPECT_EQ(types(provider_events_for({C::Restart, S::Ongoing, "c", {}, true})),
            std::vector<ProviderEventType>{ProviderEventType::DataTransferRestarted});
  EXPECT_EQ(types(provider_events_for({C::Disconnected, S::Ongoing, "c", {}, true})),
            std::vector<ProviderEventType>{ProviderEventType::DataTransferStalled});
  EXPECT_EQ(types(provider_events_for({C::Complete, S::Completed, "c", {}, true})),
            std::vector<ProviderEventType>{ProviderEventType::DataTransferCompleted});
  EXPECT_TRUE(provider_events_for({C::DataReceived, S::Ongoing, "c", {}, true}).empty());
  EXPECT_TRUE(provider_events_for({C::DataSent, S::Ongoing, "c", {}, true}).empty());
  const auto failed = provider_events_for({C::Error, S::Failed, "c", "something went wrong", true});
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(std::get<ev::DataTransferFailed>(failed[0]).error,
            "deal data transfer failed: something went wrong");
  const auto opened = provider_events_for({C::Open, S::Requested, "chan-9", {}, true});
  EXPECT_EQ(std::get<ev::DataTransferInitiated>(opened[0]).channel_id, "chan-9");
}

}  // namespace
}  // namespace sealsim::market::test
