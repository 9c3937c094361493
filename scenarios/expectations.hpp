// expectations.hpp: judges a finished run against the scenario's `expect`, one outcome per
// expectation with a readable explanation of what was seen instead.
#pragma once

#include <vector>

#include "scenarios/run_result.hpp"
#include "scenarios/scenario.hpp"

namespace sealsim::scenarios {

std::vector<ExpectationOutcome> evaluate_expectations(const Expectations& expect, const RunResult& run);

}  // namespace sealsim::scenarios
