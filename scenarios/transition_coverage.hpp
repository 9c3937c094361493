// transition_coverage.hpp: the (state, event) planner-row hit counts and the handler-branch hit
// counts of runs and campaigns, kept across runs in a JSON file (`sealsim run --coverage FILE` and
// `sealsim fuzz --coverage FILE` add to it) and shown as HTML tables (`sealsim coverage report
// FILE --html OUT`): every row of planner_table_rows() and every branch of
// sealing/handler_branch_list.hpp, never-hit ones first, with the spec's reason for those no run
// can reach (sealing-fsm.md §3.2, §4, §9.4).
//
// Row counts are per (state, event) cell, as sealing::RowCoverage counts them: guarded rows of
// one cell (e.g. the guarded and unguarded rows of one event) share their count. Branch counts
// are per branch id ("Handler.Branch"), as the handlers report them (sealing::BranchCoverage).
//
// File format (JSON): {"format": "sealsim-coverage/1", "runs": N,
//                      "rows": {"STATE EVENT": hits, ...},       (only cells hit at least once)
//                      "branches": {"Handler.Branch": hits, ...}} (only branches hit; optional)
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sealing/branch_coverage.hpp"
#include "sealing/row_coverage.hpp"

namespace sealsim::scenarios {

struct TransitionCoverage {
  std::uint64_t runs = 0;
  std::map<std::string, std::uint64_t> rows;      // "STATE EVENT" -> hits
  std::map<std::string, std::uint64_t> branches;  // "Handler.Branch" -> hits

  // Adds one run's (or campaign's) counts.
  void add(const sealing::RowCoverage& coverage, std::uint64_t run_count);
  // Adds the branch counts of the same runs (their run count is added by add()).
  void add_branches(const sealing::BranchCoverage& coverage);
  std::uint64_t hits(sealing::SectorState from, sealing::EventType event) const;
  std::uint64_t hits(sealing::HandlerBranch branch) const;
};

// The one list of planner rows the spec says no v1.11.0 run reaches, or reaches only by
// force-state: an entry without `from` covers the event in every state, one without `event` every
// event of the state. The first matching entry gives the reason.
struct UnreachableRow {
  std::optional<sealing::SectorState> from;
  std::optional<sealing::EventType> event;
  std::string_view reason;
};
const std::vector<UnreachableRow>& unreachable_rows();

std::string row_key(sealing::SectorState from, sealing::EventType event);

// Reads FILE; a missing file is empty coverage; anything else malformed throws std::invalid_argument.
TransitionCoverage load_coverage_file(const std::filesystem::path& file);
// Adds `coverage` to FILE's counts (created when missing) and writes it back.
TransitionCoverage merge_into_coverage_file(const std::filesystem::path& file, const TransitionCoverage& coverage);
void write_coverage_file(const std::filesystem::path& file, const TransitionCoverage& coverage);

// Why the spec says no v1.11.0 run can reach this row, or reaches it only by force-state.
std::optional<std::string> unreachable_reason(sealing::SectorState from, sealing::EventType event);
// The (state, event) cells of the planner table with no hit that unreachable_rows() does not
// excuse, as "State / Event", in table order: what a test author still has to reach.
std::vector<std::string> reachable_cells_never_hit(const TransitionCoverage& coverage);

// The HTML tables: planner rows, then handler branches; in each never-hit entries first (in list
// order), then the hit ones.
std::string coverage_html(const TransitionCoverage& coverage);

}  // namespace sealsim::scenarios
