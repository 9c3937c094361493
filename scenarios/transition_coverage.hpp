// transition_coverage.hpp: the (state, event) planner-row hit counts of runs and campaigns, kept
// across runs in a JSON file (`sealsim run --coverage FILE` adds to it) and shown as an HTML table
// (`sealsim coverage report FILE --html OUT`): every row of planner_table_rows(), never-hit rows
// first, with the spec's reason for rows that no run can reach (sealing-fsm.md §3.2, §4).
//
// Counts are per (state, event) cell, as sealing::RowCoverage counts them: guarded rows of one
// cell (e.g. the guarded and unguarded rows of one event) share their count. Handler branches are
// not counted separately: the handlers expose no branch ids; the events a handler sends appear as
// the rows of its state that they hit.
//
// File format (JSON): {"format": "sealsim-coverage/1", "runs": N,
//                      "rows": {"STATE EVENT": hits, ...}}   (only cells hit at least once)
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "sealing/row_coverage.hpp"

namespace sealsim::scenarios {

struct TransitionCoverage {
  std::uint64_t runs = 0;
  std::map<std::string, std::uint64_t> rows;  // "STATE EVENT" -> hits

  // Adds one run's (or campaign's) counts.
  void add(const sealing::RowCoverage& coverage, std::uint64_t run_count);
  std::uint64_t hits(sealing::SectorState from, sealing::EventType event) const;
};

std::string row_key(sealing::SectorState from, sealing::EventType event);

// Reads FILE; a missing file is empty coverage; anything else malformed throws ScenarioError.
TransitionCoverage load_coverage_file(const std::filesystem::path& file);
// Adds `coverage` to FILE's counts (created when missing) and writes it back.
TransitionCoverage merge_into_coverage_file(const std::filesystem::path& file, const TransitionCoverage& coverage);
void write_coverage_file(const std::filesystem::path& file, const TransitionCoverage& coverage);

// Why the spec says no v1.11.0 run can reach this row, or reaches it only by force-state.
std::optional<std::string> unreachable_reason(sealing::SectorState from, sealing::EventType event);

// The HTML table: never-hit rows first (in table order), then the hit ones.
std::string coverage_html(const TransitionCoverage& coverage);

}  // namespace sealsim::scenarios
