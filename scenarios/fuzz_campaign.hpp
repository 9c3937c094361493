// fuzz_campaign.hpp: the model-based fuzz campaign behind `sealsim fuzz` (issue 8). Each case is a
// RapidCheck rc::state command sequence over a model of the world (epoch, sectors pledged, workers
// lost, paths full): it first draws a swarm setup (fuzz_world.hpp: which event kinds it may use,
// their weights, batching, workers, paths, task durations), then world events from the enabled
// kinds only. The events render to a scenario that the real engine runs (invariants after every
// driver event), judged by fuzz_verdict.hpp (liveness after the settle epochs, planner halts).
//
// A failing case is shrunk by RapidCheck (shorter command lists, smaller counts, fewer enabled
// kinds) and the smallest failing one is written to the output folder as a scenario file whose
// `expect` fails the same way, so `sealsim run FILE` reproduces it without RapidCheck; the campaign
// re-runs the written file to confirm. The engine runs in process: should it crash, the case it
// was running is in OUT/running-shard-I.json (rewritten before every run, removed at the end).
//
// Determinism: case c of a campaign with seed S has RapidCheck seed S + c; shard i of N runs the
// cases c < runs with c mod N == i, so the shards of a campaign together run exactly the cases
// of the unsharded campaign, each once. `--seed S+c --runs 1` repeats case c alone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sealing/branch_coverage.hpp"
#include "sealing/row_coverage.hpp"

namespace sealsim::scenarios {

struct FuzzCampaignOptions {
  std::uint64_t seed = 1;
  std::uint64_t runs = 100;        // cases of the whole campaign (over every shard)
  std::uint64_t max_events = 20;   // world events per case, chain advances included
  std::uint64_t shard_index = 0;
  std::uint64_t shard_count = 1;
  std::filesystem::path out = "fuzz-failures";  // shrunk failing scenarios go here
  // When set, every engine run of the campaign (each case, each shrink candidate, each re-run of
  // a written failure) adds its planner rows and handler branches here, as `sealsim run
  // --coverage` does; FuzzCampaignResult::engine_runs counts those runs.
  sealing::RowCoverage* coverage = nullptr;
  sealing::BranchCoverage* branch_coverage = nullptr;
};

struct FuzzFailure {
  std::uint64_t case_seed = 0;
  std::string what;                 // why the shrunk case fails
  std::size_t events_found = 0;     // world events of the case as first generated
  std::size_t events_shrunk = 0;    // world events of the written scenario
  std::size_t timeline_entries = 0; // its timeline entries (the events without chain advances)
  std::filesystem::path scenario;   // the written file
  bool reproduced = false;          // running the written file failed again
};

struct FuzzProgress {
  std::uint64_t done = 0;     // cases finished in this shard
  std::uint64_t total = 0;    // cases of this shard
  std::uint64_t failures = 0;
  std::uint64_t shrinking_case = 0;  // non-zero while a failing case is being shrunk
  std::uint64_t shrink_steps = 0;
};

struct FuzzCampaignResult {
  std::uint64_t cases = 0;
  std::uint64_t engine_runs = 0;  // scenario runs of the engine, shrink candidates included
  std::vector<FuzzFailure> failures;
  std::map<std::string, std::uint64_t> known_findings;  // id -> cases that showed it
  bool passed() const { return failures.empty(); }
};

// Throws std::invalid_argument for options that name no case (shard out of range, zero counts)
// and std::runtime_error when the output folder cannot be written.
FuzzCampaignResult run_fuzz_campaign(const FuzzCampaignOptions& options,
                                     const std::function<void(const FuzzProgress&)>& progress = {});

}  // namespace sealsim::scenarios
