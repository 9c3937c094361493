// handlers_post_seal_test.cpp: every branch of Terminating, TerminateWait, TerminateFinality,
// TerminateFailed and FaultReported (spec §8.18, §8.19, Q7-Q9), and a sector's whole way from
// Committing to Proving and from Proving through termination to Removed, through the state group
// with the sealing fakes on simulated time.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/handlers_post_seal.hpp"
#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::HandlerRig;
using test::kMiner;
using test::kStart;
using test::test_comm_d;
using test::test_comm_r;

constexpr SectorNumber kSector = 9;

// A sector proven on chain, as it sits in Proving.
SectorInfo proven_sector(HandlerRig& rig, SectorNumber n) {
  SectorInfo info = rig.commit_ready_sector(n);
  info.commit_message = test_comm_d(200);
  rig.prove_on_chain(n);
  return info;
}

// --- Terminating ---

TEST(Terminating, QueuesAProvenSectorAndWaitsForTheTerminateMessage) {
  HandlerRig rig;
  rig.force(kSector, SectorState::Terminating, proven_sector(rig, kSector));
  ASSERT_EQ(rig.batchers.terminations.size(), 1u);
  EXPECT_EQ(rig.batchers.terminations[0].added, (SectorId{kMiner, kSector}));
  EXPECT_TRUE(rig.group.busy(kSector)) << "blocks until the batch is sent";
  const Cid message = test_comm_d(201);
  rig.batchers.answer(rig.batchers.terminations[0],
                      Result<TerminationResult>::ok(TerminationResult{message, false}));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateWait));
  EXPECT_EQ(rig.record(kSector).terminate_message, message);
  EXPECT_EQ(rig.chain.waiters(message), 1u);
}

TEST(Terminating, QueueErrorFailsTheTermination) {
  HandlerRig rig;
  rig.force(kSector, SectorState::Terminating, proven_sector(rig, kSector));
  rig.batchers.answer(rig.batchers.terminations[0],
                      Result<TerminationResult>::fail("sector location not found"));
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorTerminateFailed"),
            "queueing termination: sector location not found");
}

TEST(Terminating, AnAlreadyTerminatedSectorStallsInTerminateWaitWithoutAMessage) {
  HandlerRig rig;
  rig.force(kSector, SectorState::Terminating, proven_sector(rig, kSector));
  rig.batchers.answer(rig.batchers.terminations[0],
                      Result<TerminationResult>::ok(TerminationResult{std::nullopt, true}));
  rig.settle();
  rig.advance(24 * 3600);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateWait)) << "Q8: stuck for good";
  EXPECT_FALSE(rig.record(kSector).terminate_message.has_value());
  EXPECT_FALSE(rig.group.busy(kSector));
}

TEST(Terminating, SectorInfoErrorFailsTheTermination) {
  HandlerRig rig;
  rig.chain.fail_next("state_sector_get_info", "state down");
  rig.force(kSector, SectorState::Terminating, proven_sector(rig, kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorTerminateFailed"), "getting sector info: state down");
  EXPECT_TRUE(rig.batchers.terminations.empty());
}

TEST(Terminating, APrecommittedButUnprovenSectorMustBeRemovedInstead) {
  HandlerRig rig;
  rig.force(kSector, SectorState::Terminating, rig.commit_ready_sector(kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorTerminateFailed"),
            "sector was precommitted but not proven, remove instead of terminating");
  rig.advance(3600);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed)) << "TerminateFailed stalls on it";
  EXPECT_FALSE(rig.group.busy(kSector));
}

TEST(Terminating, APrecommitLookupErrorFailsTheTermination) {
  HandlerRig rig;
  const SectorInfo base = rig.commit_ready_sector(kSector);
  rig.chain.pre_commits.erase(kSector);  // allocated, neither precommitted nor proven
  rig.force(kSector, SectorState::Terminating, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorTerminateFailed"),
            std::string("checking precommit presence: ") + kErrSectorAllocated);
}

TEST(Terminating, ASectorNeitherProvenNorPrecommittedIsRemoved) {
  HandlerRig rig;
  const SectorInfo base = rig.commit_ready_sector(kSector);
  rig.chain.pre_commits.erase(kSector);
  rig.chain.allocated.erase(kSector);
  rig.force(kSector, SectorState::Terminating, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removing));
  rig.advance(10);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removed));
}

// --- TerminateWait ---

SectorInfo waiting_termination(HandlerRig& rig, SectorNumber n, const Cid& message) {
  SectorInfo info = proven_sector(rig, n);
  info.terminate_message = message;
  return info;
}

TEST(TerminateWait, ALandedTerminationRecordsItsHeight) {
  HandlerRig rig;
  const Cid message = test_comm_d(201);
  rig.force(kSector, SectorState::TerminateWait, waiting_termination(rig, kSector, message));
  rig.chain.land(message, MessageReceipt{0, {}, 0}, 123);
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFinality));
  EXPECT_EQ(rig.record(kSector).terminated_at, 123);
}

TEST(TerminateWait, AFailedWaitOrMessageFailsTheTermination) {
  HandlerRig rig;
  const Cid first = test_comm_d(201);
  rig.force(kSector, SectorState::TerminateWait, waiting_termination(rig, kSector, first));
  rig.chain.fail_wait(first, "lookback exceeded");
  rig.settle();
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  EXPECT_EQ(rig.event_trace(kSector, "SectorTerminateFailed"),
            "waiting for terminate message to land on chain: lookback exceeded");

  const Cid second = test_comm_d(202);
  rig.force(kSector + 1, SectorState::TerminateWait, waiting_termination(rig, kSector + 1, second));
  rig.chain.land(second, MessageReceipt{16, {}, 0});
  rig.settle();
  EXPECT_TRUE(rig.in(kSector + 1, SectorState::TerminateFailed));
  EXPECT_EQ(rig.event_trace(kSector + 1, "SectorTerminateFailed"),
            "terminate message failed to execute: exit 16: %!w(<nil>)");
}

TEST(TerminateWait, NoMessageStalls) {
  HandlerRig rig;
  rig.force(kSector, SectorState::TerminateWait, proven_sector(rig, kSector));
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateWait));
  EXPECT_FALSE(rig.group.busy(kSector));
}

// --- TerminateFinality ---

SectorInfo terminated_sector(HandlerRig& rig, SectorNumber n, ChainEpoch at) {
  SectorInfo info = proven_sector(rig, n);
  info.terminated_at = at;
  return info;
}

TEST(TerminateFinality, RemovesOnceTheWinningPoStLookbackHasPassed) {
  HandlerRig rig;
  rig.chain.head.height = 1000;
  rig.force(kSector, SectorState::TerminateFinality, terminated_sector(rig, kSector, 100));
  EXPECT_TRUE(rig.in(kSector, SectorState::Removing));
  EXPECT_EQ(NetworkConstants::mainnet().winning_post_sector_set_lookback(13), 900);
  EXPECT_EQ(NetworkConstants::mainnet().winning_post_sector_set_lookback(3), 10);
  EXPECT_EQ(NetworkConstants::mainnet().winning_post_sector_set_lookback(4), 900);
}

TEST(TerminateFinality, OverWaitsByTheDistanceAlreadyCovered) {
  HandlerRig rig;
  rig.chain.head.height = 500;  // 400 epochs after the termination, 500 still to go
  rig.force(kSector, SectorState::TerminateFinality, terminated_sector(rig, kSector, 100));
  EXPECT_TRUE(rig.group.busy(kSector));
  rig.chain.head.height = 1000;  // the lookback is over after 500 epochs = 15,000 s...
  rig.advance(15'000);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFinality))
      << "...but Lotus sleeps (500 - 100 + 900) epochs (Q9)";
  rig.clock.advance_to(kStart + 1300 * 30 - 1);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFinality));
  rig.clock.advance_to(kStart + 1300 * 30);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removing));
}

TEST(TerminateFinality, EarlyNetworkVersionsUseTheShortLookback) {
  HandlerRig rig;
  rig.chain.network_version = 3;
  rig.chain.head.height = 110;
  rig.force(kSector, SectorState::TerminateFinality, terminated_sector(rig, kSector, 100));
  EXPECT_TRUE(rig.in(kSector, SectorState::Removing));
}

TEST(TerminateFinality, HeadOrNetworkVersionErrorsFailTheTermination) {
  for (const std::string call : {"chain_head", "state_network_version"}) {
    HandlerRig rig;
    rig.chain.fail_next(call, "api down");
    rig.force(kSector, SectorState::TerminateFinality, terminated_sector(rig, kSector, 100));
    EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed)) << call;
    EXPECT_EQ(rig.event_trace(kSector, "SectorTerminateFailed"),
              (call == "chain_head" ? "getting chain head: " : "getting network version: ") +
                  std::string("api down"));
  }
}

TEST(TerminateFinality, AfterADeepReorgItPollsOncePerBlockInsteadOfSpinning) {
  HandlerRig rig;
  rig.chain.head.height = 50;
  rig.force(kSector, SectorState::TerminateFinality, terminated_sector(rig, kSector, 2000));
  auto heads = [&rig] { return std::count(rig.chain.calls.begin(), rig.chain.calls.end(), "chain_head"); };
  const auto before = heads();
  rig.advance(29);
  EXPECT_EQ(heads(), before);
  rig.advance(1);
  EXPECT_EQ(heads(), before + 1);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFinality));
}

// --- TerminateFailed ---

TEST(TerminateFailed, RetriesTheTerminationAfterTheCooldown) {
  HandlerRig rig;
  rig.force(kSector, SectorState::TerminateFailed, proven_sector(rig, kSector));
  rig.clock.advance_to(kStart + 59);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.in(kSector, SectorState::Terminating));
  EXPECT_EQ(rig.batchers.terminations.size(), 1u);
}

TEST(TerminateFailed, APrecommitLookupErrorCountsAsNoPrecommit) {
  HandlerRig rig;
  rig.chain.fail_next("state_sector_pre_commit_info", "api down");
  rig.force(kSector, SectorState::TerminateFailed, rig.commit_ready_sector(kSector));
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.logged(kSector, "SectorTerminate"));
}

TEST(TerminateFailed, APrecommittedSectorWaitsForTheOperator) {
  HandlerRig rig;
  rig.force(kSector, SectorState::TerminateFailed, rig.commit_ready_sector(kSector));
  rig.advance(3600);
  EXPECT_TRUE(rig.in(kSector, SectorState::TerminateFailed));
  EXPECT_FALSE(rig.group.busy(kSector));
  rig.group.send(kSector, SectorRemove{});  // the manual action
  rig.advance(10);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removed));
}

// --- FaultReported ---

TEST(FaultReported, ALandedFaultDeclarationHaltsTheMachine) {
  HandlerRig rig;
  SectorInfo base = proven_sector(rig, kSector);
  const Cid report = test_comm_d(210);
  base.fault_report_msg = report;
  rig.force(kSector, SectorState::FaultReported, base);
  rig.chain.land(report, MessageReceipt{0, {}, 0});
  rig.settle();
  EXPECT_TRUE(rig.group.halted(kSector)) << "FaultReported is final: SectorFaultedFinal halts (Q7)";
  EXPECT_TRUE(rig.in(kSector, SectorState::FaultReported));
  const auto findings = rig.findings(kSector);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].kind, "finding;PlannerHalt");
}

TEST(FaultReported, NoMessageAFailedWaitOrAFailedDeclarationStalls) {
  HandlerRig rig;
  rig.force(kSector, SectorState::FaultReported, proven_sector(rig, kSector));
  EXPECT_FALSE(rig.group.busy(kSector));

  SectorInfo failing = proven_sector(rig, kSector + 1);
  failing.fault_report_msg = test_comm_d(211);
  rig.force(kSector + 1, SectorState::FaultReported, failing);
  rig.chain.fail_wait(*failing.fault_report_msg, "lookback exceeded");

  SectorInfo rejected = proven_sector(rig, kSector + 2);
  rejected.fault_report_msg = test_comm_d(212);
  rig.force(kSector + 2, SectorState::FaultReported, rejected);
  rig.chain.land(*rejected.fault_report_msg, MessageReceipt{16, {}, 0});
  rig.settle();

  for (SectorNumber n : {kSector, kSector + 1, kSector + 2}) {
    EXPECT_TRUE(rig.in(n, SectorState::FaultReported)) << n;
    EXPECT_FALSE(rig.group.busy(n)) << n;
    EXPECT_FALSE(rig.group.halted(n)) << n;
  }
}

// --- restart ---

TEST(PostSealRestart, AWaitingHandlerRunsAgainAfterARestartAndOnlyTheNewRunActs) {
  HandlerRig rig;
  MemorySectorStore store;
  test::RecordingRunner runner(rig.handlers);
  std::optional<SectorStateGroup> group;
  group.emplace(store, rig.clock, runner);

  SectorInfo base = proven_sector(rig, kSector);
  const Cid message = *base.commit_message;
  rig.chain.sectors.erase(kSector);  // not proven yet: the commit message is in flight
  store.save(kSector, base);
  group->send(kSector, SectorForceState{"CommitWait"});
  EXPECT_EQ(rig.chain.waiters(message), 1u);

  group.reset();  // the process stops; the pending wait now answers a run of a gone group
  group.emplace(store, rig.clock, runner);
  group->restart_all();  // Sealing.Run: SectorRestart re-runs CommitWait's handler
  EXPECT_EQ(rig.chain.waiters(message), 2u);

  rig.prove_on_chain(kSector);
  rig.chain.land(message, MessageReceipt{0, {}, 0});
  rig.advance(20);
  const SectorInfo after = *store.load(kSector);
  EXPECT_TRUE(after.in_state(SectorState::Proving));
  const auto provings = std::count_if(after.log.begin(), after.log.end(), [](const SectorLogEntry& e) {
    return e.kind == "event;sealing.SectorProving";
  });
  EXPECT_EQ(provings, 1) << "the stale run's event went nowhere";
}

// --- end to end ---

TEST(PostSealEndToEnd, FromCommittingToProvingAndThroughTerminationToRemoved) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.proof.clear();
  rig.force(kSector, SectorState::Committing, base);

  // C1 + C2, the local check, then the aggregate route (network version 13).
  rig.advance(20);
  ASSERT_TRUE(rig.in(kSector, SectorState::SubmitCommitAggregate));
  ASSERT_EQ(rig.batchers.commits.size(), 1u);
  EXPECT_EQ(rig.batchers.commits[0].added.proof, Bytes(192, 3));
  const Cid batch = test_comm_d(220);
  CommitBatchResult committed;
  committed.sectors = {kSector};
  committed.message = batch;
  rig.batchers.answer(rig.batchers.commits[0], Result<CommitBatchResult>::ok(committed));
  rig.settle();
  ASSERT_TRUE(rig.in(kSector, SectorState::CommitWait));

  rig.prove_on_chain(kSector);
  rig.chain.land(batch, MessageReceipt{0, {}, 0});
  rig.advance(20);  // finalize, then Proving's ReleaseUnsealed
  ASSERT_TRUE(rig.in(kSector, SectorState::Proving));
  EXPECT_FALSE(rig.group.busy(kSector));

  // The operator terminates the sector.
  rig.group.send(kSector, SectorTerminate{});
  ASSERT_TRUE(rig.in(kSector, SectorState::Terminating));
  ASSERT_EQ(rig.batchers.terminations.size(), 1u);
  const Cid termination = test_comm_d(221);
  rig.batchers.answer(rig.batchers.terminations[0],
                      Result<TerminationResult>::ok(TerminationResult{termination, false}));
  rig.settle();
  ASSERT_TRUE(rig.in(kSector, SectorState::TerminateWait));
  rig.chain.head.height = 300;
  rig.chain.land(termination, MessageReceipt{0, {}, 0}, 300);
  rig.settle();
  ASSERT_TRUE(rig.in(kSector, SectorState::TerminateFinality));
  EXPECT_EQ(rig.record(kSector).terminated_at, 300);

  // Finality: wait until the head is past TerminatedAt + 900.
  rig.chain.head.height = 1200;
  rig.advance(900 * 30);
  ASSERT_TRUE(rig.in(kSector, SectorState::Removing));
  rig.advance(10);
  EXPECT_TRUE(rig.in(kSector, SectorState::Removed));
  EXPECT_FALSE(rig.group.busy(kSector));
  EXPECT_TRUE(rig.findings(kSector).empty());

  std::vector<std::string> path;
  for (const auto& entry : rig.record(kSector).log) {
    path.push_back(entry.kind.substr(std::string("event;sealing.").size()));
  }
  EXPECT_EQ(path, (std::vector<std::string>{
                      "SectorForceState", "SectorCommitted", "SectorSubmitCommitAggregate",
                      "SectorCommitAggregateSent", "SectorProving", "SectorFinalized",
                      "SectorTerminate", "SectorTerminating", "SectorTerminated", "SectorRemove",
                      "SectorRemoved"}));
}

}  // namespace
}  // namespace sealsim::sealing
