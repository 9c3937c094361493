// fuzz_verdict.hpp: how the `sealsim fuzz` campaign judges one run of a case. Safety comes from the
// engine (it checks its invariants after every driver event and stops the run on a violation);
// on top of it, liveness: after the case's last event the chain advances kFuzzSettleEpochs and
// every sector must have reached Proving or Removed by the end. A planner halt is a failure too.
//
// Some outcomes are Lotus v1.11.0's own behaviour (sealing-fsm.md §16) or a known limit of the
// mock model, not sealsim bugs: they are accepted as known findings, each with its reason, and
// counted, never silently (known_fuzz_findings lists them).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/run_result.hpp"

namespace sealsim::scenarios {

struct KnownFuzzFinding {
  std::string id;      // "Q8", "mock-second-pc1", ...
  std::string reason;  // why it is accepted, with the spec section
};
const std::vector<KnownFuzzFinding>& known_fuzz_findings();

struct FuzzVerdict {
  bool failed = false;
  std::string what;                 // the first failure: a stop, a planner halt, a late sector
  nlohmann::json expect;            // the `expect` that makes the case's scenario fail the same way
  std::vector<std::string> known;   // accepted known findings, "Q8: sector 2 ..."
};

FuzzVerdict judge_fuzz_run(const RunResult& run);

}  // namespace sealsim::scenarios
