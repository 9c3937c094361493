// run_result.hpp: what a scenario run produced: why it stopped early (if it did), each expectation
// with its verdict and explanation, per-sector state histories, chain messages, findings and the
// trace with its hash. The CLI and reports/ read only this.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/scenario.hpp"
#include "scenarios/trace.hpp"

namespace sealsim::scenarios {

struct ExpectationOutcome {
  std::string expectation;  // "sector 1 ends in Proving"
  bool held = false;
  std::string explanation;  // why not (or what was observed)
};

struct SectorHistory {
  ChainEpoch created = 0;
  std::vector<std::pair<ChainEpoch, std::string>> states;  // (epoch entered, state name)
  std::string final_state;
  bool halted = false;
};

// One deal of the scenario (numbered 1, 2, ... in timeline order): its statuses as the provider
// (or, before the proposal, the client) reported them.
struct DealHistory {
  ChainEpoch proposed = 0;  // the epoch of its timeline event
  std::vector<std::pair<ChainEpoch, std::string>> states;  // (epoch entered, status name)
  std::string final_state;
  std::optional<DealId> deal_id;  // the chain's id, once published
  std::optional<SectorNumber> sector;
  std::string message;  // the last failure text, if any
};

struct MessageSummary {
  std::string cid;
  std::string method;  // scenario name of the method, or "method N"
  ChainEpoch pushed = 0;
  std::optional<ChainEpoch> included;
  std::string status;
  std::string exit_code;  // for included messages
};

// One worker's resource use over the epochs [from, to): the most of each resource it held at any
// moment of the span (so a task shorter than an epoch still shows), and whether it was lost
// (disconnected) at some moment of it. Built from the sector-storage scheduler's trace by
// worker_usage_recorder.hpp.
struct WorkerUsageInterval {
  std::string worker;  // the worker's name
  ChainEpoch from = 0;
  ChainEpoch to = 0;
  std::uint64_t active_tasks = 0;
  std::uint64_t preparing_tasks = 0;
  std::uint64_t active_cpus = 0;
  std::uint64_t active_gpu_tasks = 0;
  bool connected = true;
  friend bool operator==(const WorkerUsageInterval&, const WorkerUsageInterval&) = default;
};

struct RunResult {
  std::string scenario_name;
  std::string description;
  std::uint64_t seed = 0;
  ProofsBackend proofs = ProofsBackend::Mock;
  ChainEpoch end_epoch = 0;
  ChainEpoch reached_epoch = 0;
  // Set when the run could not go on: a timeline event this build cannot act on, a violated
  // invariant, an internal error. A stopped run has failed.
  std::optional<std::string> stop;
  std::vector<ExpectationOutcome> expectations;
  std::map<SectorNumber, SectorHistory> sectors;
  std::map<std::uint64_t, DealHistory> deals;  // by the scenario's deal number
  std::vector<MessageSummary> messages;
  // Per worker, its intervals in epoch order, workers in the order they were added. Empty when the
  // run's sector manager has no scheduler or the engine does not feed a WorkerUsageRecorder.
  std::vector<WorkerUsageInterval> worker_usage;
  std::vector<std::string> findings;  // "PlannerHalt sector 3: planner for state ..."
  std::vector<TraceEvent> trace;
  std::string trace_hash;
  std::uint64_t events = 0;  // driver events processed (timeline, timers, chain epochs)

  bool passed() const {
    if (stop) return false;
    for (const auto& e : expectations) {
      if (!e.held) return false;
    }
    return true;
  }
};

}  // namespace sealsim::scenarios
