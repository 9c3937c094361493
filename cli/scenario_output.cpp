// scenario_output.cpp: progress line and run summary text.
#include "cli/scenario_output.hpp"

#include <iostream>

namespace sealsim::cli {

void print_progress_line(const scenarios::RunProgress& p) {
  std::cout << "\r\033[Kepoch " << p.epoch << "/" << p.end_epoch;
  for (const auto& [state, count] : p.sectors_by_state) {
    std::cout << "  " << (state.empty() ? "Undefined" : state) << ":" << count;
  }
  std::cout << std::flush;
}

void print_run_summary(std::ostream& out, const scenarios::RunResult& r) {
  out << (r.passed() ? "PASS " : "FAIL ") << r.scenario_name << "  (seed " << r.seed << ", proofs "
      << scenarios::proofs_name(r.proofs) << ", epoch " << r.reached_epoch << "/" << r.end_epoch << ", "
      << r.sectors.size() << " sector(s), " << r.messages.size() << " message(s), " << r.events << " events)\n";
  if (r.stop) out << "  run stopped: " << *r.stop << "\n";
  for (const auto& e : r.expectations) {
    if (!e.held) out << "  expectation failed: " << e.expectation << ": " << e.explanation << "\n";
  }
  for (const auto& f : r.findings) out << "  finding: " << f << "\n";
  out << "  trace hash " << r.trace_hash << "\n";
}

}  // namespace sealsim::cli
