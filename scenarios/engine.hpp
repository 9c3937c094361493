// engine.hpp: runs a scenario: builds the mock chain, the chain adapter, the sealing clock, the
// sector store and the sealing pipeline (through pipeline_wiring), then drives them event by
// event on the simulated clock until the end epoch: timeline events at their epoch, due timers
// one at a time, one chain epoch at a time; invariants (invariants.hpp) after every event;
// restarts by closing and reopening the store; `expect` evaluated at the end.
//
// Nothing is caught silently: a timeline event this build cannot act on, an invariant violation, a
// store or internal error all stop the run and are reported as its failure, with their text.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "scenarios/run_result.hpp"
#include "scenarios/scenario.hpp"
#include "sealing/row_coverage.hpp"
#include "sealing/sector_store.hpp"

namespace sealsim::scenarios {

struct RunProgress {
  ChainEpoch epoch = 0;
  ChainEpoch end_epoch = 0;
  std::map<std::string, std::size_t> sectors_by_state;
};

struct RunOptions {
  std::optional<std::uint64_t> seed;        // overrides the scenario's
  std::optional<ProofsBackend> proofs;      // overrides the scenario's
  bool allow_large_sectors = false;         // real proofs of 32/64 GiB sectors (--allow-large)
  std::ostream* trace_out = nullptr;        // JSON Lines trace, if wanted
  std::string scenario_label;               // the file as named on the command line (trace header)
  // Where the SQLite store lives when the scenario persists; empty: a fresh folder under the
  // system's temporary directory, removed afterwards. Its location never affects the outcome.
  std::filesystem::path work_folder;
  std::function<void(const RunProgress&)> progress;  // called once per chain epoch
  // Counts every (state, event) planner row the run's sector state groups hit (added to).
  sealing::RowCoverage* coverage = nullptr;
  // Crash tests (cli/crashtest_command.cpp, scenarios/crash_replay_store.hpp): keep the SQLite
  // store already in work_folder instead of starting from an empty one; wrap every store the
  // engine opens; called after every driver event with the number of events so far.
  bool keep_existing_store = false;
  std::function<std::unique_ptr<sealing::SectorStore>(std::unique_ptr<sealing::SectorStore>)> wrap_store;
  std::function<void(std::uint64_t events)> on_event;
};

RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace sealsim::scenarios
