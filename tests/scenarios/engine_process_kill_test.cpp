// engine_process_kill_test.cpp: the miner process killed right after a message push
// (restart.after_push) and a process that stays down for a while (restart.down_epochs): what
// reaches the mempool, what reaches the store, when the process comes back, and what a down
// process refuses. Also the empty PreCommit2 answer of task_fault.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"

namespace sealsim::scenarios {
namespace {

const std::filesystem::path kLibrary = std::filesystem::path(SEALSIM_SOURCE_DIR) / "scenarios" / "library";

// Passes everything through and keeps every record saved, in order.
class RecordingStore final : public sealing::SectorStore {
 public:
  RecordingStore(std::unique_ptr<sealing::SectorStore> inner, std::vector<sealing::SectorInfo>& saved)
      : inner_(std::move(inner)), saved_(saved) {}
  std::optional<sealing::SectorInfo> load(SectorNumber n) override { return inner_->load(n); }
  std::vector<SectorNumber> list() override { return inner_->list(); }
  void save(SectorNumber n, const sealing::SectorInfo& info) override {
    inner_->save(n, info);
    saved_.push_back(info);
  }

 private:
  std::unique_ptr<sealing::SectorStore> inner_;
  std::vector<sealing::SectorInfo>& saved_;
};

Scenario scenario_json(const std::string& timeline, ChainEpoch end = 400) {
  return load_scenario_text(
      R"({"name": "t", "description": "d", "seed": 3, "proof_type": "2KiB", "persistence": "sqlite",
          "sealing": {"batch_pre_commits": false, "aggregate_commits": false},
          "durations": {"PC1": 600, "PC2": 600},
          "end": {"epoch": )" + std::to_string(end) + R"(}, "timeline": )" + timeline + R"(, "expect": {}})",
      "mem.json", ".");
}

bool visited(const SectorHistory& h, const std::string& from, const std::string& to) {
  for (std::size_t i = 1; i < h.states.size(); ++i) {
    if (h.states[i - 1].second == from && h.states[i].second == to) return true;
  }
  return false;
}

TEST(EngineProcessKill, TheMessageStaysInTheMempoolAndNothingAfterThePushReachesTheStore) {
  std::vector<sealing::SectorInfo> saved;
  RunOptions options;
  options.wrap_store = [&saved](std::unique_ptr<sealing::SectorStore> inner) {
    return std::make_unique<RecordingStore>(std::move(inner), saved);
  };
  const RunResult r = run_scenario(load_scenario_file(kLibrary / "fail-killed-after-precommit-push.json"), options);
  ASSERT_FALSE(r.stop) << *r.stop;
  EXPECT_TRUE(r.passed());

  // Two PreCommitSector messages pushed in the same epoch: the killed process's first one lands,
  // the restarted process's second one fails on the precommitted number.
  std::vector<const MessageSummary*> precommits;
  for (const auto& m : r.messages) {
    if (m.method == "PreCommitSector") precommits.push_back(&m);
  }
  ASSERT_EQ(precommits.size(), 2u);
  EXPECT_EQ(precommits[0]->pushed, precommits[1]->pushed);
  EXPECT_EQ(precommits[0]->exit_code, "Ok");
  EXPECT_EQ(precommits[1]->exit_code, "ErrIllegalArgument");

  // The first message's CID never reached a record: the process died before SectorPreCommitted
  // was written. The second one did.
  const auto recorded = [&saved](const std::string& cid) {
    return std::any_of(saved.begin(), saved.end(), [&cid](const sealing::SectorInfo& info) {
      return info.pre_commit_message && info.pre_commit_message->to_string() == cid;
    });
  };
  EXPECT_FALSE(recorded(precommits[0]->cid));
  EXPECT_TRUE(recorded(precommits[1]->cid));

  // The kill is in the trace at the push's epoch, followed by the restart of the sector.
  const auto kill = std::find_if(r.trace.begin(), r.trace.end(), [](const TraceEvent& e) {
    return e.component == "timeline" && e.event == "restart" && e.details.starts_with("killed right after pushing PreCommitSector");
  });
  ASSERT_NE(kill, r.trace.end());
  EXPECT_EQ(kill->epoch, precommits[0]->pushed);
  const auto next_plan = std::find_if(kill, r.trace.end(), [](const TraceEvent& e) { return e.component == "sealing"; });
  ASSERT_NE(next_plan, r.trace.end());
  EXPECT_EQ(next_plan->event, "SectorRestart");
  EXPECT_EQ(next_plan->from, "PreCommitting");

  const SectorHistory& h = r.sectors.at(1);
  EXPECT_TRUE(visited(h, "PreCommitFailed", "WaitSeed"));
  EXPECT_EQ(h.final_state, "Proving");
}

TEST(EngineProcessKill, AnArmedKillWithoutAMatchingPushKillsNothing) {
  const RunResult r = run_scenario(scenario_json(R"([{"at": 5, "pledge": {"count": 1}},
      {"at": 5, "restart": {"after_push": "TerminateSectors"}}])"), {});
  ASSERT_FALSE(r.stop) << *r.stop;
  for (const auto& e : r.trace) {
    EXPECT_FALSE(e.event == "restart" && e.details.starts_with("killed")) << e.details;
    EXPECT_NE(e.event, "SectorRestart");
  }
  EXPECT_EQ(r.sectors.at(1).final_state, "Proving");
}

TEST(EngineProcessKill, ADownProcessComesBackAfterItsEpochsAndNothingIsPlannedMeanwhile) {
  const RunResult r = run_scenario(scenario_json(R"([{"at": 5, "pledge": {"count": 1}},
      {"at": 20, "restart": {"down_epochs": 30}}])"), {});
  ASSERT_FALSE(r.stop) << *r.stop;
  bool came_back = false;
  for (const auto& e : r.trace) {
    if (e.component == "timeline" && e.event == "restart" && e.details.starts_with("the process starts again")) {
      EXPECT_EQ(e.epoch, 50);
      came_back = true;
    }
    if (e.component == "sealing") {
      EXPECT_FALSE(e.epoch > 20 && e.epoch < 50) << e.event << " at " << e.epoch;
    }
  }
  EXPECT_TRUE(came_back);
  // PreCommit1 was running on its worker when the process went down; the restarted process asks
  // for it again and the sector still gets to Proving.
  EXPECT_EQ(r.sectors.at(1).final_state, "Proving");
}

TEST(EngineProcessKill, EventsThatNeedTheProcessStopTheRunWhileItIsDown) {
  for (const std::string& event : {std::string(R"({"pledge": {"count": 1}})"),
                                   std::string(R"({"operator": {"command": "remove", "sector": 1}})"),
                                   std::string(R"({"restart": {}})")}) {
    const std::string timeline = R"([{"at": 5, "pledge": {"count": 1}}, {"at": 20, "restart": {"down_epochs": 30}},
        {"at": 30, )" + event.substr(1, event.size() - 2) + "}]";
    const RunResult r = run_scenario(scenario_json(timeline), {});
    ASSERT_TRUE(r.stop) << event;
    EXPECT_NE(r.stop->find("at epoch 30 (/timeline/2) needs the miner process, which is down until epoch 50"),
              std::string::npos)
        << *r.stop;
  }
}

TEST(EngineProcessKill, AnEmptyPreCommit2AnswerIsAnUndefinedCommD) {
  const RunResult r = run_scenario(load_scenario_file(kLibrary / "fail-pc2-undefined-commd.json"), {});
  ASSERT_FALSE(r.stop) << *r.stop;
  const SectorHistory& h = r.sectors.at(1);
  EXPECT_TRUE(visited(h, "PreCommit2", "SealPreCommit1Failed"));
  EXPECT_FALSE(visited(h, "PreCommit2", "PreCommitting"));
  const auto fault = std::find_if(r.trace.begin(), r.trace.end(), [](const TraceEvent& e) { return e.event == "task_fault"; });
  ASSERT_NE(fault, r.trace.end());
  EXPECT_EQ(fault->details, "PC2 x1 (answers empty SectorCids)");
}

}  // namespace
}  // namespace sealsim::scenarios
