// sector_machine.hpp: the planner table of spec §6 as a Boost.MSM machine, seen through a narrow,
// MSM-free interface (MSM itself lives in sector_machine.cpp only, so one translation unit pays
// its compile cost).
//
// The machine models the *rules* of each state: given the state a sector is in and one event, it
// finds the row, applies the event to the record (the row's action) and reports what the planner
// must do next. Global mutators, final states, the planOne/planCommitting loops and halting live
// in the planner (planner.hpp), as spec §17 suggests.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sealing/sector_event_list.hpp"
#include "sealing/sector_info.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::sealing {

enum class RuleOutcome {
  Stop,            // on(E, S): event applied, state changed to `new_state`, planning stops
  Continue,        // apply(E) / planCommitting rows: applied (or deliberately not), keep going
  Ignored,         // no rule, but the event is ignorable (SectorStartPacking): skip it
  Rejected,        // no rule for this event in this state: the planner halts
  ReturnNotSet,    // onReturning with an empty Return: the planner halts ("return state not set")
  ReturnUnlisted,  // onReturning to a Return name outside the rows: the planner sets it by name
};

struct RuleResult {
  RuleOutcome outcome = RuleOutcome::Rejected;
  // Set when the row changed the state (Stop, and planCommitting's continuing rows).
  std::optional<SectorState> new_state;
};

// Evaluates `event` against the rules of state `from` and applies it to `record` when a row
// matches. Global events must not be passed (they never reach the table). `now` is simulated unix
// seconds for SectorAddPiece's CreationTime.
RuleResult evaluate_rule(SectorState from, const SectorEvent& event, SectorInfo& record,
                         std::int64_t now);

// One row of the MSM transition table, for list-derived tests and coverage reports.
struct TableRow {
  SectorState from;
  EventType event;
  std::optional<SectorState> to;  // nullopt: internal row (stays, or continues in Committing)
  std::string_view rule;          // "on", "apply", "onReturning", "ignore", "noApply", ...
  std::string_view guard;         // "" when unguarded
};
// The planner rows (restore rows excluded), in table order.
const std::vector<TableRow>& planner_table_rows();
// Number of rows that restore a persisted state into the machine (one per listed state).
std::size_t restore_row_count();

}  // namespace sealsim::sealing
