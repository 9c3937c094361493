// handlers_commit_test.cpp: checkCommit's classes (spec §9.3) and every branch of Committing,
// SubmitCommit, SubmitCommitAggregate, CommitWait and CommitFailed (spec §8.12, §8.14-§8.16,
// §8.18, §9.4), run through the state group with the sealing fakes on simulated time.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sealing/checks.hpp"
#include "sealing/handler_support.hpp"
#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::HandlerRig;
using test::kMiner;
using test::kSeedEpoch;
using test::kStart;
using test::test_comm_d;
using test::test_comm_r;

constexpr SectorNumber kSector = 7;

CommitCheckResult check_or_crash(HandlerRig& rig, const SectorInfo& info) {
  return check_commit(rig.chain, kMiner, info, info.proof, rig.chain.head.token, NetworkConstants::mainnet(),
                      rig.verifier);
}

// The error class checkCommit returns (the tests below expect no crash).
CheckResult check(HandlerRig& rig, const SectorInfo& info) {
  CommitCheckResult result = check_or_crash(rig, info);
  EXPECT_FALSE(result.crash.has_value());
  return result.error;
}

CheckErrorKind class_of(const CheckResult& error) {
  EXPECT_TRUE(error.has_value());
  return error ? error->kind : CheckErrorKind::Untyped;
}

// A deal piece of `padded` bytes whose proposal the chain holds, valid until a test changes it.
Piece deal_piece(HandlerRig& rig, DealId deal, std::uint64_t padded, ChainEpoch start = 1000) {
  Piece piece;
  piece.piece.size = PaddedPieceSize(padded);
  piece.piece.commitment[0] = static_cast<std::uint8_t>(deal);
  piece.deal = DealInfo{};
  piece.deal->deal_id = deal;
  DealProposal proposal;
  proposal.piece = piece.piece;
  proposal.provider = kMiner;
  proposal.client = 2000;
  proposal.start_epoch = start;
  proposal.end_epoch = start + 100'000;
  rig.chain.deal_proposals[deal] = proposal;
  piece.deal->proposal = proposal;
  return piece;
}

// --- checkCommit (spec §9.3) ---

TEST(CheckCommit, PassesAndVerifiesWithTheOnChainPrecommit) {
  HandlerRig rig;
  const SectorInfo info = rig.commit_ready_sector(kSector);
  EXPECT_FALSE(check(rig, info).has_value());
  ASSERT_EQ(rig.verifier.asked.size(), 1u);
  const SealVerifyInfo& asked = rig.verifier.asked[0];
  EXPECT_EQ(asked.sector, (SectorId{kMiner, kSector}));
  EXPECT_EQ(asked.sealed_cid, rig.chain.pre_commits[kSector].info.sealed_cid);
  EXPECT_EQ(asked.seal_proof, rig.chain.pre_commits[kSector].info.seal_proof);
  EXPECT_EQ(asked.unsealed_cid, *info.comm_d);
  EXPECT_EQ(asked.proof, info.proof);
  EXPECT_EQ(asked.randomness, info.ticket_value);
  EXPECT_EQ(asked.interactive_randomness, info.seed_value);
  EXPECT_EQ(rig.chain.randomness_epochs, (std::vector<ChainEpoch>{kSeedEpoch}));
}

TEST(CheckCommit, EntropyIsTheCborOfTheMinerIdAddress) {
  // t01000: protocol 0, uvarint(1000) = e8 07; CBOR byte string of 3 bytes: 0x43.
  EXPECT_EQ(miner_entropy(1000), (Bytes{0x43, 0x00, 0xe8, 0x07}));
  EXPECT_EQ(miner_entropy(5), (Bytes{0x42, 0x00, 0x05}));
}

TEST(CheckCommit, UnsetSeedEpochIsABadSeed) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  info.seed_epoch = 0;
  const auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::BadSeed);
  EXPECT_EQ(error->message, "seed epoch was not set");
}

TEST(CheckCommit, AllocatedWithoutPrecommitWaitsForACommitMessageOrIsUntyped) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  rig.chain.pre_commits.erase(kSector);  // allocated, precommit gone
  auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::Untyped);
  EXPECT_EQ(error->message, kErrSectorAllocated);
  info.commit_message = test_comm_d(99);
  error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::CommitWaitFailed);
}

TEST(CheckCommit, PrecommitLookupErrorIsUntyped) {
  HandlerRig rig;
  const SectorInfo info = rig.commit_ready_sector(kSector);
  rig.chain.fail_next("state_sector_pre_commit_info", "rpc down");
  const auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::Untyped);
  EXPECT_EQ(error->message, "getting precommit info: rpc down");
}

TEST(CheckCommit, NoPrecommitOnAnUnallocatedNumber) {
  HandlerRig rig;
  const SectorInfo info = rig.commit_ready_sector(kSector);
  rig.chain.pre_commits.erase(kSector);
  rig.chain.allocated.erase(kSector);
  EXPECT_EQ(class_of(check(rig, info)), CheckErrorKind::NoPrecommit);
}

TEST(CheckCommit, SeedEpochMustFollowThePrecommitByTheChallengeDelay) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  info.seed_epoch = kSeedEpoch + 1;
  const auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::BadSeed);
  EXPECT_EQ(error->message, "seed epoch doesn't match on chain info: 210 != 211");
}

TEST(CheckCommit, RandomnessErrorIsAnApiErrorAndAChangedSeedIsBad) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  rig.chain.fail_next("chain_get_randomness_from_beacon", "beacon down");
  EXPECT_EQ(class_of(check(rig, info)), CheckErrorKind::Api);
  info.seed_value = Bytes(32, 0x23);
  const auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::BadSeed);
  EXPECT_EQ(error->message, "seed has changed");
}

TEST(CheckCommit, OnChainSealedCidMismatchIsOnlyAWarning) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  info.comm_r = test_comm_r(99);
  EXPECT_FALSE(check(rig, info).has_value());
  EXPECT_EQ(rig.verifier.asked.at(0).sealed_cid, test_comm_r(kSector)) << "verified against chain";
}

TEST(CheckCommit, VerifierErrorOrRejectionIsAnInvalidProof) {
  HandlerRig rig;
  const SectorInfo info = rig.commit_ready_sector(kSector);
  rig.verifier.error = "bad proof bytes";
  auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::InvalidProof);
  EXPECT_EQ(error->message, "verify seal: bad proof bytes");
  rig.verifier.error.reset();
  rig.verifier.accept = false;
  error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::InvalidProof);
  EXPECT_EQ(error->message, "invalid proof (compute error?)");
}

TEST(CheckCommit, MissingCommROrCommDIsANodeCrashOfLotus) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  info.comm_d.reset();
  EXPECT_TRUE(check_or_crash(rig, info).crash.has_value());
  EXPECT_FALSE(check_or_crash(rig, info).error.has_value());
  info = rig.commit_ready_sector(kSector);
  info.comm_r.reset();
  EXPECT_TRUE(check_or_crash(rig, info).crash.has_value());
  EXPECT_TRUE(rig.verifier.asked.empty());
}

TEST(CheckCommit, EndsWithCheckPieces) {
  HandlerRig rig;
  SectorInfo info = rig.commit_ready_sector(kSector);
  rig.chain.fail_next("chain_head", "head down");
  auto error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::Api);
  EXPECT_EQ(error->message, "getting chain head: head down");

  info.pieces[0].piece.commitment[3] = 1;  // a filler that is not zeros
  EXPECT_EQ(class_of(check(rig, info)), CheckErrorKind::InvalidPiece);

  info.pieces = {deal_piece(rig, 11, 1024), test::filler_piece(1024)};
  EXPECT_FALSE(check(rig, info).has_value());

  rig.chain.deal_proposals.erase(11);
  error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::InvalidDeals);
  EXPECT_EQ(error->message, "getting deal 11 for piece 0: deal 11 not found");

  info.pieces = {deal_piece(rig, 12, 1024), test::filler_piece(1024)};
  rig.chain.deal_proposals[12].provider = 1001;
  error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::InvalidDeals);
  EXPECT_EQ(error->message,
            "piece 0 (of 2) of sector 7 refers deal 12 with wrong provider: t01001 != t01000");

  info.pieces = {deal_piece(rig, 13, 1024), test::filler_piece(1024)};
  rig.chain.deal_proposals[13].piece.commitment[5] = 9;
  EXPECT_EQ(class_of(check(rig, info)), CheckErrorKind::InvalidDeals);

  info.pieces = {deal_piece(rig, 14, 1024), test::filler_piece(1024)};
  rig.chain.deal_proposals[14].piece.size = PaddedPieceSize(2048);
  error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::InvalidDeals);
  EXPECT_EQ(error->message,
            "piece 0 (of 2) of sector 7 refers deal 14 with different size: 1024 != 2048");

  // Start epoch reached: expired. The first failing piece decides, so an invalid piece after it
  // does not matter.
  Piece bad_filler = test::filler_piece(1024);
  bad_filler.piece.commitment[0] ^= 1;
  info.pieces = {deal_piece(rig, 15, 1024, rig.chain.head.height), bad_filler};
  error = check(rig, info);
  EXPECT_EQ(class_of(error), CheckErrorKind::ExpiredDeals);
  EXPECT_EQ(error->message,
            "piece 0 (of 2) of sector 7 refers expired deal 15 - should start at 100, head 100");
}

// --- Committing (spec §8.12) ---

TEST(Committing, ComputesC1ThenC2ChecksTheProofAndGoesToSubmitCommit) {
  HandlerRig rig;
  rig.chain.network_version = 12;  // stop at the individual path's CommitWait
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.proof.clear();
  rig.force(kSector, SectorState::Committing, base);
  EXPECT_TRUE(rig.group.busy(kSector));
  rig.advance(10);
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_TRUE(rig.in(kSector, SectorState::Committing)) << "C2 still running";
  rig.advance(10);
  EXPECT_TRUE(rig.logged(kSector, "SectorCommitted"));
  EXPECT_EQ(rig.record(kSector).proof, Bytes(192, 3));
  EXPECT_EQ(rig.verifier.asked.size(), 2u) << "Committing's check and SubmitCommit's";
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait));
}

TEST(Committing, FinalizeEarlyGoesToCommitFinalizeWithTheProof) {
  SealingConfig config;
  config.finalize_early = true;
  HandlerRig rig(config);
  rig.force(kSector, SectorState::Committing, rig.commit_ready_sector(kSector));
  rig.advance(20);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFinalize));
  EXPECT_TRUE(rig.logged(kSector, "SectorProofReady"));
  EXPECT_FALSE(rig.logged(kSector, "SectorCommitted"));
  EXPECT_EQ(rig.sealer.calls.back(), "finalize");
}

TEST(Committing, AFoundCommitMessageGoesBackToCommitWaitWithoutProving) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  const Cid message = test_comm_d(42);
  base.commit_message = message;
  rig.chain.land(message, MessageReceipt{0, {}, 0});
  rig.force(kSector, SectorState::Committing, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait));
  EXPECT_TRUE(rig.sealer.calls.empty());
}

TEST(Committing, AnUnfoundOrUnsearchableCommitMessageIsIgnored) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.commit_message = test_comm_d(42);
  rig.force(kSector, SectorState::Committing, base);
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"c1"}));

  SectorInfo other = rig.commit_ready_sector(kSector + 1);
  other.commit_message = test_comm_d(42);
  rig.chain.fail_next("state_search_msg", "search down");
  rig.force(kSector + 1, SectorState::Committing, other);
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"c1", "c1"}));
}

TEST(Committing, MissingCommitmentsFailTheCommit) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.comm_r.reset();
  rig.chain.fail_next("chain_head", "stop CommitFailed here");  // its handler stalls
  rig.force(kSector, SectorState::Committing, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"), "sector had nil commR or commD");
}

TEST(Committing, C1OrC2FailureIsAComputeProofFailure) {
  HandlerRig rig;
  rig.sealer.fail_next("c1");
  rig.force(kSector, SectorState::Committing, rig.commit_ready_sector(kSector));
  rig.advance(10);
  EXPECT_TRUE(rig.in(kSector, SectorState::ComputeProofFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorComputeProofFailed"),
            "computing seal proof failed(1): c1 failed (injected)");

  rig.sealer.fail_next("c2");
  rig.force(kSector + 1, SectorState::Committing, rig.commit_ready_sector(kSector + 1));
  rig.advance(20);
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::ComputeProofFailed));
  EXPECT_EQ(rig.event_trace(kSector + 1, "SectorComputeProofFailed"),
            "computing seal proof failed(2): c2 failed (injected)");
}

TEST(Committing, HeadErrorAfterC2Stalls) {
  HandlerRig rig;
  rig.force(kSector, SectorState::Committing, rig.commit_ready_sector(kSector));
  rig.chain.fail_next("chain_head", "head down");
  rig.advance(20);
  EXPECT_TRUE(rig.in(kSector, SectorState::Committing));
  EXPECT_FALSE(rig.group.busy(kSector));
  EXPECT_TRUE(rig.verifier.asked.empty());
}

TEST(Committing, EveryCheckFailureIncludingApiErrorsIsAComputeProofFailure) {
  HandlerRig rig;
  rig.verifier.accept = false;
  rig.force(kSector, SectorState::Committing, rig.commit_ready_sector(kSector));
  rig.advance(20);
  EXPECT_TRUE(rig.in(kSector, SectorState::ComputeProofFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorComputeProofFailed"),
            "commit check error: invalid proof (compute error?)");

  rig.verifier.accept = true;
  rig.chain.fail_next("chain_get_randomness_from_beacon", "beacon down");  // ErrApi
  rig.force(kSector + 1, SectorState::Committing, rig.commit_ready_sector(kSector + 1));
  rig.advance(20);
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::ComputeProofFailed));
}

// --- SubmitCommit (spec §8.14) ---

TEST(SubmitCommit, AggregatesFromNetworkVersion13) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommit, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::SubmitCommitAggregate));
  EXPECT_EQ(rig.batchers.commits.size(), 1u);
  EXPECT_TRUE(rig.chain.sent.empty());
}

TEST(SubmitCommit, SendsProveCommitSectorWithTheUncoveredPledge) {
  for (const bool below_13 : {true, false}) {
    SealingConfig config;
    config.aggregate_commits = below_13;  // off: individual even at network version 13
    HandlerRig rig(config);
    rig.chain.network_version = below_13 ? 12 : 13;
    const SectorInfo base = rig.commit_ready_sector(kSector);
    rig.force(kSector, SectorState::SubmitCommit, base);
    ASSERT_EQ(rig.chain.sent.size(), 1u);
    const auto& sent = rig.chain.sent[0];
    EXPECT_EQ(sent.method, 7u);
    EXPECT_EQ(sent.from, rig.chain.miner_info.worker);
    EXPECT_EQ(sent.value, TokenAmount::from_nano(2'000)) << "pledge 3000 - deposit 1000";
    EXPECT_EQ(sent.max_fee, TokenAmount::from_nano(50'000'000)) << "MaxCommitGasFee 0.05 FIL";
    const auto params = nlohmann::json::from_cbor(sent.params);
    EXPECT_EQ(params[0].get<SectorNumber>(), kSector);
    const auto& proof = params[1].get_binary();
    EXPECT_EQ(Bytes(proof.begin(), proof.end()), base.proof);
    EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait));
    EXPECT_EQ(rig.record(kSector).commit_message, sent.cid);
  }
}

TEST(SubmitCommit, CollateralIsNeverNegative) {
  SealingConfig config;
  config.aggregate_commits = false;
  HandlerRig rig(config);
  SectorInfo base = rig.commit_ready_sector(kSector);
  rig.chain.pre_commits[kSector].pre_commit_deposit = TokenAmount::from_nano(5'000);
  rig.force(kSector, SectorState::SubmitCommit, base);
  ASSERT_EQ(rig.chain.sent.size(), 1u);
  EXPECT_EQ(rig.chain.sent[0].value, TokenAmount{});
}

TEST(SubmitCommit, ApiErrorsStall) {
  for (const std::string call : {"state_network_version", "chain_head", "state_miner_info",
                                 "state_miner_initial_pledge_collateral"}) {
    HandlerRig rig;
    rig.chain.network_version = 12;
    rig.chain.fail_next(call, "api down");
    rig.force(kSector, SectorState::SubmitCommit, rig.commit_ready_sector(kSector));
    EXPECT_TRUE(rig.in(kSector, SectorState::SubmitCommit)) << call;
    EXPECT_FALSE(rig.group.busy(kSector)) << call;
    EXPECT_TRUE(rig.chain.sent.empty()) << call;
  }
  // The precommit lookup after the check (the check's own lookup succeeds).
  HandlerRig rig;
  rig.chain.network_version = 12;
  rig.chain.fail_next("state_sector_pre_commit_info", "api down", 1, 1);
  rig.force(kSector, SectorState::SubmitCommit, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::SubmitCommit));
  EXPECT_TRUE(rig.chain.sent.empty());
}

TEST(SubmitCommit, FailedCheckFailsTheCommit) {
  HandlerRig rig;
  rig.chain.network_version = 12;
  rig.verifier.accept = false;
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 1, 1);
  rig.force(kSector, SectorState::SubmitCommit, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"),
            "commit check error: invalid proof (compute error?)");
}

TEST(SubmitCommit, MissingCommRIsRecordedAsANodeCrash) {
  HandlerRig rig;
  rig.chain.network_version = 12;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.comm_r.reset();
  rig.force(kSector, SectorState::SubmitCommit, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::SubmitCommit));
  EXPECT_FALSE(rig.group.busy(kSector));
  const auto findings = rig.findings(kSector);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "finding;NodeCrash");
  ASSERT_FALSE(rig.trace.records.empty());
  ASSERT_TRUE(rig.trace.records.back().finding.has_value());
  EXPECT_EQ(rig.trace.records.back().finding->kind, FindingKind::NodeCrash);
}

TEST(SubmitCommit, PrecommitGoneAfterTheCheckFailsTheCommit) {
  HandlerRig rig;
  rig.chain.network_version = 12;
  // The chain changes between the check's precommit lookup and the collateral's.
  rig.chain.on_call = [&rig](const std::string& call) {
    if (call == "state_miner_info") {
      rig.chain.pre_commits.erase(kSector);
      rig.chain.allocated.erase(kSector);
    }
  };
  // Heads: SubmitCommit's, checkPieces', then CommitFailed's, which stalls.
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 1, 2);
  rig.force(kSector, SectorState::SubmitCommit, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"), "precommit info not found on chain");
}

TEST(SubmitCommit, MempoolRejectionFailsTheCommit) {
  HandlerRig rig;
  rig.chain.network_version = 12;
  rig.chain.fail_next("send_msg", "not enough funds");
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 1, 2);
  rig.force(kSector, SectorState::SubmitCommit, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"), "pushing message to mpool: not enough funds");
}

// --- SubmitCommitAggregate (spec §8.15) ---

TEST(SubmitCommitAggregate, QueuesTheProofAndGoesToCommitWaitWithTheBatchMessage) {
  HandlerRig rig;
  const SectorInfo base = rig.commit_ready_sector(kSector);
  rig.force(kSector, SectorState::SubmitCommitAggregate, base);
  ASSERT_EQ(rig.batchers.commits.size(), 1u);
  const AggregateInput& input = rig.batchers.commits[0].added;
  EXPECT_EQ(input.seal_proof, base.sector_type);
  EXPECT_EQ(input.number, kSector);
  EXPECT_EQ(input.ticket, base.ticket_value);
  EXPECT_EQ(input.seed, base.seed_value);
  EXPECT_EQ(input.sealed_cid, *base.comm_r);
  EXPECT_EQ(input.unsealed_cid, *base.comm_d);
  EXPECT_EQ(input.proof, base.proof);
  EXPECT_TRUE(rig.group.busy(kSector)) << "blocks until the batch is processed";

  const Cid batch = test_comm_d(77);
  CommitBatchResult result;
  result.sectors = {kSector, kSector + 1};
  result.failed_sectors[kSector + 1] = "other sector failed";
  result.message = batch;
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(result));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait)) << "not CommitAggregateWait";
  EXPECT_EQ(rig.record(kSector).commit_message, batch);
}

TEST(SubmitCommitAggregate, AddCommitErrorRetriesAtOnceThroughSubmitCommit) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommitAggregate, rig.commit_ready_sector(kSector));
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::fail("no head"));
  const SimSeconds before = rig.clock.now();
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::SubmitCommitAggregate));
  EXPECT_EQ(rig.batchers.commits.size(), 2u) << "re-added with no backoff (Q16)";
  EXPECT_EQ(rig.clock.now(), before);
  EXPECT_TRUE(rig.logged(kSector, "SectorRetrySubmitCommit"));
}

TEST(SubmitCommitAggregate, BatchErrorRetriesWhenTheProofStillChecksOut) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommitAggregate, rig.commit_ready_sector(kSector));
  CommitBatchResult result;
  result.sectors = {kSector};
  result.error = "sending batch: out of funds";
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(result));
  rig.settle();
  EXPECT_TRUE(rig.logged(kSector, "SectorRetrySubmitCommit"));
  EXPECT_EQ(rig.batchers.commits.size(), 2u);
}

TEST(SubmitCommitAggregate, BatchErrorFailsTheCommitWhenTheCheckFails) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommitAggregate, rig.commit_ready_sector(kSector));
  CommitBatchResult result;
  result.error = "sending batch: out of funds";
  rig.verifier.accept = false;
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 1, 1);
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(result));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"),
            "commit check error: invalid proof (compute error?)");
}

TEST(SubmitCommitAggregate, BatchErrorWithAHeadErrorStalls) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommitAggregate, rig.commit_ready_sector(kSector));
  CommitBatchResult result;
  result.error = "sending batch: out of funds";
  rig.chain.fail_next("chain_head", "head down");
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(result));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::SubmitCommitAggregate));
  EXPECT_FALSE(rig.group.busy(kSector));
}

TEST(SubmitCommitAggregate, ASectorListedAsFailedFailsItsCommit) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommitAggregate, rig.commit_ready_sector(kSector));
  CommitBatchResult result;
  result.sectors = {kSector, kSector + 1};
  result.failed_sectors[kSector] = "precommit info not found";
  result.message = test_comm_d(77);
  rig.chain.fail_next("chain_head", "stop CommitFailed here");
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(result));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"),
            "sector failed in aggregate processing: precommit info not found");
}

TEST(SubmitCommitAggregate, NoMessageOrNoCommitmentsFailTheCommit) {
  HandlerRig rig;
  rig.force(kSector, SectorState::SubmitCommitAggregate, rig.commit_ready_sector(kSector));
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 2);
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(CommitBatchResult{}));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"), "aggregate message was nil");

  SectorInfo base = rig.commit_ready_sector(kSector + 1);
  base.comm_d.reset();
  rig.force(kSector + 1, SectorState::SubmitCommitAggregate, base);
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::CommitFailed));
  EXPECT_EQ(rig.batchers.commits.size(), 1u);
}

// --- CommitWait (spec §8.16) ---

struct CommitWaitCase {
  SectorInfo base;
  Cid message;
};

CommitWaitCase waiting_sector(HandlerRig& rig, SectorNumber n) {
  SectorInfo base = rig.commit_ready_sector(n);
  base.commit_message = test_comm_d(static_cast<SectorNumber>(100 + n));
  return {base, *base.commit_message};
}

TEST(CommitWait, LandedAndProvenGoesOnToFinalizeAndProving) {
  for (const SectorState wait : {SectorState::CommitWait, SectorState::CommitAggregateWait}) {
    HandlerRig rig;
    const auto c = waiting_sector(rig, kSector);
    rig.force(kSector, wait, c.base);
    EXPECT_EQ(rig.chain.waiters(c.message), 1u);
    rig.prove_on_chain(kSector);
    rig.chain.land(c.message, MessageReceipt{0, {}, 0});
    rig.settle();
    EXPECT_TRUE(rig.in(kSector, SectorState::FinalizeSector));
    rig.advance(20);
    EXPECT_TRUE(rig.in(kSector, SectorState::Proving));
  }
}

TEST(CommitWait, TheWaitOfAProcessThatEndedTouchesNothingWhenTheMessageLands) {
  // Found by sealsim fuzz (scenarios/library/cc-restart-commit-wait.json): the chain's
  // StateWaitMsg outlives the node's process; its continuation must not reach the handler
  // environment (in a scenario run that environment is destroyed with the process).
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  auto process = std::make_unique<SectorStateGroup>(rig.store, rig.clock, rig.runner, &rig.trace);
  SectorInfo base = c.base;
  base.sector_number = kSector;
  rig.store.save(kSector, base);
  process->send(kSector, SectorForceState{std::string(state_name(SectorState::CommitWait))});
  EXPECT_EQ(rig.chain.waiters(c.message), 1u);
  process.reset();  // the process ends (a restart builds a new group)
  rig.prove_on_chain(kSector);
  const auto calls_before = rig.chain.calls.size();
  rig.chain.land(c.message, MessageReceipt{0, {}, 0});
  rig.settle();
  EXPECT_EQ(rig.chain.calls.size(), calls_before) << "the stale continuation called " << rig.chain.calls.back();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait));
}

TEST(CommitWait, MissingMessageOrWaitErrorFailsTheCommit) {
  HandlerRig rig;
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 2);
  rig.force(kSector, SectorState::CommitWait, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"), "entered commit wait with no commit cid");

  const auto c = waiting_sector(rig, kSector + 1);
  rig.force(kSector + 1, SectorState::CommitWait, c.base);
  rig.chain.fail_wait(c.message, "lookback exceeded");
  rig.settle();
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector + 1, "SectorCommitFailed"),
            "failed to wait for porep inclusion: lookback exceeded");
}

TEST(CommitWait, OutOfGasOrFundsSubmitsAgain) {
  for (const std::int64_t exit_code : {6, 7}) {
    HandlerRig rig;
    rig.chain.network_version = 12;
    const auto c = waiting_sector(rig, kSector);
    rig.force(kSector, SectorState::CommitWait, c.base);
    rig.chain.land(c.message, MessageReceipt{exit_code, {}, 0});
    rig.settle();
    EXPECT_TRUE(rig.logged(kSector, "SectorRetrySubmitCommit")) << exit_code;
    EXPECT_EQ(rig.chain.sent.size(), 1u) << "SubmitCommit sent a new ProveCommitSector";
    EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait));
  }
}

TEST(CommitWait, OtherExitCodesFailTheCommit) {
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  rig.force(kSector, SectorState::CommitWait, c.base);
  rig.chain.fail_next("chain_head", "stop CommitFailed here");
  rig.chain.land(c.message, MessageReceipt{16, {}, 0});
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  const std::string trace = rig.event_trace(kSector, "SectorCommitFailed");
  EXPECT_EQ(trace.rfind("submitting sector proof failed (exit=16, msg=" + c.message.to_string() +
                            ") (t:" + to_hex(c.base.ticket_value) + "; s:" +
                            to_hex(c.base.seed_value) + "(210); p:",
                        0),
            0u)
      << trace;
}

TEST(CommitWait, ASectorMissingAfterCronOrAnInfoErrorFailsTheCommit) {
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  rig.force(kSector, SectorState::CommitWait, c.base);
  rig.chain.fail_next("chain_head", "stop CommitFailed here", 2);
  rig.chain.land(c.message, MessageReceipt{0, {}, 0});
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorCommitFailed"),
            "proof validation failed, sector not found in sector set after cron");

  const auto d = waiting_sector(rig, kSector + 1);
  rig.force(kSector + 1, SectorState::CommitWait, d.base);
  rig.chain.fail_next("state_sector_get_info", "state down");
  rig.chain.land(d.message, MessageReceipt{0, {}, 0});
  rig.settle();
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::CommitFailed));
  EXPECT_EQ(rig.event_trace(kSector + 1, "SectorCommitFailed"),
            "proof validation failed, calling StateSectorGetInfo: state down");
}

// --- CommitFailed (spec §8.18, §9.4) ---

TEST(CommitFailed, HeadErrorStalls) {
  HandlerRig rig;
  rig.chain.fail_next("chain_head", "head down");
  rig.force(kSector, SectorState::CommitFailed, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  EXPECT_FALSE(rig.group.busy(kSector));
}

TEST(CommitFailed, ASearchErrorRetriesCommitWaitAfterTheCooldown) {
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  rig.chain.fail_next("state_search_msg", "search down");
  rig.force(kSector, SectorState::CommitFailed, c.base);
  rig.clock.advance_to(kStart + 59);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed)) << "cooldown: 1 minute after the last log entry";
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait));
}

TEST(CommitFailed, ALandedOrUnfoundMessageGoesBackToCommitWaitAtOnce) {
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  rig.force(kSector, SectorState::CommitFailed, c.base);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitWait)) << "not found";

  const auto d = waiting_sector(rig, kSector + 1);
  rig.chain.land(d.message, MessageReceipt{0, {}, 0});
  rig.force(kSector + 1, SectorState::CommitFailed, d.base);
  EXPECT_TRUE(rig.logged(kSector + 1, "SectorRetryCommitWait"));
}

TEST(CommitFailed, AnOutOfGasMessageIsSubmittedAgain) {
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  rig.chain.land(c.message, MessageReceipt{7, {}, 0});
  rig.force(kSector, SectorState::CommitFailed, c.base);
  EXPECT_TRUE(rig.logged(kSector, "SectorRetrySubmitCommit"));
  EXPECT_TRUE(rig.verifier.asked.empty()) << "decided before checkCommit";
}

TEST(CommitFailed, AProofThatChecksOutIsComputedAgainAfterTheCooldown) {
  HandlerRig rig;
  rig.force(kSector, SectorState::CommitFailed, rig.commit_ready_sector(kSector));
  EXPECT_EQ(rig.verifier.asked.size(), 1u);
  rig.clock.advance_to(kStart + 59);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.in(kSector, SectorState::Committing));
  EXPECT_EQ(rig.record(kSector).invalid_proofs, 1u);
  EXPECT_TRUE(rig.logged(kSector, "SectorRetryComputeProof"));
  EXPECT_EQ(rig.sealer.calls, (std::vector<std::string>{"c1"}));
}

TEST(CommitFailed, AFailedCommitMessageLoopsBackThroughCommitWait) {
  // The message failed on chain but the proof checks out: Committing finds the (failed) message
  // and goes to CommitWait, which fails on its exit code again, once a minute. Unlike CommitWait,
  // CommitFailed treats only exit 7 as "submit again": 6 is "something else went wrong".
  for (const std::int64_t exit_code : {6, 16}) {
    HandlerRig rig;
    rig.chain.fail_next("chain_head", "stop the second CommitFailed", 1, 2);
    const auto c = waiting_sector(rig, kSector);
    rig.chain.land(c.message, MessageReceipt{exit_code, {}, 0});
    rig.force(kSector, SectorState::CommitFailed, c.base);
    EXPECT_EQ(rig.verifier.asked.size(), 1u) << exit_code << ": the proof is checked";
    rig.clock.advance_to(kStart + 60);
    EXPECT_TRUE(rig.logged(kSector, "SectorRetryComputeProof")) << exit_code;
    EXPECT_TRUE(rig.logged(kSector, "SectorRetryCommitWait")) << exit_code;
    if (exit_code == 6) {
      EXPECT_TRUE(rig.logged(kSector, "SectorRetrySubmitCommit")) << "CommitWait: 6 submits again";
    } else {
      EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
    }
    EXPECT_TRUE(rig.sealer.calls.empty()) << "no proof computed";
  }
}

TEST(CommitFailed, ABadSeedWaitsForTheSeedAgainWithoutCooldown) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.seed_value = Bytes(32, 0x99);
  rig.force(kSector, SectorState::CommitFailed, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::WaitSeed));
}

TEST(CommitFailed, AnInvalidProofIsRetriedOnceThenResealed) {
  HandlerRig rig;
  rig.verifier.accept = false;
  rig.force(kSector, SectorState::CommitFailed, rig.commit_ready_sector(kSector));
  rig.clock.advance_to(kStart + 59);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.in(kSector, SectorState::Committing));
  EXPECT_EQ(rig.record(kSector).invalid_proofs, 1u);
  EXPECT_TRUE(rig.logged(kSector, "SectorRetryInvalidProof"));

  SectorInfo again = rig.commit_ready_sector(kSector + 1);
  again.invalid_proofs = 1;
  rig.force(kSector + 1, SectorState::CommitFailed, again);
  rig.clock.advance_to(kStart + 200);
  EXPECT_EQ(rig.event_trace(kSector + 1, "SectorSealPreCommit1Failed"), "consecutive invalid proofs");
  EXPECT_EQ(rig.record(kSector + 1).invalid_proofs, 0u) << "reset by SectorSealPreCommit1Failed";
}

TEST(CommitFailed, NoPrecommitGoesBackToPreCommitting) {
  HandlerRig rig;
  const SectorInfo base = rig.commit_ready_sector(kSector);
  rig.chain.pre_commits.erase(kSector);
  rig.chain.allocated.erase(kSector);
  rig.runner.park = {SectorHandler::PreCommitting};  // hold it where CommitFailed sent it
  rig.force(kSector, SectorState::CommitFailed, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::PreCommitting));
}

TEST(CommitFailed, InvalidDealsRecoverTheDealIdsAndReturnHere) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.pieces = {deal_piece(rig, 21, 1024), test::filler_piece(1024)};
  rig.chain.deal_proposals[21].provider = 4242;
  // Heads: CommitFailed's, checkPieces', then RecoverDealIDs', which stalls there.
  rig.chain.fail_next("chain_head", "stop RecoverDealIDs here", 1, 2);
  rig.force(kSector, SectorState::CommitFailed, base);
  EXPECT_TRUE(rig.logged(kSector, "SectorInvalidDealIDs"));
  const SectorInfo after = rig.record(kSector);
  EXPECT_TRUE(after.in_state(SectorState::RecoverDealIDs));
  EXPECT_EQ(after.return_state, "CommitFailed");
}

TEST(CommitFailed, ExpiredDealsGoToDealsExpired) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.pieces = {deal_piece(rig, 22, 1024, 90), test::filler_piece(1024)};
  rig.chain.fail_next("state_sector_get_info", "stop DealsExpired here");
  rig.force(kSector, SectorState::CommitFailed, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::DealsExpired));
  EXPECT_EQ(rig.event_trace(kSector, "SectorDealsExpired").rfind("sector deals expired: piece 0", 0), 0u);
}

TEST(CommitFailed, CommitWaitFailedRetriesCommitWaitAfterTheCooldown) {
  HandlerRig rig;
  const auto c = waiting_sector(rig, kSector);
  rig.chain.pre_commits.erase(kSector);  // allocated, precommit gone, commit message set
  rig.chain.land(c.message, MessageReceipt{16, {}, 0});
  rig.force(kSector, SectorState::CommitFailed, c.base);
  rig.clock.advance_to(kStart + 59);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.logged(kSector, "SectorRetryCommitWait"));
}

TEST(CommitFailed, ApiUntypedAndInvalidPieceErrorsStall) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  rig.chain.fail_next("chain_get_randomness_from_beacon", "beacon down");  // ErrApi
  rig.force(kSector, SectorState::CommitFailed, base);

  SectorInfo allocated = rig.commit_ready_sector(kSector + 1);
  rig.chain.pre_commits.erase(kSector + 1);  // the plain "allocated" error, no commit message
  rig.force(kSector + 1, SectorState::CommitFailed, allocated);

  SectorInfo bad_piece = rig.commit_ready_sector(kSector + 2);
  bad_piece.pieces[0].piece.commitment[0] ^= 1;
  rig.force(kSector + 2, SectorState::CommitFailed, bad_piece);

  rig.advance(3600);
  for (SectorNumber n : {kSector, kSector + 1, kSector + 2}) {
    EXPECT_TRUE(rig.in(n, SectorState::CommitFailed)) << n;
    EXPECT_FALSE(rig.group.busy(n)) << n;
  }
}

TEST(CommitFailed, MissingCommRIsRecordedAsANodeCrash) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.comm_r.reset();
  rig.force(kSector, SectorState::CommitFailed, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::CommitFailed));
  ASSERT_EQ(rig.findings(kSector).size(), 1u);
  EXPECT_EQ(rig.findings(kSector)[0].kind, "finding;NodeCrash");
}

}  // namespace
}  // namespace sealsim::sealing
