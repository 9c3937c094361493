// scenario_output.hpp: how `sealsim run` and `sealsim replay` print a run: the progress line on a
// terminal and the closing summary (verdict, stop reason, each failed expectation and why).
#pragma once

#include <ostream>

#include "scenarios/engine.hpp"

namespace sealsim::cli {

void print_progress_line(const scenarios::RunProgress& progress);
void print_run_summary(std::ostream& out, const scenarios::RunResult& result);

}  // namespace sealsim::cli
