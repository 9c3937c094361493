// planner.hpp: go-statemachine's plan() around Lotus's fsmPlanners (spec §1.6, §5): one plan call
// takes every queued event, logs them, runs the state's planner (planOne, final, planCommitting)
// through the MSM rule table, applies global mutators, and chooses the handler of the new state.
// Pure: no I/O, no clock (the caller passes simulated `now`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sealing/finding.hpp"
#include "sealing/sector_event_list.hpp"
#include "sealing/sector_info.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::sealing {

struct PlanResult {
  // Events consumed from the front of the queue; the rest are planned after the handler returns.
  std::size_t consumed = 0;
  // Set when the planner failed (HALT): the record keeps its state and none of this call's event
  // log entries (as in Lotus, nothing of the call is persisted), but gains one "finding;" entry so
  // the halt is visible in the store.
  std::optional<Finding> halt;
  // Handler to run for the resulting state (only without halt). None / Unwired: nothing runs.
  SectorHandler handler = SectorHandler::None;
  // Notifee pair (journal "storage/sealing_states"): state names before and after the call; after
  // a halt, `after` is the unpersisted in-memory state, as Lotus reports it.
  std::string before_state;
  std::string after_state;
  // Every (state, event) pair the MSM table matched a row for in this call, for coverage.
  std::vector<std::pair<SectorState, EventType>> rules_hit;
};

// Plans `events` (non-empty, in arrival order) against `record`; `now` is simulated unix seconds
// (log timestamps, CreationTime).
PlanResult plan_events(std::span<const SectorEvent> events, SectorInfo& record, std::int64_t now);

// The global apply of a global mutator (spec §4); returns false only for SectorRestart (the value
// planCommitting uses to decide whether to keep going).
bool apply_global(const SectorEvent& event, SectorInfo& record);

}  // namespace sealsim::sealing
