// handlers_deals_test.cpp: GetCurrentDealInfo with the cases of Lotus's currentdealinfo_test.go
// (spec §13.7) and its other branches (§12.6), and every branch of DealsExpired and
// RecoverDealIDs (spec §8.18), run through the state group with the sealing fakes.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/actor_cbor.hpp"
#include "sealing/current_deal_info.hpp"
#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::HandlerRig;
using test::kMiner;
using test::test_comm_d;

constexpr SectorNumber kSector = 11;

// The two proposals of currentdealinfo_test.go: they differ in PieceCID and Label.
DealProposal make_proposal(std::uint8_t piece, std::string label) {
  DealProposal proposal;
  proposal.piece.size = PaddedPieceSize(1024);
  proposal.piece.commitment[0] = piece;
  proposal.provider = kMiner;
  proposal.client = 2000;
  proposal.label = std::move(label);
  proposal.start_epoch = 1000;
  proposal.end_epoch = 200'000;
  return proposal;
}

struct PublishFixture {
  HandlerRig rig;
  Cid publish = test_comm_d(150);
  DealProposal target = make_proposal(0xaa, "success");
  DealProposal other = make_proposal(0xbb, "other");

  // A publish message on chain with `params` as its proposals and `ids` as its return.
  void publish_message(std::vector<DealProposal> params, std::vector<DealId> ids) {
    rig.chain.publish_deals[publish.to_string()] = std::move(params);
    rig.chain.land(publish, MessageReceipt{0, encode_publish_storage_deals_return(ids), 0});
  }
  CurrentDealInfoOutcome run(std::optional<DealProposal> proposal) {
    return get_current_deal_info(rig.chain, rig.chain.head.token, proposal, publish);
  }
  std::string in_message(const std::string& text) { return text + publish.to_string(); }
};

// --- GetCurrentDealInfo: currentdealinfo_test.go ---

TEST(GetCurrentDealInfo, DealLookupSucceeds) {
  PublishFixture f;
  f.publish_message({f.target}, {10});
  f.rig.chain.deal_proposals[10] = f.target;
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, "");
  EXPECT_EQ(out.deal_id, 10u);
  EXPECT_EQ(out.market_deal, f.target);
  EXPECT_EQ(out.publish_message_tipset, f.rig.chain.head.token);
}

TEST(GetCurrentDealInfo, DealLookupSucceedsWithTwoReturnValues) {
  PublishFixture f;
  f.publish_message({f.other, f.target}, {9, 10});
  f.rig.chain.deal_proposals[9] = f.other;
  f.rig.chain.deal_proposals[10] = f.target;
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, "");
  EXPECT_EQ(out.deal_id, 10u);
}

TEST(GetCurrentDealInfo, DealLookupFailsOnProposalMismatch) {
  PublishFixture f;
  f.publish_message({f.other}, {9});
  f.rig.chain.deal_proposals[9] = f.other;
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("could not find deal in publish deals message "));
  EXPECT_EQ(out.deal_id, 0u);
}

TEST(GetCurrentDealInfo, DealLookupFailsOnMismatchCount) {
  PublishFixture f;
  f.publish_message({f.other, f.target}, {9});
  f.rig.chain.deal_proposals[9] = f.other;
  f.rig.chain.deal_proposals[10] = f.target;
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("deal index 1 out of bounds of deals (len 1) in publish deals message "));
  EXPECT_EQ(out.deal_id, 0u);
}

TEST(GetCurrentDealInfo, NoProposalAndASingleDeal) {
  PublishFixture f;
  f.publish_message({f.target}, {10});
  f.rig.chain.deal_proposals[10] = f.target;
  const auto out = f.run(std::nullopt);
  EXPECT_EQ(out.error, "");
  EXPECT_EQ(out.deal_id, 10u);
}

TEST(GetCurrentDealInfo, NoProposalAndMultipleDealsFails) {
  PublishFixture f;
  f.publish_message({f.other, f.target}, {9, 10});
  const auto out = f.run(std::nullopt);
  EXPECT_EQ(out.error, f.in_message("getting deal ID from publish deal message ") +
                           ": no deal proposal supplied but message return value has more than "
                           "one deal (2 deals)");
  EXPECT_EQ(out.deal_id, 0u);
}

TEST(GetCurrentDealInfo, SearchMessageFails) {
  PublishFixture f;
  f.rig.chain.fail_next("state_search_msg", "something went wrong");
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("looking for publish deal message ") +
                           ": search msg failed: something went wrong");
}

TEST(GetCurrentDealInfo, ReturnCodeNotOk) {
  PublishFixture f;
  f.rig.chain.land(f.publish, MessageReceipt{20, {}, 0});  // ErrIllegalState
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("looking for publish deal message ") + ": non-ok exit code: 20");
}

TEST(GetCurrentDealInfo, UnableToUnmarshal) {
  PublishFixture f;
  const std::string applesauce = "applesauce";
  f.rig.chain.land(f.publish, MessageReceipt{0, Bytes(applesauce.begin(), applesauce.end()), 0});
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("looking for publish deal message ") +
                           ": unmarshalling message return: cbor input should be of type array");
}

// --- GetCurrentDealInfo: the rest of §12.6 ---

TEST(GetCurrentDealInfo, AnUnfoundPublishMessageIsANodeCrashOfLotus) {
  PublishFixture f;
  const auto out = f.run(f.target);
  ASSERT_TRUE(out.crash.has_value());
  EXPECT_NE(out.crash->find("nil pointer dereference"), std::string::npos);
}

TEST(GetCurrentDealInfo, NoProposalAndAnEmptyReturnIsANodeCrashOfLotus) {
  PublishFixture f;
  f.publish_message({}, {});
  const auto out = f.run(std::nullopt);
  ASSERT_TRUE(out.crash.has_value());
  EXPECT_NE(out.crash->find("index out of range"), std::string::npos);
}

TEST(GetCurrentDealInfo, ClientsAreComparedByIdAddress) {
  PublishFixture f;
  DealProposal by_key = f.target;
  by_key.client = 3000;  // another address of the same client
  f.rig.chain.id_addresses[3000] = 2000;
  f.publish_message({by_key}, {10});
  f.rig.chain.deal_proposals[10] = f.target;
  EXPECT_EQ(f.run(f.target).deal_id, 10u);

  f.rig.chain.fail_next("state_lookup_id", "no such actor");
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("comparing publish deal message ") +
                           " proposal to deal proposal: no such actor");
}

TEST(GetCurrentDealInfo, ParamsThatCannotBeReadFail) {
  PublishFixture f;
  f.rig.chain.land(f.publish, MessageReceipt{0, encode_publish_storage_deals_return({10}), 0});
  const auto out = f.run(f.target);
  EXPECT_EQ(out.error, f.in_message("getting publish deal message ") + ": message " +
                           f.publish.to_string() + " not found");
}

TEST(GetCurrentDealInfo, TheLoadedMarketDealMustMatch) {
  PublishFixture f;
  f.publish_message({f.target}, {10});
  f.rig.chain.deal_proposals[10] = f.other;
  auto out = f.run(f.target);
  EXPECT_EQ(out.error, "Deal proposals for publish message " + f.publish.to_string() + " did not match");
  EXPECT_EQ(out.deal_id, 0u);

  // A market deal that cannot be loaded: the id comes back with the error.
  f.rig.chain.deal_proposals.erase(10);
  out = f.run(f.target);
  EXPECT_EQ(out.error, "deal 10 not found");
  EXPECT_EQ(out.deal_id, 10u);
}

// --- DealsExpired ---

TEST(DealsExpired, AnUncommittedSectorIsRemoved) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  rig.force(kSector, SectorState::DealsExpired, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removing));
  rig.advance(10);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removed));

  base = rig.commit_ready_sector(kSector + 1);
  base.pre_commit_info.reset();  // only logged by Lotus
  rig.force(kSector + 1, SectorState::DealsExpired, base);
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::Removing));
}

TEST(DealsExpired, DeprecatedPackingFailedIsHandledAsDealsExpired) {
  HandlerRig rig;
  rig.force(kSector, SectorState::PackingFailed, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.logged(kSector, "SectorRemove"));
  EXPECT_TRUE(rig.in(kSector, SectorState::Removing));
}

TEST(DealsExpired, ACommittedSectorOrAnInfoErrorStalls) {
  HandlerRig rig;
  rig.chain.sectors[kSector] = SectorOnChainInfo{};
  rig.force(kSector, SectorState::DealsExpired, rig.commit_ready_sector(kSector));
  rig.chain.fail_next("state_sector_get_info", "state down");
  rig.force(kSector + 1, SectorState::DealsExpired, rig.commit_ready_sector(kSector + 1));
  for (SectorNumber n : {kSector, kSector + 1}) {
    EXPECT_TRUE(rig.in(n, SectorState::DealsExpired)) << n;
    EXPECT_FALSE(rig.group.busy(n)) << n;
  }
}

// --- RecoverDealIDs ---

// A sector whose piece 0 references stale deal 5 (the chain's deal 5 is another piece) and whose
// publish message names the piece's deal as id 10; piece 1 is a filler.
struct RecoverFixture {
  PublishFixture f;
  SectorInfo sector;

  explicit RecoverFixture(std::string return_state = "PreCommit1") {
    HandlerRig& rig = f.rig;
    sector = rig.commit_ready_sector(kSector);
    Piece piece;
    piece.piece = f.target.piece;
    piece.deal = DealInfo{};
    piece.deal->deal_id = 5;
    piece.deal->publish_cid = f.publish;
    piece.deal->proposal = f.target;
    sector.pieces = {piece, test::filler_piece(1024)};
    sector.return_state = std::move(return_state);
    rig.chain.deal_proposals[5] = f.other;
    rig.chain.deal_proposals[9] = f.other;
    rig.chain.deal_proposals[10] = f.target;
    f.publish_message({f.other, f.target}, {9, 10});
  }
  void start() { f.rig.force(kSector, SectorState::RecoverDealIDs, sector); }
};

TEST(RecoverDealIds, RewritesTheStaleDealIdAndReturns) {
  RecoverFixture r;
  r.start();
  const SectorInfo after = r.f.rig.record(kSector);
  EXPECT_TRUE(after.in_state(SectorState::PreCommit1));
  EXPECT_EQ(after.pieces[0].deal->deal_id, 10u);
  EXPECT_EQ(after.return_state, "");
}

TEST(RecoverDealIds, NothingToFixReturnsWithoutUpdates) {
  RecoverFixture r("CommitFailed");
  r.sector.pieces[0].deal->deal_id = 10;
  r.f.rig.chain.fail_next("chain_head", "stop CommitFailed here", 1, 1);
  r.start();
  EXPECT_TRUE(r.f.rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(r.f.rig.record(kSector).pieces[0].deal->deal_id, 10u);
}

TEST(RecoverDealIds, WithoutAReturnStateTheUpdateHalts) {
  RecoverFixture r("");
  r.start();
  EXPECT_TRUE(r.f.rig.group.halted(kSector));
  EXPECT_TRUE(r.f.rig.in(kSector, SectorState::RecoverDealIDs));
  ASSERT_EQ(r.f.rig.findings(kSector).size(), 1u);
  EXPECT_NE(r.f.rig.findings(kSector)[0].message.find("return state not set"), std::string::npos);
}

TEST(RecoverDealIds, HeadErrorNonZeroFillerOrAnExpiredDealStalls) {
  {
    RecoverFixture r;
    r.f.rig.chain.fail_next("chain_head", "head down");
    r.start();
    EXPECT_TRUE(r.f.rig.in(kSector, SectorState::RecoverDealIDs));
    EXPECT_FALSE(r.f.rig.group.busy(kSector));
  }
  {
    RecoverFixture r;
    r.sector.pieces[1].piece.commitment[0] ^= 1;
    r.start();
    EXPECT_TRUE(r.f.rig.in(kSector, SectorState::RecoverDealIDs));
    EXPECT_FALSE(r.f.rig.group.busy(kSector));
  }
  {
    RecoverFixture r;
    r.sector.pieces[0].deal->deal_id = 10;  // matches the chain...
    r.f.rig.chain.head.height = 1000;        // ...but has started
    r.start();
    EXPECT_TRUE(r.f.rig.in(kSector, SectorState::RecoverDealIDs));
    EXPECT_FALSE(r.f.rig.group.busy(kSector));
  }
}

TEST(RecoverDealIds, EveryKindOfMismatchIsFixedFromThePublishMessage) {
  for (int mismatch = 0; mismatch < 4; ++mismatch) {
    RecoverFixture r;
    r.sector.pieces[0].deal->deal_id = 10;
    DealProposal& on_chain = r.f.rig.chain.deal_proposals[10];
    if (mismatch == 0) {
      r.f.rig.chain.deal_proposals.erase(10);  // lookup error
      r.f.rig.chain.deal_proposals[12] = r.f.target;
      r.f.publish_message({r.f.other, r.f.target}, {9, 12});
    } else if (mismatch == 1) {
      on_chain.provider = 4242;
    } else if (mismatch == 2) {
      on_chain.piece.commitment[7] = 1;
    } else {
      on_chain.piece.size = PaddedPieceSize(2048);
    }
    r.start();
    // Fixed: GetCurrentDealInfo was asked (the publish message was searched)...
    EXPECT_NE(std::find(r.f.rig.chain.calls.begin(), r.f.rig.chain.calls.end(),
                        "chain_get_publish_deals_proposals"),
              r.f.rig.chain.calls.end())
        << mismatch;
    // ...and, for the mismatches the market deal check then rejects, the sector is removed as
    // having no recoverable deal; for the lookup error, the id is rewritten.
    if (mismatch == 0) {
      EXPECT_TRUE(r.f.rig.in(kSector, SectorState::PreCommit1));
      EXPECT_EQ(r.f.rig.record(kSector).pieces[0].deal->deal_id, 12u);
    } else {
      EXPECT_TRUE(r.f.rig.in(kSector, SectorState::Removing)) << mismatch;
    }
  }
}

TEST(RecoverDealIds, APieceWithoutPublishMessageRemovesTheSector) {
  RecoverFixture r;
  r.sector.pieces[0].deal->publish_cid.reset();
  r.start();
  EXPECT_TRUE(r.f.rig.in(kSector, SectorState::Removing));
}

TEST(RecoverDealIds, WhenOnlySomeDealsFailItStalls) {
  RecoverFixture r;
  Piece second = r.sector.pieces[0];
  second.deal->deal_id = 6;
  second.deal->publish_cid = test_comm_d(151);  // never published: search finds it with an error
  r.f.rig.chain.deal_proposals[6] = r.f.other;
  r.f.rig.chain.land(test_comm_d(151), MessageReceipt{16, {}, 0});
  r.sector.pieces = {r.sector.pieces[0], second};
  r.start();
  EXPECT_TRUE(r.f.rig.in(kSector, SectorState::RecoverDealIDs));
  EXPECT_FALSE(r.f.rig.group.busy(kSector));
  EXPECT_EQ(r.f.rig.record(kSector).pieces[0].deal->deal_id, 5u) << "no partial update";
}

TEST(RecoverDealIds, WhenEveryDealFailsTheSectorIsRemoved) {
  RecoverFixture r;
  r.f.rig.chain.land(r.f.publish, MessageReceipt{16, {}, 0});  // the publish message failed
  r.start();
  EXPECT_TRUE(r.f.rig.in(kSector, SectorState::Removing));
}

TEST(RecoverDealIds, AnUnfoundPublishMessageIsRecordedAsANodeCrash) {
  RecoverFixture r;
  r.sector.pieces[0].deal->publish_cid = test_comm_d(152);
  r.start();
  EXPECT_TRUE(r.f.rig.in(kSector, SectorState::RecoverDealIDs));
  EXPECT_FALSE(r.f.rig.group.busy(kSector));
  const auto findings = r.f.rig.findings(kSector);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "finding;NodeCrash");
}

}  // namespace
}  // namespace sealsim::sealing
