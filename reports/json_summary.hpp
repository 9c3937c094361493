// json_summary.hpp: the machine-readable summary of a scenario run (verdict, stop reason,
// expectations, sectors, messages, worker usage, findings, trace hash), for `sealsim run --json`
// and reports.
#pragma once

#include <nlohmann/json.hpp>

#include "scenarios/run_result.hpp"

namespace sealsim::reports {

nlohmann::ordered_json run_summary_json(const scenarios::RunResult& run);

}  // namespace sealsim::reports
