// handlers_dispatch_test.cpp: derived from the state list, every state's handler id is dispatched
// by SealingHandlers::run, so its defensive InternalInvariant finding is unreachable for listed
// handlers; and that finding is recorded, never thrown, when it is reached.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::HandlerRig;

bool has_internal_invariant_finding(HandlerRig& rig, SectorNumber n) {
  for (const auto& entry : rig.findings(n)) {
    // A handler that ran but lacked part of its environment (the input side, which this rig does
    // not wire) is dispatched; only "no dispatch" counts here.
    if (entry.kind == "finding;InternalInvariant" &&
        entry.message.find("has no dispatch") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Runs handlers through SealingHandlers::run, optionally under another id; with `first_only`,
// only the first run (the later ones are parked), so a test
// sees the forced state's own handler and not where its events lead.
class DirectRunner final : public HandlerRunner {
 public:
  explicit DirectRunner(SealingHandlers& real, bool first_only = false)
      : real_(real), first_only_(first_only) {}
  void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) override {
    if (first_only_ && runs_++ > 0) {
      parked_.push_back(run);
      return;
    }
    real_.run(override_id.value_or(handler), run);
  }
  std::optional<SectorHandler> override_id;

 private:
  SealingHandlers& real_;
  bool first_only_;
  int runs_ = 0;
  std::vector<std::shared_ptr<HandlerRun>> parked_;
};

TEST(SealingHandlersDispatch, EveryStateHandlerDispatches) {
  for (const SectorStateInfo& state : kSectorStates) {
    if (state.handler == SectorHandler::None || state.handler == SectorHandler::Unwired) {
      continue;  // documented: no handler runs (spec §7)
    }
    HandlerRig rig;
    DirectRunner direct(rig.handlers, true);
    SectorStateGroup group(rig.store, rig.clock, direct, &rig.trace);
    const SectorNumber n = 1;
    SectorInfo base = rig.commit_ready_sector(n);
    base.sector_number = n;
    rig.store.save(n, base);
    group.send(n, SectorForceState{std::string(state.name)});
    rig.advance(7200);
    EXPECT_FALSE(has_internal_invariant_finding(rig, n)) << state.display_name;
  }
}

TEST(SealingHandlersDispatch, StatesWithoutHandlerStartNoRun) {
  for (const SectorStateInfo& state : kSectorStates) {
    if (state.handler != SectorHandler::None && state.handler != SectorHandler::Unwired) {
      continue;
    }
    HandlerRig rig;
    rig.force(1, state.state, SectorInfo{});
    EXPECT_TRUE(rig.runner.started.empty()) << state.display_name;
    EXPECT_FALSE(rig.group.busy(1)) << state.display_name;
  }
}

TEST(SealingHandlersDispatch, AnUndispatchedHandlerIdIsRecordedNotThrown) {
  HandlerRig rig;
  DirectRunner direct(rig.handlers);
  SectorStateGroup group(rig.store, rig.clock, direct, &rig.trace);
  direct.override_id = static_cast<SectorHandler>(250);  // outside the enum
  rig.store.save(1, SectorInfo{});
  EXPECT_NO_THROW(group.send(1, SectorForceState{"Proving"}));
  EXPECT_FALSE(group.busy(1));
  EXPECT_TRUE(has_internal_invariant_finding(rig, 1));
  ASSERT_FALSE(rig.trace.records.empty());
  ASSERT_TRUE(rig.trace.records.back().finding.has_value());
  EXPECT_EQ(rig.trace.records.back().finding->kind, FindingKind::InternalInvariant);
}

}  // namespace
}  // namespace sealsim::sealing
