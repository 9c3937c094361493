// pipeline_wiring.hpp: THE wiring point of scenario runs: which sector manager, proof verifier and
// batchers the engine hands the sealing handlers: sealing/storage's FsmSectorManager over the
// scheduler with the scenario's workers, storage paths and durations, BackendProofVerifier over the
// mock proof backend, and sealing's PreCommitBatcher, CommitBatcher and TerminateBatcher over
// chain-mock (batcher_chain_adapter.hpp).
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "scenarios/chain_adapter.hpp"
#include "scenarios/run_result.hpp"
#include "scenarios/scenario.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/clock.hpp"
#include "sealing/sector_manager.hpp"

namespace sealsim::scenarios {

struct SealingPipeline {
  // What must outlive the parts below (the farm of workers and storage); destroyed last.
  std::shared_ptr<void> keep_alive;
  std::shared_ptr<sealing::SectorManager> sealer;
  std::shared_ptr<sealing::ProofVerifier> verifier;
  std::shared_ptr<sealing::PreCommitQueue> pre_commits;
  std::shared_ptr<sealing::CommitQueue> commits;
  std::shared_ptr<sealing::TerminationQueue> terminations;
  // For the "never zero copies of sealed data" invariant.
  std::function<bool(SectorNumber)> holds_sealed_copy;
  // The world events that act on parts behind this wiring. A timeline event whose hook is empty
  // stops the run with the reason in unsupported_events (never skipped silently); a hook that
  // answers a non-empty text (an unknown worker or path name) stops it with that text.
  std::function<std::string(const DealEvent&)> propose_deal;
  std::function<std::string(const WorkerLostEvent&)> lose_worker;
  std::function<std::string(const PathFullEvent&)> fill_path;
  std::function<std::string(const TaskFaultEvent&)> fail_tasks;
  // Called when the simulated process restarts, after the sector state group is gone and before
  // the store is reopened: replaces the process's parts (sector manager facade, batchers).
  std::function<void(SealingPipeline&)> on_restart;
  std::map<std::string, std::string> unsupported_events;
  // Every worker's usage intervals up to `end` (exclusive), for RunResult::worker_usage.
  std::function<std::vector<WorkerUsageInterval>(ChainEpoch end)> worker_usage;
  // Set when the scenario's proofs backend cannot run in this build.
  std::string unavailable;
};

SealingPipeline make_sealing_pipeline(const Scenario& scenario, sealing::Clock& clock, ChainAdapter& chain);

}  // namespace sealsim::scenarios
