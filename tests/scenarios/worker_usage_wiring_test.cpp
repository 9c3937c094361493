// worker_usage_wiring_test.cpp: a scenario run with workers fills RunResult::worker_usage from the
// scheduler (pipeline_wiring.cpp hands it a WorkerUsageRecorder; the engine copies the intervals)
// and the HTML report and JSON summary draw and list them.
#include <gtest/gtest.h>

#include "reports/html_report.hpp"
#include "reports/json_summary.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"

namespace sealsim::scenarios {
namespace {

const std::filesystem::path kLibrary = std::filesystem::path(SEALSIM_SOURCE_DIR) / "scenarios" / "library";

// The interval of `worker` that contains `epoch`, if any.
const WorkerUsageInterval* covering(const RunResult& r, const std::string& worker, ChainEpoch epoch) {
  for (const auto& i : r.worker_usage) {
    if (i.worker == worker && i.from <= epoch && epoch < i.to) return &i;
  }
  return nullptr;
}

TEST(WorkerUsageWiring, AScenarioWithWorkersGetsOneLanePerWorkerInTheResultAndTheReport) {
  // cc-worker-lost-pc1: workers w1 and w2 offer every task; the one sector (pledged at epoch 10)
  // starts on w1 (equal utilisation: the lower worker id first), whose PreCommit1 (3600 s, 120
  // epochs) is still running when the timeline loses w1 at epoch 70; w2 runs it again from there.
  const RunResult r = run_scenario(load_scenario_file(kLibrary / "cc-worker-lost-pc1.json"), {});
  ASSERT_TRUE(r.passed()) << r.stop.value_or("an expectation failed");
  ASSERT_FALSE(r.worker_usage.empty());

  const WorkerUsageInterval* w1_busy = covering(r, "w1", 69);
  ASSERT_NE(w1_busy, nullptr);
  EXPECT_TRUE(w1_busy->connected);
  EXPECT_EQ(w1_busy->active_tasks, 1u);
  for (const ChainEpoch lost : {ChainEpoch{70}, ChainEpoch{1199}}) {
    const WorkerUsageInterval* w1_lost = covering(r, "w1", lost);
    ASSERT_NE(w1_lost, nullptr) << lost;
    EXPECT_FALSE(w1_lost->connected) << lost;
  }
  const WorkerUsageInterval* w2_idle = covering(r, "w2", 40);
  ASSERT_NE(w2_idle, nullptr);
  EXPECT_EQ(w2_idle->active_tasks, 0u);
  const WorkerUsageInterval* w2_pc1 = covering(r, "w2", 150);  // 70 + 120 epochs of PreCommit1
  ASSERT_NE(w2_pc1, nullptr);
  EXPECT_TRUE(w2_pc1->connected);
  EXPECT_EQ(w2_pc1->active_tasks, 1u);
  // Every interval lies inside the run, none is empty.
  for (const auto& i : r.worker_usage) {
    EXPECT_LT(i.from, i.to);
    EXPECT_GE(i.from, 0);
    EXPECT_LE(i.to, r.reached_epoch);
  }

  const std::string html = reports::html_report(r);
  EXPECT_EQ(html.find("No worker usage was recorded for this run"), std::string::npos);
  EXPECT_NE(html.find("<g class=\"worker-lane\"><text x=\"4\" y=\""), std::string::npos);
  EXPECT_NE(html.find("font-size=\"12\">w1</text>"), std::string::npos);
  EXPECT_NE(html.find("font-size=\"12\">w2</text>"), std::string::npos);
  const auto summary = reports::run_summary_json(r);
  EXPECT_EQ(summary["worker_usage"].size(), r.worker_usage.size());
}

TEST(WorkerUsageWiring, RunsOfTheSameScenarioRecordTheSameUsage) {
  const Scenario s = load_scenario_file(kLibrary / "cc-worker-lost-pc1.json");
  EXPECT_EQ(run_scenario(s, {}).worker_usage, run_scenario(s, {}).worker_usage);
}

}  // namespace
}  // namespace sealsim::scenarios
