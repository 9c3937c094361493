// planner_test.cpp: planner semantics of spec §1.4-§1.6 and §5: global mutators from every state,
// final states, ignorable events, apply rules, planCommitting batches, onReturning, halts recorded
// as findings, the sector log, and the v1.11.0 quirks that surface in the planner (Q1, Q6, Q7).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/planner.hpp"
#include "sealing/row_coverage.hpp"

namespace sealsim::sealing {
namespace {

constexpr std::int64_t kNow = 1'600'000'000;

SectorInfo in_state(SectorState s) {
  SectorInfo info;
  info.set_state(s);
  return info;
}

PlanResult plan(SectorInfo& info, std::vector<SectorEvent> events) {
  return plan_events(events, info, kNow);
}

TEST(Planner, GlobalMutatorsWorkFromEveryListedState) {
  for (const auto& s : kSectorStates) {
    SectorInfo a = in_state(s.state);
    ASSERT_FALSE(plan(a, {SectorRemove{}}).halt) << s.display_name;
    EXPECT_TRUE(a.in_state(SectorState::Removing)) << s.display_name;

    SectorInfo b = in_state(s.state);
    ASSERT_FALSE(plan(b, {SectorTerminate{}}).halt) << s.display_name;
    EXPECT_TRUE(b.in_state(SectorState::Terminating)) << s.display_name;

    SectorInfo c = in_state(s.state);
    ASSERT_FALSE(plan(c, {SectorForceState{"Proving"}}).halt) << s.display_name;
    EXPECT_TRUE(c.in_state(SectorState::Proving)) << s.display_name;

    SectorInfo d = in_state(s.state);
    const PlanResult r = plan(d, {SectorRestart{}});
    ASSERT_FALSE(r.halt) << s.display_name;
    const SectorState expected = s.state == SectorState::PackingFailed ? SectorState::DealsExpired : s.state;
    EXPECT_TRUE(d.in_state(expected)) << s.display_name;
    EXPECT_TRUE(d.log.empty()) << "SectorRestart is not logged";
  }
}

TEST(Planner, GlobalEventEndsThePlanCallAndLeavesTheRestQueued) {
  SectorInfo info = in_state(SectorState::WaitDeals);
  const PlanResult r = plan(info, {SectorRestart{}, SectorAddPiece{}});
  EXPECT_EQ(r.consumed, 1u);
  EXPECT_TRUE(info.in_state(SectorState::WaitDeals));
  EXPECT_EQ(r.handler, SectorHandler::WaitDeals);
}

TEST(Planner, OnRuleStopsAfterTheStateChange) {
  SectorInfo info = in_state(SectorState::Packing);
  const PlanResult r = plan(info, {SectorPacked{}, SectorTicket{}});
  EXPECT_EQ(r.consumed, 1u);
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  EXPECT_EQ(r.handler, SectorHandler::GetTicket);
  // Both events are logged even though only one was consumed (Lotus logs all passed events).
  EXPECT_EQ(info.log.size(), 2u);
  EXPECT_EQ(info.log[0].kind, "event;sealing.SectorPacked");
}

TEST(Planner, ApplyRulesAndIgnorableEventsContinue) {
  SectorInfo info = in_state(SectorState::AddPiece);
  const PlanResult r =
      plan(info, {SectorStartPacking{}, SectorAddPiece{}, SectorPieceAdded{}, SectorAddPiece{}});
  EXPECT_EQ(r.consumed, 3u);  // absorbed, applied, then PieceAdded -> WaitDeals stops
  EXPECT_TRUE(info.in_state(SectorState::WaitDeals));
  EXPECT_EQ(info.creation_time, kNow) << "SectorAddPiece sets CreationTime when 0";

  SectorInfo idle = in_state(SectorState::GetTicket);
  const PlanResult skipped = plan(idle, {SectorStartPacking{}});
  EXPECT_FALSE(skipped.halt);
  EXPECT_EQ(skipped.consumed, 1u);
  EXPECT_TRUE(idle.in_state(SectorState::GetTicket));
}

TEST(Planner, RejectedEventHaltsAndIsRecordedAsAFinding) {
  SectorInfo info = in_state(SectorState::PreCommit2);
  info.ticket_epoch = 7;
  const PlanResult r = plan(info, {SectorPacked{}});
  ASSERT_TRUE(r.halt.has_value());
  EXPECT_EQ(r.halt->kind, FindingKind::PlannerHalt);
  EXPECT_EQ(r.halt->event, "SectorPacked");
  EXPECT_NE(r.halt->message.find("planner for state PreCommit2 received unexpected event SectorPacked"),
            std::string::npos)
      << r.halt->message;
  EXPECT_EQ(r.consumed, 0u);
  EXPECT_TRUE(info.in_state(SectorState::PreCommit2));
  ASSERT_EQ(info.log.size(), 1u) << "only the finding; the event entry is not persisted";
  EXPECT_EQ(info.log[0].kind, "finding;PlannerHalt");
  EXPECT_EQ(info.ticket_epoch, 7);
}

TEST(Planner, HaltDiscardsEarlierAppliesOfTheSameCall) {
  SectorInfo info = in_state(SectorState::AddPiece);
  const PlanResult r = plan(info, {SectorAddPiece{}, SectorTicket{}});
  ASSERT_TRUE(r.halt.has_value());
  EXPECT_EQ(info.creation_time, 0) << "the planner's mutation is not persisted on failure";
}

TEST(Planner, FinalStatesAcceptOnlyAGlobalFirstEvent) {
  for (SectorState s : {SectorState::FaultReported, SectorState::FaultedFinal, SectorState::Removed,
                        SectorState::FailedUnrecoverable}) {
    SectorInfo ok = in_state(s);
    EXPECT_FALSE(plan(ok, {SectorRestart{}}).halt);
    EXPECT_TRUE(ok.in_state(s));

    SectorInfo bad = in_state(s);
    const PlanResult r = plan(bad, {SectorPacked{}, SectorRemove{}});
    ASSERT_TRUE(r.halt.has_value()) << display_name(s);
    EXPECT_NE(r.halt->message.find("didn't expect any events in state"), std::string::npos);
    EXPECT_TRUE(bad.in_state(s));
  }
}

TEST(Planner, Q7FaultedFinalIsRejectedByFaultReported) {
  SectorInfo info = in_state(SectorState::FaultReported);
  EXPECT_TRUE(plan(info, {SectorFaultedFinal{}}).halt.has_value());
}

TEST(Planner, Q1SealPreCommit1FailedFromGetTicketHalts) {
  SectorInfo info = in_state(SectorState::GetTicket);
  EXPECT_TRUE(plan(info, {SectorSealPreCommit1Failed{"randomness"}}).halt.has_value());
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
}

TEST(Planner, Q6LateSeedAfterCommittingHalts) {
  SectorInfo info = in_state(SectorState::SubmitCommit);
  EXPECT_TRUE(plan(info, {SectorSeedReady{Bytes{1, 2}, 9}}).halt.has_value());
}

TEST(Planner, PlanCommittingJudgesTheWholeBatchWithCommittingRules) {
  SectorInfo info = in_state(SectorState::Committing);
  const PlanResult r = plan(info, {SectorCommitted{Bytes{9}}, SectorCommitFailed{"x"}});
  EXPECT_FALSE(r.halt);
  EXPECT_EQ(r.consumed, 2u);
  EXPECT_TRUE(info.in_state(SectorState::CommitFailed));
  EXPECT_EQ(info.proof, Bytes{9});
  EXPECT_EQ(r.handler, SectorHandler::CommitFailed);
}

TEST(Planner, PlanCommittingDoesNotApplySealPreCommit1Failed) {
  SectorInfo info = in_state(SectorState::Committing);
  info.invalid_proofs = 2;
  info.pre_commit2_fails = 3;
  plan(info, {SectorSealPreCommit1Failed{"bad"}});
  EXPECT_TRUE(info.in_state(SectorState::SealPreCommit1Failed));
  EXPECT_EQ(info.invalid_proofs, 2u);
  EXPECT_EQ(info.pre_commit2_fails, 3u);

  SectorInfo elsewhere = in_state(SectorState::PreCommit1);
  elsewhere.invalid_proofs = 2;
  elsewhere.pre_commit2_fails = 3;
  plan(elsewhere, {SectorSealPreCommit1Failed{"bad"}});
  EXPECT_EQ(elsewhere.invalid_proofs, 0u);
  EXPECT_EQ(elsewhere.pre_commit2_fails, 0u);
}

TEST(Planner, PlanCommittingRejectsStartPackingAndKeepsGoingAfterRestart) {
  SectorInfo a = in_state(SectorState::Committing);
  EXPECT_TRUE(plan(a, {SectorStartPacking{}}).halt.has_value());

  SectorInfo b = in_state(SectorState::Committing);
  const PlanResult r = plan(b, {SectorRestart{}, SectorCommitted{}});
  EXPECT_EQ(r.consumed, 2u);
  EXPECT_TRUE(b.in_state(SectorState::SubmitCommit));
}

TEST(Planner, OnReturningGoesToTheReturnStateAndClearsIt) {
  for (SectorState ret : {SectorState::PreCommit1, SectorState::PreCommitting,
                          SectorState::PreCommitFailed, SectorState::CommitFailed}) {
    SectorInfo info = in_state(SectorState::RecoverDealIDs);
    info.return_state = std::string(state_name(ret));
    Piece piece;
    piece.deal = DealInfo{};
    piece.deal->deal_id = 1;
    info.pieces.push_back(piece);
    const PlanResult r = plan(info, {SectorUpdateDealIDs{{{0, 42}}}});
    ASSERT_FALSE(r.halt);
    EXPECT_TRUE(info.in_state(ret));
    EXPECT_TRUE(info.return_state.empty());
    EXPECT_EQ(info.pieces[0].deal->deal_id, 42u);
  }
}

TEST(Planner, OnReturningWithoutReturnHalts) {
  SectorInfo info = in_state(SectorState::RecoverDealIDs);
  const PlanResult r = plan(info, {SectorUpdateDealIDs{}});
  ASSERT_TRUE(r.halt.has_value());
  EXPECT_NE(r.halt->message.find("return state not set"), std::string::npos);
}

TEST(Planner, InvalidDealIdsRecordsTheReturnState) {
  SectorInfo info = in_state(SectorState::PreCommitting);
  plan(info, {SectorInvalidDealIDs{"PreCommitting"}});
  EXPECT_TRUE(info.in_state(SectorState::RecoverDealIDs));
  EXPECT_EQ(info.return_state, "PreCommitting");
}

TEST(Planner, PackingFailedIsRewrittenToDealsExpired) {
  SectorInfo info = in_state(SectorState::WaitDeals);
  const PlanResult r = plan(info, {SectorForceState{"PackingFailed"}});
  EXPECT_TRUE(info.in_state(SectorState::DealsExpired));
  EXPECT_EQ(r.handler, SectorHandler::DealsExpired);
}

TEST(Planner, UnknownStateAcceptsOnlyASingleGlobalEvent) {
  SectorInfo info;
  info.set_state_by_name("Bogus");
  EXPECT_TRUE(plan(info, {SectorRemove{}, SectorRestart{}}).halt.has_value());
  const PlanResult r = plan(info, {SectorRestart{}});
  EXPECT_FALSE(r.halt);
  EXPECT_EQ(info.state_name(), "Bogus");
  EXPECT_EQ(r.handler, SectorHandler::Unwired);
}

TEST(Planner, ReportsTheRulesItMatchedForCoverage) {
  SectorInfo info = in_state(SectorState::AddPiece);
  const PlanResult r = plan(info, {SectorStartPacking{}, SectorAddPiece{}, SectorPieceAdded{}});
  using Hit = std::pair<SectorState, EventType>;
  EXPECT_EQ(r.rules_hit, (std::vector<Hit>{{SectorState::AddPiece, EventType::SectorStartPacking},
                                           {SectorState::AddPiece, EventType::SectorAddPiece},
                                           {SectorState::AddPiece, EventType::SectorPieceAdded}}));
  SectorInfo idle = in_state(SectorState::GetTicket);
  EXPECT_TRUE(plan(idle, {SectorStartPacking{}}).rules_hit.empty()) << "ignored: no row matched";

  RowCoverage coverage;
  for (const auto& [from, event] : r.rules_hit) {
    coverage.hit(from, event);
  }
  EXPECT_EQ(coverage.count(SectorState::AddPiece, EventType::SectorAddPiece), 1u);
  EXPECT_EQ(coverage.never_hit().size(), planner_table_rows().size() - 3);
}

TEST(Planner, ErrorEventsCarryTheirErrorAsTrace) {
  SectorInfo info = in_state(SectorState::PreCommit2);
  plan(info, {SectorSealPreCommit2Failed{"pc2 exploded"}});
  ASSERT_EQ(info.log.size(), 1u);
  EXPECT_EQ(info.log[0].trace, "pc2 exploded");
  EXPECT_EQ(info.log[0].timestamp, static_cast<std::uint64_t>(kNow));
  EXPECT_EQ(info.pre_commit2_fails, 1u);
  EXPECT_NE(info.log[0].message.find("\"User\""), std::string::npos);
}

}  // namespace
}  // namespace sealsim::sealing
