// fuzz_campaign_test.cpp: the fuzz campaign's parts: a case renders to a scenario the loader
// accepts (every kind of world event, at the epochs the advances give), the verdict's failures
// and accepted Lotus quirks, and the campaign's determinism and sharding.
#include <gtest/gtest.h>

#include "scenarios/fuzz_campaign.hpp"
#include "scenarios/fuzz_verdict.hpp"
#include "scenarios/fuzz_world.hpp"
#include "scenarios/scenario_loader.hpp"

namespace sealsim::scenarios {
namespace {

WorldEvent event(WorldEventKind kind, std::uint64_t count = 1, std::string name = "", SectorNumber sector = 0) {
  WorldEvent e;
  e.kind = kind;
  e.count = count;
  e.name = std::move(name);
  e.sector = sector;
  if (kind == WorldEventKind::MessageFault) e.exit_code = "ErrIllegalArgument";
  return e;
}

SwarmSetup two_of_everything() {
  SwarmSetup s;
  s.workers = 2;
  s.storage_paths = 2;
  s.durations = {{"PC1", 600}, {"C2", 30}};
  s.scenario_seed = 77;
  return s;
}

TEST(FuzzWorld, EveryEventKindRendersToAScenarioTheLoaderAccepts) {
  const std::vector<WorldEvent> events = {
      event(WorldEventKind::Pledge, 2),
      event(WorldEventKind::Advance, 100),
      event(WorldEventKind::Reorg, 2),
      event(WorldEventKind::NullRounds, 3),
      event(WorldEventKind::MessageFault, 1, "PreCommitSector"),
      event(WorldEventKind::ChainFault, 2, "StateSectorPreCommitInfo"),
      event(WorldEventKind::Advance, 5),
      event(WorldEventKind::WorkerLost, 1, "w2"),
      event(WorldEventKind::PathFull, 1, "p1"),
      event(WorldEventKind::TaskFault, 1, "PC2"),
      event(WorldEventKind::Restart),
      event(WorldEventKind::Restart, 1, "ProveCommitSector"),
      event(WorldEventKind::Remove, 1, "", 1),
      event(WorldEventKind::Terminate, 1, "", 2),
  };
  const auto document = render_fuzz_scenario("fuzz-1", "d", two_of_everything(), events, {{"liveness_epochs", 5}});
  const Scenario s = load_scenario_text(document.dump(), "fuzz-1.json", ".");
  // The two advances are gaps, not entries; the healing restarts follow the events.
  ASSERT_EQ(s.timeline.size(), 12u + kFuzzHealingRestarts);
  for (int i = 1; i <= kFuzzHealingRestarts; ++i) {
    const auto& entry = s.timeline[11 + static_cast<std::size_t>(i)];
    EXPECT_EQ(entry.at, kFuzzFirstEventEpoch + 105 + i * kFuzzHealingRestartSpacing);
    EXPECT_TRUE(std::holds_alternative<RestartEvent>(entry.action));
  }
  EXPECT_EQ(s.timeline[0].at, kFuzzFirstEventEpoch);
  EXPECT_EQ(s.timeline[1].at, kFuzzFirstEventEpoch + 100);
  EXPECT_EQ(s.timeline[5].at, kFuzzFirstEventEpoch + 105);
  EXPECT_EQ(s.end_epoch, kFuzzFirstEventEpoch + 105 + kFuzzSettleEpochs);
  EXPECT_EQ(s.workers.size(), 2u);
  EXPECT_EQ(s.storage.size(), 2u);
  EXPECT_EQ(s.seed, 77u);
  EXPECT_EQ(s.expect.liveness_epochs, 5);
  EXPECT_TRUE(std::holds_alternative<OperatorEvent>(s.timeline[11].action));
  // A plain restart, then one that kills the process right after its next ProveCommitSector push.
  EXPECT_FALSE(std::get<RestartEvent>(s.timeline[8].action).after_push);
  EXPECT_EQ(std::get<RestartEvent>(s.timeline[9].action).after_push, "ProveCommitSector");
}

SectorHistory history(std::vector<std::pair<ChainEpoch, std::string>> states) {
  SectorHistory h;
  h.created = states.empty() ? 0 : states.front().first;
  h.states = std::move(states);
  h.final_state = h.states.empty() ? "" : h.states.back().second;
  return h;
}

TEST(FuzzVerdict, ProvingAndRemovedSectorsPass) {
  RunResult run;
  run.end_epoch = 3000;
  run.sectors[1] = history({{10, "Packing"}, {900, "Proving"}});
  run.sectors[2] = history({{10, "Packing"}, {20, "Removing"}, {21, "Removed"}});
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_FALSE(v.failed) << v.what;
}

TEST(FuzzVerdict, AStuckSectorFailsLivenessAndTheExpectationSaysSo) {
  RunResult run;
  run.end_epoch = 3000;
  run.reached_epoch = 3000;
  run.sectors[1] = history({{10, "Packing"}, {900, "Proving"}});
  run.sectors[2] = history({{10, "Packing"}, {40, "PreCommit1"}, {41, "SealPreCommit1Failed"}});
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_TRUE(v.failed);
  EXPECT_NE(v.what.find("sector 2"), std::string::npos) << v.what;
  EXPECT_NE(v.what.find("SealPreCommit1Failed"), std::string::npos) << v.what;
  EXPECT_EQ(v.expect, (nlohmann::json{{"liveness_epochs", 3000}}));
}

TEST(FuzzVerdict, AStoppedRunFails) {
  RunResult run;
  run.end_epoch = 100;
  run.stop = "invariant violated: deposits-balance: ...";
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_TRUE(v.failed);
  EXPECT_NE(v.what.find("deposits-balance"), std::string::npos);
}

TEST(FuzzVerdict, AnUnknownPlannerHaltFailsWithAMustNotFinding) {
  RunResult run;
  run.end_epoch = 100;
  run.sectors[3] = history({{10, "Packing"}, {20, "PreCommit1"}});
  run.findings.push_back("PlannerHalt sector 3: running planner for state PreCommit1 failed: planner for state "
                         "PreCommit1 received unexpected event SectorRemove");
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_TRUE(v.failed);
  EXPECT_EQ(v.expect, (nlohmann::json{{"findings", {{"must_not", {"PlannerHalt sector 3"}}}}}));
}

TEST(FuzzVerdict, LotusQuirksAreAcceptedAndNamed) {
  RunResult run;
  run.end_epoch = 3000;
  // Q6: a late SectorSeedReady after Committing halts the sector.
  run.sectors[1] = history({{10, "Packing"}, {300, "Committing"}});
  run.findings.push_back("PlannerHalt sector 1: running planner for state Committing failed: planner for state "
                         "Committing received unexpected event SectorSeedReady");
  // Q8: an already terminated sector waits in TerminateWait for ever.
  run.sectors[2] = history({{10, "Packing"}, {500, "Terminating"}, {510, "TerminateWait"}});
  // The mock backend refuses a second PreCommit1.
  run.sectors[3] = history({{10, "Packing"}, {20, "PreCommit1"}, {30, "PreCommit2"}, {60, "GetTicket"},
                            {61, "PreCommit1"}, {62, "SealPreCommit1Failed"}});
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_FALSE(v.failed) << v.what;
  ASSERT_EQ(v.known.size(), 3u);
  EXPECT_EQ(v.known[0].substr(0, 3), "Q6:");
  EXPECT_EQ(v.known[1].substr(0, 3), "Q8:");
  EXPECT_EQ(v.known[2].substr(0, 16), "mock-second-pc1:");
}

TEST(FuzzVerdict, ARemoveWhileTheHandlerRunsHaltsAsInLotus) {
  // scenarios/library/cc-remove-during-packing.json: the halt is Lotus v1.11.0 behaviour.
  RunResult run;
  run.end_epoch = 3000;
  run.sectors[1] = history({{10, "Packing"}, {130, "Removing"}});
  run.findings.push_back("PlannerHalt sector 1: running planner for state Removing failed: planner for state "
                         "Removing received unexpected event SectorPacked");
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_FALSE(v.failed) << v.what;
  ASSERT_EQ(v.known.size(), 1u);
  EXPECT_EQ(v.known[0].substr(0, 18), "global-while-busy:");
}

TEST(FuzzVerdict, AFirstPreCommit1ThatNeverSucceedsIsNotExcused) {
  // Without a restart in Packing and without an earlier successful PreCommit1, a PreCommit1 loop
  // is a failure (the planted bug of scripts/planted-bug-check looks exactly like this).
  RunResult run;
  run.end_epoch = 3000;
  run.sectors[1] = history({{10, "Packing"}, {20, "PreCommit1"}, {21, "SealPreCommit1Failed"}});
  TraceEvent restart;
  restart.epoch = 40;  // after Packing
  restart.component = "timeline";
  restart.event = "restart";
  run.trace.push_back(restart);
  EXPECT_TRUE(judge_fuzz_run(run).failed);
  restart.epoch = 15;  // during Packing: the mock's duplicate pieces
  run.trace = {restart};
  const FuzzVerdict v = judge_fuzz_run(run);
  EXPECT_FALSE(v.failed) << v.what;
  ASSERT_EQ(v.known.size(), 1u);
  EXPECT_EQ(v.known[0].substr(0, 22), "mock-duplicate-pieces:");
}

TEST(FuzzCampaign, SameSeedSameOutcomeAndShardsSplitTheCases) {
  const auto folder = std::filesystem::temp_directory_path() / "sealsim-fuzz-campaign-test";
  FuzzCampaignOptions o;
  o.seed = 20261121;
  o.runs = 4;
  o.max_events = 6;
  o.out = folder;
  const FuzzCampaignResult a = run_fuzz_campaign(o);
  const FuzzCampaignResult b = run_fuzz_campaign(o);
  EXPECT_EQ(a.cases, 4u);
  EXPECT_EQ(a.failures.size(), b.failures.size());
  EXPECT_EQ(a.known_findings, b.known_findings);
  o.shard_count = 3;
  std::uint64_t cases = 0;
  for (o.shard_index = 0; o.shard_index < 3; ++o.shard_index) cases += run_fuzz_campaign(o).cases;
  EXPECT_EQ(cases, 4u);  // shard 0: cases 0 and 3; shard 1: 1; shard 2: 2
  o.shard_index = 3;
  EXPECT_THROW(run_fuzz_campaign(o), std::invalid_argument);
  std::filesystem::remove_all(folder);
}

// --coverage: every engine run of the campaign feeds the counters, and feeding them changes nothing.
TEST(FuzzCampaign, CoverageCountsTheCampaignsEngineRuns) {
  const auto folder = std::filesystem::temp_directory_path() / "sealsim-fuzz-coverage-test";
  FuzzCampaignOptions o;
  o.seed = 7;
  o.runs = 3;
  o.max_events = 8;
  o.out = folder;
  const FuzzCampaignResult plain = run_fuzz_campaign(o);
  sealing::RowCoverage rows;
  sealing::BranchCoverage branches;
  o.coverage = &rows;
  o.branch_coverage = &branches;
  const FuzzCampaignResult counted = run_fuzz_campaign(o);
  EXPECT_EQ(counted.cases, plain.cases);
  EXPECT_EQ(counted.failures.size(), plain.failures.size());
  EXPECT_EQ(counted.known_findings, plain.known_findings);
  EXPECT_GE(counted.engine_runs, counted.cases);
  std::uint64_t row_hits = 0;
  for (const auto& row : sealing::planner_table_rows()) row_hits += rows.count(row.from, row.event);
  EXPECT_GT(row_hits, 0u);
  std::uint64_t branch_hits = 0;
  for (const auto& info : sealing::kHandlerBranches) branch_hits += branches.count(info.branch);
  EXPECT_GT(branch_hits, 0u);
  // A second identical campaign into fresh counters counts the same.
  sealing::RowCoverage again;
  o.coverage = &again;
  o.branch_coverage = nullptr;
  run_fuzz_campaign(o);
  for (const auto& row : sealing::planner_table_rows()) {
    EXPECT_EQ(again.count(row.from, row.event), rows.count(row.from, row.event));
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace sealsim::scenarios
