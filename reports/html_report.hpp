// html_report.hpp: a self-contained HTML page per scenario run (inline CSS and SVG, no scripts,
// no network): verdict, stop reason and failed expectations highlighted, a timeline of every
// sector's states over epochs with a lane per worker below, worker utilisation, chain messages,
// deals and findings.
#pragma once

#include <filesystem>
#include <string>

#include "scenarios/run_result.hpp"

namespace sealsim::reports {

std::string html_report(const scenarios::RunResult& run);
// Writes DIR/<scenario>.html and DIR/<scenario>.json (creating DIR); throws std::runtime_error
// naming the file when it cannot.
void write_run_report(const scenarios::RunResult& run, const std::filesystem::path& dir);

}  // namespace sealsim::reports
