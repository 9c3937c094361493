// html_report.cpp: the run report page; colours by state kind from sealing's one state list.
#include "reports/html_report.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "reports/html_escape.hpp"
#include "reports/json_summary.hpp"
#include "reports/timeline_geometry.hpp"
#include "reports/worker_utilisation.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::reports {

namespace {

std::string state_colour(const std::string& name) {
  const auto state = sealing::state_from_name(name);
  if (!state) return "#999999";
  switch (sealing::state_info(*state).kind) {
    case sealing::StateKind::Normal: return "#4a7fc1";
    case sealing::StateKind::Failure: return "#d9534f";
    case sealing::StateKind::Terminal: return "#6c757d";
    case sealing::StateKind::PostSeal: return "#3c9d5d";
    case sealing::StateKind::PostSealFailure: return "#e08a2c";
    case sealing::StateKind::PostSealTerminal: return "#8a8f94";
  }
  return "#999999";
}

// One row per sector; each state a rectangle from the epoch it was entered to the next change.
// Below them one lane per worker (worker_utilisation.hpp), on the same epoch axis.
std::string timeline_svg(const scenarios::RunResult& run) {
  using G = TimelineGeometry;
  const G geometry{std::max<ChainEpoch>(run.end_epoch, 1)};
  const ChainEpoch span = geometry.span;
  const auto x_of = [&](ChainEpoch e) { return geometry.x_of(e); };
  constexpr int kWidth = G::kWidth, kRow = G::kRow, kAxis = G::kAxis;
  const int sector_rows = static_cast<int>(std::max<std::size_t>(run.sectors.size(), 1));
  const int worker_lanes = static_cast<int>(worker_names(run.worker_usage).size());
  const int height = kAxis + kRow * (sector_rows + worker_lanes) + 4;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth + 10 << "\" height=\"" << height
      << "\" role=\"img\" aria-label=\"sector states and worker utilisation over epochs\">\n";
  for (int i = 0; i <= 10; ++i) {
    const ChainEpoch e = span * i / 10;
    svg << "<line x1=\"" << x_of(e) << "\" y1=\"" << kAxis - 6 << "\" x2=\"" << x_of(e) << "\" y2=\"" << height
        << "\" stroke=\"#ddd\"/><text x=\"" << x_of(e) << "\" y=\"12\" font-size=\"10\" text-anchor=\"middle\">" << e
        << "</text>\n";
  }
  int row = 0;
  for (const auto& [n, h] : run.sectors) {
    const int y = kAxis + row * kRow;
    svg << "<text x=\"4\" y=\"" << y + 15 << "\" font-size=\"12\">sector " << n << (h.halted ? " (halted)" : "")
        << "</text>\n";
    for (std::size_t i = 0; i < h.states.size(); ++i) {
      const ChainEpoch from = h.states[i].first;
      const ChainEpoch to = i + 1 < h.states.size() ? h.states[i + 1].first : run.reached_epoch;
      const int x0 = x_of(from);
      const int w = std::max(2, x_of(to) - x0);
      const std::string name = h.states[i].second.empty() ? "Undefined" : h.states[i].second;
      svg << "<rect x=\"" << x0 << "\" y=\"" << y + 2 << "\" width=\"" << w << "\" height=\"" << kRow - 4
          << "\" fill=\"" << state_colour(h.states[i].second) << "\" stroke=\"#fff\"><title>" << html_escape(name)
          << " from epoch " << from << "</title></rect>\n";
      if (w > 8 * static_cast<int>(name.size())) {
        svg << "<text x=\"" << x0 + 3 << "\" y=\"" << y + 15 << "\" font-size=\"11\" fill=\"#fff\">" << html_escape(name)
            << "</text>\n";
      }
    }
    ++row;
  }
  draw_worker_lanes(svg, run.worker_usage, geometry, kAxis + kRow * sector_rows);
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace

std::string html_report(const scenarios::RunResult& run) {
  std::ostringstream h;
  const bool passed = run.passed();
  h << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sealsim: "
    << html_escape(run.scenario_name) << "</title>\n<style>\n"
    << "body{font-family:sans-serif;margin:2em;color:#222} table{border-collapse:collapse;margin:.5em 0}"
    << " td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}"
    << " .fail{background:#fbe3e3} .pass{background:#e5f5e8} .verdict{font-size:1.4em;font-weight:bold}"
    << " .stop{background:#fbe3e3;border:2px solid #d9534f;padding:.6em} code{font-size:12px}\n"
    << "</style></head><body>\n";
  h << "<h1>" << html_escape(run.scenario_name) << "</h1>\n<p>" << html_escape(run.description) << "</p>\n";
  h << "<p class=\"verdict " << (passed ? "pass" : "fail") << "\">" << (passed ? "PASSED" : "FAILED") << "</p>\n";
  h << "<p>seed " << run.seed << " · proofs " << scenarios::proofs_name(run.proofs) << " · epochs " << run.reached_epoch
    << " / " << run.end_epoch << " · " << run.events << " driver events · trace hash <code>" << run.trace_hash
    << "</code></p>\n";
  if (run.stop) h << "<div class=\"stop\"><b>Run stopped:</b> " << html_escape(*run.stop) << "</div>\n";

  h << "<h2>Expectations</h2>\n<table><tr><th>expectation</th><th>verdict</th><th>explanation</th></tr>\n";
  for (const auto& e : run.expectations) {
    h << "<tr class=\"" << (e.held ? "pass" : "fail") << "\"><td>" << html_escape(e.expectation) << "</td><td>"
      << (e.held ? "held" : "FAILED") << "</td><td>" << html_escape(e.explanation) << "</td></tr>\n";
  }
  if (run.expectations.empty()) h << "<tr><td colspan=\"3\">none</td></tr>\n";
  h << "</table>\n";

  h << "<h2>Sector states over epochs</h2>\n" << timeline_svg(run);
  h << "<table><tr><th>sector</th><th>created</th><th>final state</th><th>history</th></tr>\n";
  for (const auto& [n, s] : run.sectors) {
    std::string history;
    for (const auto& [epoch, state] : s.states) {
      history += (history.empty() ? "" : " → ") + (state.empty() ? std::string("Undefined") : state) + "@" +
                 std::to_string(epoch);
    }
    h << "<tr><td>" << n << "</td><td>" << s.created << "</td><td>" << html_escape(s.final_state) << "</td><td>"
      << html_escape(history) << "</td></tr>\n";
  }
  h << "</table>\n";

  h << "<h2>Workers</h2>\n" << worker_utilisation_table(run.worker_usage);
  h << "<h2>Deals</h2>\n<table><tr><th>deal</th><th>proposed</th><th>final status</th><th>deal id</th><th>sector</th>"
       "<th>history</th><th>message</th></tr>\n";
  for (const auto& [n, d] : run.deals) {
    std::string history;
    for (const auto& [epoch, state] : d.states) history += (history.empty() ? "" : " → ") + state + "@" + std::to_string(epoch);
    const bool bad = d.final_state == "StorageDealError" || d.final_state == "StorageDealSlashed";
    h << "<tr" << (bad ? " class=\"fail\"" : "") << "><td>" << n << "</td><td>" << d.proposed << "</td><td>"
      << html_escape(d.final_state) << "</td><td>" << (d.deal_id ? std::to_string(*d.deal_id) : "") << "</td><td>"
      << (d.sector ? std::to_string(*d.sector) : "") << "</td><td>" << html_escape(history) << "</td><td>"
      << html_escape(d.message) << "</td></tr>\n";
  }
  if (run.deals.empty()) h << "<tr><td colspan=\"7\">none</td></tr>\n";
  h << "</table>\n";

  h << "<h2>Chain messages</h2>\n<table><tr><th>method</th><th>pushed</th><th>included</th><th>status</th>"
       "<th>exit code</th><th>CID</th></tr>\n";
  for (const auto& m : run.messages) {
    const bool bad = !m.exit_code.empty() && m.exit_code != "Ok";
    h << "<tr" << (bad ? " class=\"fail\"" : "") << "><td>" << html_escape(m.method) << "</td><td>" << m.pushed << "</td><td>"
      << (m.included ? std::to_string(*m.included) : "") << "</td><td>" << html_escape(m.status) << "</td><td>"
      << html_escape(m.exit_code) << "</td><td><code>" << html_escape(m.cid) << "</code></td></tr>\n";
  }
  if (run.messages.empty()) h << "<tr><td colspan=\"6\">none</td></tr>\n";
  h << "</table>\n";

  h << "<h2>Findings</h2>\n<ul>\n";
  for (const auto& f : run.findings) h << "<li class=\"fail\">" << html_escape(f) << "</li>\n";
  if (run.findings.empty()) h << "<li>none</li>\n";
  h << "</ul>\n</body></html>\n";
  return h.str();
}

void write_run_report(const scenarios::RunResult& run, const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error("cannot create report folder " + dir.string() + ": " + error.message());
  const auto write = [](const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
  };
  write(dir / (run.scenario_name + ".html"), html_report(run));
  write(dir / (run.scenario_name + ".json"), run_summary_json(run).dump(2) + "\n");
}

}  // namespace sealsim::reports
