// call_tracker_test.cpp: call tracking across restarts (spec §14.5; Lotus TestRestartManager):
// a call in flight is re-attached, a result that arrived before the restart is not run again,
// and a call that never reached a worker is asked for again.
#include "sealing/storage/call_tracker.hpp"

#include <gtest/gtest.h>

#include "sealing/storage/scheduler.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"

namespace sealsim::sealing {
namespace {

using namespace testing;
using std::chrono::seconds;

TEST(CallKey, LongParametersAreHashed) {
  EXPECT_EQ(make_call_key(TaskType::PreCommit1, "{\"Sector\":1}").parameters, "{\"Sector\":1}");
  const std::string long_json(300, 'a');
  const CallKey hashed = make_call_key(TaskType::PreCommit1, long_json);
  EXPECT_EQ(hashed.parameters.size(), 64u);
  // SHA-256 of 300 × 'a' (computed independently with sha256sum).
  EXPECT_EQ(hashed.parameters, "9835fa6bf4e20a9b9ea812506302e98982721a6cf8d2cae67af57129bf21ae90");
  EXPECT_EQ(make_call_key(TaskType::Commit2, "x").to_string(), "seal/v0/commit/2(x)");
}

// A stand-in for the manager's handler: start or re-attach the tracked PC1 of sector 1.
struct Manager {
  CallRecordStore& store;
  CallTracker tracker;
  Scheduler& scheduler;
  int* submissions;
  std::optional<Bytes> result;

  void precommit1() {
    const CallKey key = make_call_key(TaskType::PreCommit1, "{\"Sector\":1}");
    const auto started = tracker.start(key);
    if (started.start == CallTracker::Start::AlreadyDone) {
      result = started.record.result;
      return;
    }
    if (started.start == CallTracker::Start::InFlight) return;  // the running call will answer
    ++*submissions;
    TaskRequest request{SectorId{1000, 1}, RegisteredSealProof::StackedDrg2KiBV1_1,
                        TaskType::PreCommit1};
    // The worker's answer reaches whichever manager runs by then, which records it in the store.
    CallRecordStore* store_ptr = &store;
    request.on_finished = [store_ptr, key](const TaskOutcome&) {
      CallTracker(*store_ptr).mark_done(key, Bytes{0xaa, 0xbb});
    };
    tracker.mark_running(key, scheduler.submit(request));
  }
};

TEST(CallTracker, RestartMidTaskDoesNotRunTwice) {
  InMemoryCallRecordStore store;  // survives the manager restart, as the manager's datastore does
  ScriptedTimingModel timing;
  Scheduler scheduler(timing);  // the workers keep running while the manager restarts
  scheduler.add_worker(WorkerSpec{"w", every_task_type(), decent_worker(), false});
  int submissions = 0;
  {
    Manager manager{store, CallTracker(store), scheduler, &submissions, {}};
    manager.precommit1();
    scheduler.advance_to(seconds(3));  // PC1 running, then the manager dies
  }
  Manager restarted{store, CallTracker(store), scheduler, &submissions, {}};
  const auto kept = restarted.tracker.recover();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].state, CallState::Running);
  restarted.precommit1();  // the FSM re-runs its handler
  EXPECT_EQ(submissions, 1);
  scheduler.run_until_idle();
  // The result arrived; a second restart before the FSM consumed it still does not re-run.
  Manager again{store, CallTracker(store), scheduler, &submissions, {}};
  again.tracker.recover();
  again.precommit1();
  EXPECT_EQ(submissions, 1);
  EXPECT_EQ(again.result, (Bytes{0xaa, 0xbb}));
  EXPECT_EQ(scheduler.task_count(), 1u);
  again.tracker.forget(make_call_key(TaskType::PreCommit1, "{\"Sector\":1}"));
  EXPECT_TRUE(store.all().empty());
}

TEST(CallTracker, StartedButNeverScheduledIsAskedForAgain) {
  InMemoryCallRecordStore store;
  const CallKey key = make_call_key(TaskType::PreCommit2, "{\"Sector\":2}");
  {
    CallTracker tracker(store);
    EXPECT_EQ(tracker.start(key).start, CallTracker::Start::New);
    EXPECT_EQ(tracker.start(key).start, CallTracker::Start::InFlight);
  }
  CallTracker tracker(store);
  EXPECT_TRUE(tracker.recover().empty());
  EXPECT_EQ(tracker.start(key).start, CallTracker::Start::New);
}

TEST(CallTracker, ReturnBeforeCallAndAbortUnfinished) {
  InMemoryCallRecordStore store;
  CallTracker tracker(store);
  const CallKey key = make_call_key(TaskType::Commit2, "{\"Sector\":3}");
  tracker.start(key);
  tracker.mark_done(key, Bytes{1, 2, 3});   // the worker answered first
  tracker.mark_running(key, 42);            // then the call id was recorded: stays done
  EXPECT_EQ(tracker.find(key)->state, CallState::Done);
  EXPECT_EQ(tracker.start(key).start, CallTracker::Start::AlreadyDone);
  EXPECT_THROW(tracker.mark_running(make_call_key(TaskType::Commit2, "other"), 1), std::logic_error);

  const CallKey running = make_call_key(TaskType::Commit1, "{\"Sector\":4}");
  tracker.start(running);
  tracker.mark_running(running, 7);
  EXPECT_EQ(tracker.recover(true).size(), 1u);  // only the done one is kept
  EXPECT_FALSE(tracker.find(running).has_value());
}

}  // namespace
}  // namespace sealsim::sealing
