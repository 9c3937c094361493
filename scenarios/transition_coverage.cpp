// transition_coverage.cpp: coverage file, merge and HTML table (transition_coverage.hpp).
#include "scenarios/transition_coverage.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sealsim::scenarios {

namespace {

constexpr const char* kFormat = "sealsim-coverage/1";

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string row_key(sealing::SectorState from, sealing::EventType event) {
  return std::string(sealing::display_name(from)) + " " + std::string(sealing::event_info(event).name);
}

void TransitionCoverage::add(const sealing::RowCoverage& coverage, std::uint64_t run_count) {
  runs += run_count;
  for (const auto& state : sealing::kSectorStates) {
    for (const auto& event : sealing::kSectorEvents) {
      const std::uint64_t n = coverage.count(state.state, event.type);
      if (n != 0) rows[row_key(state.state, event.type)] += n;
    }
  }
}

void TransitionCoverage::add_branches(const sealing::BranchCoverage& coverage) {
  for (const auto& info : sealing::kHandlerBranches) {
    const std::uint64_t n = coverage.count(info.branch);
    if (n != 0) branches[std::string(info.id)] += n;
  }
}

std::uint64_t TransitionCoverage::hits(sealing::HandlerBranch branch) const {
  const auto found = branches.find(std::string(sealing::branch_info(branch).id));
  return found == branches.end() ? 0 : found->second;
}

std::uint64_t TransitionCoverage::hits(sealing::SectorState from, sealing::EventType event) const {
  const auto found = rows.find(row_key(from, event));
  return found == rows.end() ? 0 : found->second;
}

TransitionCoverage load_coverage_file(const std::filesystem::path& file) {
  TransitionCoverage out;
  if (!std::filesystem::exists(file)) return out;
  std::ifstream in(file, std::ios::binary);
  const auto fail = [&](const std::string& what) {
    return std::invalid_argument(file.string() + ": not a sealsim coverage file: " + what);
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw fail(e.what());
  }
  if (!j.is_object() || j.value("format", "") != kFormat) throw fail(std::string("\"format\" must be \"") + kFormat + "\"");
  if (!j.contains("runs") || !j["runs"].is_number_unsigned()) throw fail("\"runs\" must be a count");
  if (!j.contains("rows") || !j["rows"].is_object()) throw fail("\"rows\" must be an object");
  out.runs = j["runs"].get<std::uint64_t>();
  for (const auto& [key, value] : j["rows"].items()) {
    if (!value.is_number_unsigned()) throw fail("hits of \"" + key + "\" must be a count");
    out.rows[key] = value.get<std::uint64_t>();
  }
  if (j.contains("branches")) {
    // Ids not in this build's list are kept (and written back), never dropped.
    if (!j["branches"].is_object()) throw fail("\"branches\" must be an object");
    for (const auto& [key, value] : j["branches"].items()) {
      if (!value.is_number_unsigned()) throw fail("hits of branch \"" + key + "\" must be a count");
      out.branches[key] = value.get<std::uint64_t>();
    }
  }
  return out;
}

void write_coverage_file(const std::filesystem::path& file, const TransitionCoverage& coverage) {
  nlohmann::json j;
  j["format"] = kFormat;
  j["runs"] = coverage.runs;
  j["rows"] = nlohmann::json::object();
  for (const auto& [key, hits] : coverage.rows) j["rows"][key] = hits;
  j["branches"] = nlohmann::json::object();
  for (const auto& [key, hits] : coverage.branches) j["branches"][key] = hits;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::invalid_argument("cannot write the coverage file " + file.string());
  out << j.dump(1) << "\n";
}

TransitionCoverage merge_into_coverage_file(const std::filesystem::path& file, const TransitionCoverage& coverage) {
  TransitionCoverage merged = load_coverage_file(file);
  merged.runs += coverage.runs;
  for (const auto& [key, hits] : coverage.rows) merged.rows[key] += hits;
  for (const auto& [key, hits] : coverage.branches) merged.branches[key] += hits;
  write_coverage_file(file, merged);
  return merged;
}

const std::vector<UnreachableRow>& unreachable_rows() {
  using sealing::EventType;
  using sealing::SectorState;
  static const std::vector<UnreachableRow> list = {
      {std::nullopt, EventType::SectorFatalError, "unreachable: nothing in v1.11.0 sends this event (sealing-fsm.md §4)"},
      {std::nullopt, EventType::SectorTicketExpired,
       "unreachable: nothing in v1.11.0 sends this event (sealing-fsm.md §4)"},
      {std::nullopt, EventType::SectorFaulty, "unreachable: nothing in v1.11.0 sends this event (sealing-fsm.md §3.2)"},
      {std::nullopt, EventType::SectorFaultReported,
       "unreachable: nothing in v1.11.0 sends this event (sealing-fsm.md §3.2)"},
      {SectorState::FaultedFinal, std::nullopt,
       "unreachable: FaultReported is final, so the SectorFaultedFinal its handler sends is rejected "
       "(sealing-fsm.md §3.2)"},
      {SectorState::Faulty, std::nullopt,
       "force-state only: SectorFaulty and SectorFaultReported are never sent in v1.11.0 (sealing-fsm.md §3.2)"},
      {SectorState::FaultReported, std::nullopt,
       "force-state only: SectorFaulty and SectorFaultReported are never sent in v1.11.0 (sealing-fsm.md §3.2)"},
      {SectorState::CommitAggregateWait, std::nullopt,
       "force-state only: nothing transitions into CommitAggregateWait (sealing-fsm.md §3.2)"},
      {SectorState::FailedUnrecoverable, std::nullopt,
       "force-state only: reached only via force-state or old records (sealing-fsm.md §3.2)"},
      {SectorState::Empty, std::nullopt,
       "force-state only: reached only via force-state or old records (sealing-fsm.md §3.2)"},
      {SectorState::PackingFailed, std::nullopt,
       "force-state only: reached only via force-state or old records (sealing-fsm.md §3.2)"},
      {SectorState::CommitFailed, EventType::SectorChainPreCommitFailed,
       "unreachable: handleCommitFailed never sends it (sealing-fsm.md §6: 'never sent from CommitFailed')"},
      {SectorState::CommitFailed, EventType::SectorRetryPreCommitWait,
       "unreachable: handleCommitFailed sends it only for ErrPrecommitOnChain, which checkCommit never returns "
       "(sealing-fsm.md §9.4)"},
  };
  return list;
}

std::optional<std::string> unreachable_reason(sealing::SectorState from, sealing::EventType event) {
  for (const auto& entry : unreachable_rows()) {
    if ((!entry.from || *entry.from == from) && (!entry.event || *entry.event == event)) {
      return std::string(entry.reason);
    }
  }
  return std::nullopt;
}

std::vector<std::string> reachable_cells_never_hit(const TransitionCoverage& coverage) {
  std::vector<std::string> cells;
  for (const auto& row : sealing::planner_table_rows()) {
    if (coverage.hits(row.from, row.event) != 0 || unreachable_reason(row.from, row.event)) continue;
    std::string cell = std::string(sealing::display_name(row.from)) + " / " + std::string(sealing::event_info(row.event).name);
    // Guarded rows of one cell are adjacent in the table and share its count.
    if (cells.empty() || cells.back() != cell) cells.push_back(std::move(cell));
  }
  return cells;
}

std::string coverage_html(const TransitionCoverage& coverage) {
  const auto& table = sealing::planner_table_rows();
  std::vector<const sealing::TableRow*> never;
  std::vector<const sealing::TableRow*> hit;
  for (const auto& row : table) (coverage.hits(row.from, row.event) == 0 ? never : hit).push_back(&row);
  std::size_t unreachable_never = 0;
  for (const auto* row : never) unreachable_never += unreachable_reason(row->from, row->event) ? 1u : 0u;

  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sealsim transition coverage</title>\n"
          "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #bbb;"
          "padding:2px 6px}tr.never td.hits{background:#f4c7c3}tr.unreachable td{color:#888}"
          "tr.hit td.hits{background:#c8e6c9}</style></head><body>\n"
       << "<h1>Transition coverage</h1>\n<p>" << coverage.runs << " runs; " << table.size()
       << " planner rows; " << hit.size() << " hit, " << never.size() << " never hit (" << unreachable_never
       << " of them unreachable or force-state only per the spec). Guarded rows of one (state, event) cell "
          "share its count.</p>\n"
       << "<table>\n<tr><th>from</th><th>event</th><th>to</th><th>rule</th><th>guard</th><th>hits</th>"
          "<th>note</th></tr>\n";
  const auto print = [&](const sealing::TableRow& row) {
    const std::uint64_t n = coverage.hits(row.from, row.event);
    const auto reason = unreachable_reason(row.from, row.event);
    html << "<tr class=\"" << (n == 0 ? "never" : "hit") << (reason ? " unreachable" : "") << "\"><td>"
         << escape(sealing::display_name(row.from)) << "</td><td>" << escape(sealing::event_info(row.event).name)
         << "</td><td>" << (row.to ? escape(sealing::display_name(*row.to)) : std::string("(internal)")) << "</td><td>"
         << escape(row.rule) << "</td><td>" << escape(row.guard) << "</td><td class=\"hits\">" << n << "</td><td>"
         << (reason ? escape(*reason) : std::string()) << "</td></tr>\n";
  };
  for (const auto* row : never) print(*row);
  for (const auto* row : hit) print(*row);
  html << "</table>\n";

  std::vector<const sealing::HandlerBranchInfo*> never_taken;
  std::vector<const sealing::HandlerBranchInfo*> taken;
  for (const auto& info : sealing::kHandlerBranches) (coverage.hits(info.branch) == 0 ? never_taken : taken).push_back(&info);
  std::size_t unreachable_branches = 0;
  for (const auto* info : never_taken) unreachable_branches += info->unreachable.empty() ? 0u : 1u;
  html << "<h2>Handler branches</h2>\n<p>" << sealing::kHandlerBranchCount << " branches the spec lists; "
       << taken.size() << " hit, " << never_taken.size() << " never hit (" << unreachable_branches
       << " of them unreachable per the spec).</p>\n"
       << "<table>\n<tr><th>branch</th><th>spec</th><th>what</th><th>hits</th><th>note</th></tr>\n";
  const auto print_branch = [&](const sealing::HandlerBranchInfo& info) {
    const std::uint64_t n = coverage.hits(info.branch);
    // "branch ..." keeps these rows apart from the planner rows' "never ..."/"hit ..." classes.
    html << "<tr class=\"branch " << (n == 0 ? "never" : "hit") << (info.unreachable.empty() ? "" : " unreachable")
         << "\"><td>" << escape(info.id) << "</td><td>" << escape(info.spec) << "</td><td>" << escape(info.what)
         << "</td><td class=\"hits\">" << n << "</td><td>" << escape(info.unreachable) << "</td></tr>\n";
  };
  for (const auto* info : never_taken) print_branch(*info);
  for (const auto* info : taken) print_branch(*info);
  html << "</table>\n</body></html>\n";
  return html.str();
}

}  // namespace sealsim::scenarios
