// transition_coverage_test.cpp: the transition coverage file (merge across runs, rows and handler
// branches), its HTML tables (every planner row and every listed branch, never-hit first, the
// spec's unreachable reasons from one list), a scenario run's hits (the failure scenarios take the
// branches their descriptions name), and the crash-test restart-point checks (crash_replay_store.hpp).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>
#include <unistd.h>

#include "scenarios/crash_replay_store.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"
#include "scenarios/transition_coverage.hpp"
#include "sealing/sector_store_memory.hpp"

namespace sealsim::scenarios {
namespace {

using sealing::EventType;
using sealing::SectorState;

class CoverageFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sealsim_coverage_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CoverageFile, MergingAddsHitsAndRuns) {
  sealing::RowCoverage a;
  a.hit(SectorState::Undefined, EventType::SectorStartCC);
  a.hit(SectorState::Packing, EventType::SectorPacked);
  a.hit(SectorState::Packing, EventType::SectorPacked);
  TransitionCoverage first;
  first.add(a, 1);
  const auto file = dir_ / "sub" / "cov.json";
  EXPECT_EQ(load_coverage_file(file).runs, 0u);  // missing: empty
  merge_into_coverage_file(file, first);
  sealing::RowCoverage b;
  b.hit(SectorState::Packing, EventType::SectorPacked);
  b.hit(SectorState::GetTicket, EventType::SectorTicket);
  TransitionCoverage second;
  second.add(b, 3);
  const TransitionCoverage merged = merge_into_coverage_file(file, second);
  const TransitionCoverage read = load_coverage_file(file);
  EXPECT_EQ(read.runs, 4u);
  EXPECT_EQ(read.rows, merged.rows);
  EXPECT_EQ(read.hits(SectorState::Undefined, EventType::SectorStartCC), 1u);
  EXPECT_EQ(read.hits(SectorState::Packing, EventType::SectorPacked), 3u);
  EXPECT_EQ(read.hits(SectorState::GetTicket, EventType::SectorTicket), 1u);
  EXPECT_EQ(read.hits(SectorState::PreCommit1, EventType::SectorPreCommit1), 0u);
  EXPECT_EQ(read.rows.size(), 3u);
}

TEST_F(CoverageFile, MalformedFilesAreRefused) {
  for (const char* text : {"not json", R"({"format": "x", "runs": 1, "rows": {}})",
                           R"({"format": "sealsim-coverage/1", "runs": -1, "rows": {}})",
                           R"({"format": "sealsim-coverage/1", "runs": 1, "rows": {"A B": "3"}})"}) {
    std::ofstream(dir_ / "bad.json") << text;
    EXPECT_THROW(load_coverage_file(dir_ / "bad.json"), std::invalid_argument) << text;
  }
}

TEST(CoverageHtml, ListsEveryPlannerRowNeverHitFirst) {
  sealing::RowCoverage hits;
  hits.hit(SectorState::Packing, EventType::SectorPacked);
  TransitionCoverage coverage;
  coverage.add(hits, 1);
  const std::string html = coverage_html(coverage);
  const auto& rows = sealing::planner_table_rows();
  ASSERT_GT(rows.size(), 100u);
  std::size_t tr = 0;  // planner rows ("never ..."/"hit ..."); branch rows are "branch ..."
  for (const char* kind : {"<tr class=\"never", "<tr class=\"hit"}) {
    for (std::size_t at = html.find(kind); at != std::string::npos; at = html.find(kind, at + 1)) ++tr;
  }
  EXPECT_EQ(tr, rows.size());
  for (const auto& row : rows) {
    const std::string cells = "<td>" + std::string(sealing::display_name(row.from)) + "</td><td>" +
                              std::string(sealing::event_info(row.event).name) + "</td>";
    EXPECT_NE(html.find(cells), std::string::npos) << cells;
  }
  const auto first_hit = html.find("<tr class=\"hit");
  const auto last_never = html.rfind("<tr class=\"never");
  ASSERT_NE(first_hit, std::string::npos);
  EXPECT_LT(last_never, first_hit);
  EXPECT_NE(html.find("<td>Packing</td><td>SectorPacked</td>"), std::string::npos);
  EXPECT_GT(html.find("<td>Packing</td><td>SectorPacked</td>"), last_never);
}

TEST(CoverageHtml, NamesTheSpecsUnreachableRows) {
  EXPECT_TRUE(unreachable_reason(SectorState::FaultedFinal, EventType::SectorRestart));
  EXPECT_TRUE(unreachable_reason(SectorState::Proving, EventType::SectorFaulty));
  EXPECT_TRUE(unreachable_reason(SectorState::CommitAggregateWait, EventType::SectorRestart));
  EXPECT_FALSE(unreachable_reason(SectorState::Packing, EventType::SectorPacked));
  EXPECT_FALSE(unreachable_reason(SectorState::Undefined, EventType::SectorStartCC));
  const std::string html = coverage_html(TransitionCoverage{});
  EXPECT_NE(html.find("unreachable: nothing in v1.11.0 sends this event"), std::string::npos);
}

TEST(RunCoverage, AScenarioRunHitsTheRowsOfItsPath) {
  // Five CC sectors that get through Packing into the pre-commit states.
  const Scenario s = load_scenario_file(std::filesystem::path(SEALSIM_SOURCE_DIR) / "tests" / "scenarios" / "cases" /
                                        "crash-multi-sector.json");
  sealing::RowCoverage coverage;
  RunOptions options;
  options.coverage = &coverage;
  const RunResult result = run_scenario(s, options);
  EXPECT_GE(coverage.count(SectorState::Undefined, EventType::SectorStartCC), 1u);
  // Every single-event plan call of the trace that changed state hit its (from, event) row.
  std::size_t checked = 0;
  for (const auto& e : result.trace) {
    if (e.component != "sealing" || e.from.empty() || e.from == e.to || e.event.find(',') != std::string::npos) continue;
    std::optional<SectorState> from;
    for (const auto& info : sealing::kSectorStates) if (info.display_name == e.from) from = info.state;
    std::optional<EventType> event;
    for (const auto& info : sealing::kSectorEvents) if (info.name == e.event) event = info.type;
    if (!from || !event) continue;
    EXPECT_GE(coverage.count(*from, *event), 1u) << e.from << " " << e.event;
    ++checked;
  }
  EXPECT_GE(checked, 5u);
  EXPECT_GE(coverage.count(SectorState::Packing, EventType::SectorPacked), 5u);
  // Counts add across runs into one RowCoverage.
  sealing::RowCoverage again = coverage;
  options.coverage = &again;
  run_scenario(s, options);
  EXPECT_EQ(again.count(SectorState::Undefined, EventType::SectorStartCC),
            2 * coverage.count(SectorState::Undefined, EventType::SectorStartCC));
}

TEST(RunCoverage, AScenarioRunHitsTheHandlerBranchesOfItsPath) {
  // One CC sector whose first PreCommit1 fails on the worker, then seals to Proving.
  const Scenario s = load_scenario_file(std::filesystem::path(SEALSIM_SOURCE_DIR) / "scenarios" / "library" /
                                        "cc-pc1-failure-recovery.json");
  sealing::RowCoverage rows;
  sealing::BranchCoverage branches;
  RunOptions options;
  options.coverage = &rows;
  options.branch_coverage = &branches;
  const RunResult result = run_scenario(s, options);
  ASSERT_TRUE(result.passed());
  using sealing::HandlerBranch;
  EXPECT_EQ(branches.count(HandlerBranch::PreCommit1Pc1Failed), 1u);
  EXPECT_EQ(branches.count(HandlerBranch::SealPreCommit1FailedRetry), 1u);
  EXPECT_EQ(branches.count(HandlerBranch::PreCommit1Pc1Done), 1u);
  EXPECT_EQ(branches.count(HandlerBranch::CommitWaitProving), 1u);
  EXPECT_EQ(branches.count(HandlerBranch::CommitFailedBadSeed), 0u);
  // Each branch that sends an event shows as its state's row.
  EXPECT_EQ(rows.count(SectorState::SealPreCommit1Failed, EventType::SectorRetrySealPreCommit1), 1u);
  TransitionCoverage file;
  file.add(rows, 1);
  file.add_branches(branches);
  EXPECT_EQ(file.hits(HandlerBranch::SealPreCommit1FailedRetry), 1u);
  EXPECT_EQ(file.branches.count("SealPreCommit1Failed.Retry"), 1u);
}

// Each failure scenario of the library enters the failure state it is named for and leaves it the
// way its description says: the handler branches listed here (typed from the descriptions) are hit.
TEST(RunCoverage, EachFailureScenarioTakesTheBranchesItDescribes) {
  using sealing::HandlerBranch;
  const std::vector<std::pair<std::string, std::vector<HandlerBranch>>> cases = {
      {"fail-pc2-retry", {HandlerBranch::PreCommit2Pc2Failed, HandlerBranch::SealPreCommit2FailedRetryPc2}},
      {"fail-pc2-four-failures-reseal", {HandlerBranch::SealPreCommit2FailedRetryPc1}},
      {"fail-compute-proof-retry", {HandlerBranch::CommittingC2Failed, HandlerBranch::ComputeProofFailedRetry}},
      {"fail-compute-proof-reseal", {HandlerBranch::ComputeProofFailedReseal, HandlerBranch::SealPreCommit1FailedRetry}},
      {"fail-finalize-retry", {HandlerBranch::FinalizeSectorFailed, HandlerBranch::FinalizeFailedRetry}},
      {"fail-commit-finalize-retry", {HandlerBranch::CommittingProofReady, HandlerBranch::FinalizeFailedRetry}},
      {"fail-prove-commit-out-of-gas", {HandlerBranch::CommitWaitRetryFunds}},
      {"fail-prove-commit-message-fails",
       {HandlerBranch::CommitWaitExitFailed, HandlerBranch::CommitFailedProofChecksOut,
        HandlerBranch::CommittingCommitMessageFound}},
      {"fail-commit-wait-api-error", {HandlerBranch::CommitWaitWaitError}},
      {"fail-precommit-batch-fails", {HandlerBranch::PreCommitWaitFailed, HandlerBranch::PreCommitFailedRetryPreCommit}},
      {"fail-precommit-out-of-gas", {HandlerBranch::PreCommitWaitRetryFunds}},
      {"fail-precommit-batch-out-of-gas", {HandlerBranch::PreCommitWaitRetryFunds}},
      {"fail-precommit-wait-api-error", {HandlerBranch::PreCommitWaitWaitError, HandlerBranch::PreCommitFailedMessageNotFound}},
      {"fail-mpool-push-errors",
       {HandlerBranch::PreCommittingSendFailed, HandlerBranch::SubmitCommitSendFailed,
        HandlerBranch::CommitFailedProofChecksOut}},
      {"fail-seed-randomness-error", {HandlerBranch::WaitSeedRandomnessError, HandlerBranch::PreCommitFailedMessageLanded}},
      {"fail-batch-api-errors",
       {HandlerBranch::PreCommitParamsDepositError, HandlerBranch::SubmitPreCommitBatchParamsFailed,
        HandlerBranch::SubmitCommitAggregateFailedSector}},
      {"fail-terminate-precommitted-then-remove", {HandlerBranch::TerminatingPrecommittedNotProven,
                                                   HandlerBranch::TerminateFailedPrecommittedStall}},
      {"fail-terminate-message-fails", {HandlerBranch::TerminateWaitExitFailed, HandlerBranch::TerminateFailedRetry}},
      {"fail-terminate-finality-head-error",
       {HandlerBranch::TerminateFinalityHeadError, HandlerBranch::TerminatingPreCommitInfoError}},
      {"fail-remove-retry", {HandlerBranch::RemovingFailed, HandlerBranch::RemoveFailedRetry, HandlerBranch::RemovingRemoved}},
      {"fail-force-packing-failed-terminate", {HandlerBranch::DealsExpiredCommittedStall}},
  };
  for (const auto& [name, branches] : cases) {
    const Scenario s = load_scenario_file(std::filesystem::path(SEALSIM_SOURCE_DIR) / "scenarios" / "library" /
                                          (name + ".json"));
    sealing::BranchCoverage taken;
    RunOptions options;
    options.branch_coverage = &taken;
    const RunResult result = run_scenario(s, options);
    EXPECT_TRUE(result.passed()) << name;
    for (const auto branch : branches) {
      EXPECT_GE(taken.count(branch), 1u) << name << " never took " << sealing::branch_info(branch).id;
    }
  }
}

TEST_F(CoverageFile, BranchCountsMergeAndUnknownIdsAreKept) {
  sealing::BranchCoverage a;
  a.hit(sealing::HandlerBranch::CommitFailedBadSeed);
  TransitionCoverage first;
  first.add(sealing::RowCoverage{}, 1);
  first.add_branches(a);
  first.branches["Retired.Branch"] = 5;  // from an older build's list
  const auto file = dir_ / "cov.json";
  merge_into_coverage_file(file, first);
  merge_into_coverage_file(file, first);
  const TransitionCoverage read = load_coverage_file(file);
  EXPECT_EQ(read.hits(sealing::HandlerBranch::CommitFailedBadSeed), 2u);
  EXPECT_EQ(read.branches.at("Retired.Branch"), 10u);
  std::ofstream(dir_ / "bad.json") << R"({"format": "sealsim-coverage/1", "runs": 1, "rows": {}, "branches": {"A.B": -1}})";
  EXPECT_THROW(load_coverage_file(dir_ / "bad.json"), std::invalid_argument);
}

TEST(CoverageHtml, ListsEveryHandlerBranchNeverHitFirst) {
  sealing::BranchCoverage branches;
  branches.hit(sealing::HandlerBranch::CommitWaitProving);
  TransitionCoverage coverage;
  coverage.add_branches(branches);
  const std::string html = coverage_html(coverage);
  std::size_t rows = 0;
  for (std::size_t at = html.find("<tr class=\"branch "); at != std::string::npos;
       at = html.find("<tr class=\"branch ", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, sealing::kHandlerBranchCount);
  const auto hit_row = html.find("<tr class=\"branch hit\"><td>CommitWait.Proving</td>");
  ASSERT_NE(hit_row, std::string::npos);
  EXPECT_GT(hit_row, html.rfind("<tr class=\"branch never"));
  EXPECT_NE(html.find("<td>PreCommitFailed.NoPrecommit</td>"), std::string::npos);
  EXPECT_NE(html.find("checkPrecommit never returns ErrNoPrecommit"), std::string::npos);
}

TEST(CoverageHtml, UnreachableReasonsComeFromOneList) {
  for (const auto& row : sealing::planner_table_rows()) {
    const auto reason = unreachable_reason(row.from, row.event);
    bool listed = false;
    for (const auto& entry : unreachable_rows()) {
      if ((!entry.from || *entry.from == row.from) && (!entry.event || *entry.event == row.event)) {
        EXPECT_EQ(reason, std::string(entry.reason));
        listed = true;
        break;
      }
    }
    EXPECT_EQ(listed, reason.has_value());
  }
}

sealing::SectorInfo record(SectorState state, std::size_t log_entries) {
  sealing::SectorInfo info;
  info.set_state(state);
  info.log.resize(log_entries);
  return info;
}

TEST(RestartPoint, AtAnEventBoundaryTheStoreMustHoldExactlyTheRunsRecords) {
  RestartPointCheck check({{1, record(SectorState::Packing, 2)}});
  check.saved(1, record(SectorState::Undefined, 0));
  EXPECT_TRUE(check.compare_at_boundary());  // the store is ahead: a later record
  check.saved(1, record(SectorState::Packing, 2));
  EXPECT_FALSE(check.compare_at_boundary());
  check.saved(2, record(SectorState::Undefined, 0));
  EXPECT_TRUE(check.compare_at_boundary());  // sector 2 saved but lost
  EXPECT_FALSE(check.compare_with_history());
}

TEST(RestartPoint, AfterAKillAnywhereEachRecordMustBeOneTheRunSaved) {
  RestartPointCheck torn({{1, record(SectorState::Packing, 3)}});
  torn.saved(1, record(SectorState::Packing, 2));
  torn.saved(1, record(SectorState::GetTicket, 3));
  EXPECT_TRUE(torn.compare_with_history());  // (Packing, 3 entries) never existed
  RestartPointCheck stray({{7, record(SectorState::Packing, 1)}});
  EXPECT_TRUE(stray.compare_with_history());  // a sector the run never creates
  RestartPointCheck fine({{1, record(SectorState::Packing, 2)}});
  fine.saved(1, record(SectorState::Packing, 2));
  fine.saved(1, record(SectorState::GetTicket, 3));
  EXPECT_FALSE(fine.compare_with_history());
}

TEST(RestartPoint, TheReplayReadsItsOwnRecordsNotTheStoresFuture) {
  auto check = std::make_shared<RestartPointCheck>(
      std::map<SectorNumber, sealing::SectorInfo>{{1, record(SectorState::PreCommit1, 5)}});
  auto file = std::make_unique<sealing::MemorySectorStore>();
  auto* file_view = file.get();
  CrashReplayStore store(std::move(file), check);
  EXPECT_TRUE(store.list().empty());
  EXPECT_FALSE(store.load(1));
  store.save(1, record(SectorState::Packing, 1));
  EXPECT_EQ(store.load(1)->state, SectorState::Packing);
  EXPECT_EQ(file_view->load(1)->state, SectorState::Packing);  // written through
  EXPECT_EQ(store.list(), std::vector<SectorNumber>{1});
}

}  // namespace
}  // namespace sealsim::scenarios
