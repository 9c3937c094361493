// planner_table_test.cpp: tests derived from the state and event lists and the MSM tables: the
// MSM rows equal the spec's planner table (§6), every listed state is in the table or documented
// as rule-less, reachability matches the spec's list of unreachable states (§3.2), and every state
// has its handler or is documented as handler-less.
#include <algorithm>
#include <deque>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "sealing/sector_event_list.hpp"
#include "sealing/sector_machine.hpp"
#include "sealing/sector_state_list.hpp"
#include "tests/sealing/spec_planner_table.inc.hpp"

namespace sealsim::sealing {
namespace {

std::string row_text(SectorState from, EventType event, std::optional<SectorState> to) {
  return std::string(display_name(from)) + " + " + std::string(event_info(event).name) + " -> " +
         (to ? std::string(display_name(*to)) : std::string("(internal)"));
}

SectorState state_by_display_name(std::string_view name) {
  for (const auto& s : kSectorStates) {
    if (s.display_name == name) {
      return s.state;
    }
  }
  ADD_FAILURE() << "spec table names unlisted state " << name;
  return SectorState::Undefined;
}

EventType event_by_name(std::string_view name) {
  for (const auto& e : kSectorEvents) {
    if (e.name == name) {
      return e.type;
    }
  }
  ADD_FAILURE() << "spec table names unlisted event " << name;
  return EventType::SectorRestart;
}

TEST(StateList, HasTheFortyThreeStatesOfLotusWithUniqueNames) {
  EXPECT_EQ(kSectorStateCount, 43u);
  std::set<std::string_view> names;
  for (const auto& s : kSectorStates) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_EQ(state_from_name(s.name), s.state);
    EXPECT_EQ(&state_info(s.state), &s);
  }
  EXPECT_EQ(state_name(SectorState::Undefined), "");
  EXPECT_FALSE(state_from_name("not a state").has_value());
}

TEST(EventList, HasTheFiftySixEventsOfLotusAndExactlyFiveGlobalMutators) {
  EXPECT_EQ(kSectorEventCount, 56u);
  std::set<std::string_view> globals;
  for (const auto& e : kSectorEvents) {
    if (is_global(e.capability)) {
      globals.insert(e.name);
    }
  }
  EXPECT_EQ(globals, (std::set<std::string_view>{"SectorRestart", "SectorFatalError",
                                                 "SectorForceState", "SectorTerminate",
                                                 "SectorRemove"}));
  EXPECT_EQ(event_info(EventType::SectorStartPacking).capability, EventCapability::Ignorable);
  EXPECT_EQ(event_info(EventType::SectorFaultedFinal).capability, EventCapability::Plain);
}

TEST(PlannerTable, EveryRowUsesListedStatesAndEventsAndNoGlobalEvent) {
  const auto& rows = planner_table_rows();
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    EXPECT_LT(index_of(row.from), kSectorStateCount);
    EXPECT_LT(static_cast<std::size_t>(row.event), kSectorEventCount);
    if (row.to) {
      EXPECT_LT(index_of(*row.to), kSectorStateCount);
    }
    EXPECT_FALSE(is_global(event_info(row.event).capability)) << row_text(row.from, row.event, row.to);
  }
  EXPECT_EQ(restore_row_count(), kSectorStateCount);
}

TEST(PlannerTable, MsmRowsEqualTheSpecTable) {
  const auto& rows = planner_table_rows();
  std::vector<bool> explained(rows.size(), false);
  for (const auto& spec : test::kSpecPlannerTable) {
    const SectorState from = state_by_display_name(spec.from);
    const EventType event = event_by_name(spec.event);
    std::size_t matches = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      if (row.from != from || row.event != event) {
        continue;
      }
      if (spec.to == "(stay)") {
        if (!row.to && row.rule == "apply") {
          explained[i] = true;
          ++matches;
        }
      } else if (spec.to.starts_with("value of")) {
        // One guarded row per ReturnState value, plus the empty/unlisted guards (spec §5.1).
        explained[i] = true;
        ++matches;
      } else if (row.to && *row.to == state_by_display_name(spec.to)) {
        explained[i] = true;
        ++matches;
      } else if (spec.note == "new seed" && !row.to && row.rule == "ignore") {
        explained[i] = true;  // same seed -> ignored (spec §5.4), same spec row
      }
    }
    EXPECT_GE(matches, 1u) << "spec row without MSM row: " << spec.from << " + " << spec.event
                           << " -> " << spec.to;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_TRUE(explained[i]) << "MSM row not in the spec table: "
                              << row_text(rows[i].from, rows[i].event, rows[i].to);
  }
}

TEST(PlannerTable, RecoverDealIdsReturnsToExactlyTheFourReturnStates) {
  std::set<SectorState> targets;
  for (const auto& row : planner_table_rows()) {
    if (row.from == SectorState::RecoverDealIDs && row.to) {
      EXPECT_EQ(row.rule, "onReturning");
      targets.insert(*row.to);
    }
  }
  EXPECT_EQ(targets, (std::set<SectorState>{SectorState::PreCommit1, SectorState::PreCommitting,
                                            SectorState::PreCommitFailed, SectorState::CommitFailed}));
}

// Lotus's TestPlannerList, in list form: every listed state has a planner kind; states whose
// planner has rules have rows, rule-less planners (empty planOne, final) have none.
TEST(PlannerTable, StatesWithRulesHaveRowsAndRuleLessStatesHaveNone) {
  std::set<SectorState> sources;
  for (const auto& row : planner_table_rows()) {
    sources.insert(row.from);
  }
  for (const auto& s : kSectorStates) {
    const bool rule_less = s.planner == PlannerKind::PlanOneEmpty || s.planner == PlannerKind::Final;
    // Proving's rows exist (fault events); Undefined's are SectorStart/StartCC.
    EXPECT_EQ(sources.count(s.state) == 0, rule_less) << s.display_name;
  }
}

// Reachability from Undefined through table rows and the outcomes of the global events a handler
// or user can send (Terminate, Remove; Restart/FatalError stay). Force-state is excluded: it
// reaches everything. The unreachable set must be exactly spec §3.2's list.
TEST(PlannerTable, UnreachableStatesAreExactlyThoseTheSpecLists) {
  std::set<SectorState> seen{SectorState::Undefined};
  std::deque<SectorState> todo{SectorState::Undefined};
  while (!todo.empty()) {
    const SectorState s = todo.front();
    todo.pop_front();
    std::vector<SectorState> next;
    for (const auto& row : planner_table_rows()) {
      if (row.from == s && row.to) {
        next.push_back(*row.to);
      }
      if (row.from == s && row.rule == "onReturning" && row.to) {
        next.push_back(*row.to);
      }
    }
    if (s != SectorState::Undefined) {
      next.push_back(SectorState::Terminating);
      next.push_back(SectorState::Removing);
    }
    for (SectorState n : next) {
      if (seen.insert(n).second) {
        todo.push_back(n);
      }
    }
  }
  std::set<SectorState> unreachable;
  for (const auto& s : kSectorStates) {
    if (!seen.count(s.state)) {
      unreachable.insert(s.state);
    }
  }
  // §3.2: CommitAggregateWait, FailedUnrecoverable, Empty, PackingFailed only via force-state;
  // FaultedFinal unreachable in principle. (Faulty/FaultReported have rows but their events are
  // never sent; the table still reaches them.)
  EXPECT_EQ(unreachable,
            (std::set<SectorState>{SectorState::CommitAggregateWait,
                                   SectorState::FailedUnrecoverable, SectorState::Empty,
                                   SectorState::PackingFailed, SectorState::FaultedFinal}));
}

TEST(StateList, EveryStateHasItsHandlerOrIsDocumentedHandlerLess) {
  const std::set<SectorState> handler_less{SectorState::Undefined, SectorState::FailedUnrecoverable,
                                           SectorState::Removed, SectorState::AddPieceFailed,
                                           SectorState::FaultedFinal};
  for (const auto& s : kSectorStates) {
    const bool none = s.handler == SectorHandler::None || s.handler == SectorHandler::Unwired;
    EXPECT_EQ(none, handler_less.count(s.state) == 1) << s.display_name;
  }
  // Shared handlers of spec §7.
  EXPECT_EQ(state_info(SectorState::Empty).handler, SectorHandler::WaitDeals);
  EXPECT_EQ(state_info(SectorState::PreCommitBatchWait).handler, SectorHandler::PreCommitWait);
  EXPECT_EQ(state_info(SectorState::CommitAggregateWait).handler, SectorHandler::CommitWait);
  EXPECT_EQ(state_info(SectorState::CommitFinalize).handler, SectorHandler::FinalizeSector);
  EXPECT_EQ(state_info(SectorState::CommitFinalizeFailed).handler, SectorHandler::FinalizeFailed);
}

TEST(StateList, TerminalStatesAreTheFinalPlannersOfTheSpec) {
  std::set<SectorState> finals;
  for (const auto& s : kSectorStates) {
    if (s.planner == PlannerKind::Final) {
      finals.insert(s.state);
    }
  }
  EXPECT_EQ(finals, (std::set<SectorState>{SectorState::FaultReported, SectorState::FaultedFinal,
                                           SectorState::Removed, SectorState::FailedUnrecoverable}));
}

}  // namespace
}  // namespace sealsim::sealing
