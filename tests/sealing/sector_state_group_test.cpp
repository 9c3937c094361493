// sector_state_group_test.cpp: the machine loop of spec §1.2-§1.5 with a scripted handler runner
// and the SQLite store: handler events planned only after the handler finishes, the sector busy
// while a handler waits, halts that stop the sector until restart and are visible in the store
// and trace, and a restart (new group on the reopened store) re-running the current handler.
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/sector_state_group.hpp"
#include "sealing/sector_store_sqlite.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing {
namespace {

// Runs a behaviour per handler; records every started handler.
class ScriptedHandlers final : public HandlerRunner {
 public:
  using Behaviour = std::function<void(std::shared_ptr<HandlerRun>)>;
  void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) override {
    started.push_back(handler);
    auto it = behaviour.find(handler);
    if (it != behaviour.end()) {
      it->second(run);
    } else {
      run->finish();
    }
  }
  std::map<SectorHandler, Behaviour> behaviour;
  std::vector<SectorHandler> started;
};

class RecordingTrace final : public TraceSink {
 public:
  void record(const TraceRecord& r) override { records.push_back(r); }
  std::vector<TraceRecord> records;
};

class StateGroupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("sealsim_group_") + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "sectors.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StateGroupTest, EventsSentByAHandlerArePlannedAfterItFinishes) {
  SqliteSectorStore store(path_);
  test::FakeClock clock(1000);
  ScriptedHandlers handlers;
  std::shared_ptr<HandlerRun> waiting;
  // Packing "runs" until the test finishes it; meanwhile it sends SectorPacked.
  handlers.behaviour[SectorHandler::Packing] = [&](std::shared_ptr<HandlerRun> run) {
    EXPECT_TRUE(run->send(SectorPacked{}));
    waiting = run;
  };
  SectorStateGroup group(store, clock, handlers);
  group.send(1, SectorStartCC{1, RegisteredSealProof::StackedDrg2KiBV1_1});
  ASSERT_TRUE(waiting);
  EXPECT_TRUE(group.busy(1));
  EXPECT_EQ(group.pending(1), 1u);
  EXPECT_TRUE(store.load(1)->in_state(SectorState::Packing)) << "persisted before the handler ran";
  waiting->finish();
  EXPECT_TRUE(store.load(1)->in_state(SectorState::GetTicket));
  EXPECT_EQ(handlers.started,
            (std::vector<SectorHandler>{SectorHandler::Packing, SectorHandler::GetTicket}));
}

TEST_F(StateGroupTest, AContinuationOnTheClockResumesTheHandler) {
  SqliteSectorStore store(path_);
  test::FakeClock clock(1000);
  ScriptedHandlers handlers;
  handlers.behaviour[SectorHandler::Packing] = [&](std::shared_ptr<HandlerRun> run) {
    clock.schedule_at(run->now() + 30, [run] {
      run->send(SectorPacked{});
      run->finish();
    });
  };
  SectorStateGroup group(store, clock, handlers);
  group.send(2, SectorStartCC{2, RegisteredSealProof::StackedDrg2KiBV1_1});
  group.send(2, SectorRemove{});  // blocked behind the busy handler, as in Lotus
  EXPECT_TRUE(store.load(2)->in_state(SectorState::Packing));
  clock.advance_to(1030);
  // After Packing's handler: [SectorRemove, SectorPacked] planned at once; the global ends the call.
  EXPECT_TRUE(store.load(2)->in_state(SectorState::Removing));
}

TEST_F(StateGroupTest, HaltStopsTheSectorAndIsRecorded) {
  SqliteSectorStore store(path_);
  test::FakeClock clock(1000);
  ScriptedHandlers handlers;
  RecordingTrace trace;
  SectorStateGroup group(store, clock, handlers, &trace);
  group.send(3, SectorStartCC{3, RegisteredSealProof::StackedDrg2KiBV1_1});
  group.send(3, SectorPacked{});  // Packing -> GetTicket
  group.send(3, SectorSealPreCommit1Failed{"rand"});  // Q1: GetTicket has no rule
  EXPECT_TRUE(group.halted(3));
  EXPECT_FALSE(group.send(3, SectorRemove{})) << "later sends fail after a halt";
  const SectorInfo info = *store.load(3);
  EXPECT_TRUE(info.in_state(SectorState::GetTicket));
  ASSERT_FALSE(info.log.empty());
  EXPECT_EQ(info.log.back().kind, "finding;PlannerHalt");
  ASSERT_FALSE(trace.records.empty());
  ASSERT_TRUE(trace.records.back().finding.has_value());
  EXPECT_EQ(trace.records.back().finding->event, "SectorSealPreCommit1Failed");
}

TEST_F(StateGroupTest, RestartReRunsTheHandlerOfTheCurrentStateAndClearsAHalt) {
  test::FakeClock clock(1000);
  {
    SqliteSectorStore store(path_);
    ScriptedHandlers handlers;
    SectorStateGroup group(store, clock, handlers);
    group.send(4, SectorStartCC{4, RegisteredSealProof::StackedDrg2KiBV1_1});
    group.send(4, SectorPacked{});
    group.send(4, SectorTicket{Bytes{1}, 10});
    group.send(5, SectorStartCC{5, RegisteredSealProof::StackedDrg2KiBV1_1});
    group.send(5, SectorFaultedFinal{});  // halts in Packing
    EXPECT_TRUE(group.halted(5));
  }
  SqliteSectorStore reopened(path_);
  ScriptedHandlers handlers;
  SectorStateGroup group(reopened, clock, handlers);
  group.restart_all();
  EXPECT_EQ(handlers.started,
            (std::vector<SectorHandler>{SectorHandler::PreCommit1, SectorHandler::Packing}));
  EXPECT_FALSE(group.halted(5));
  EXPECT_TRUE(group.send(5, SectorPacked{}));
  EXPECT_TRUE(reopened.load(5)->in_state(SectorState::GetTicket));
  EXPECT_EQ(reopened.load(4)->ticket_value, Bytes{1});
}

TEST_F(StateGroupTest, HandlerOfADestroyedGroupIsDisarmed) {
  SqliteSectorStore store(path_);
  test::FakeClock clock(1000);
  ScriptedHandlers handlers;
  std::shared_ptr<HandlerRun> kept;
  handlers.behaviour[SectorHandler::Packing] = [&](std::shared_ptr<HandlerRun> run) { kept = run; };
  {
    SectorStateGroup group(store, clock, handlers);
    group.send(6, SectorStartCC{6, RegisteredSealProof::StackedDrg2KiBV1_1});
  }
  EXPECT_FALSE(kept->send(SectorPacked{}));
  kept->finish();
  EXPECT_TRUE(store.load(6)->in_state(SectorState::Packing));
}

}  // namespace
}  // namespace sealsim::sealing
