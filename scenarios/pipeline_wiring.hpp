// pipeline_wiring.hpp: THE wiring point of scenario runs: which sector manager, proof verifier and
// batchers the engine hands the sealing handlers. Today: the temporary MockSectorManager and
// PassThroughBatchers of this folder. When sealing/storage's manager implements
// sealing::SectorManager and sealing's batchers land, only pipeline_wiring.cpp changes.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "scenarios/chain_adapter.hpp"
#include "scenarios/scenario.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/clock.hpp"
#include "sealing/sector_manager.hpp"

namespace sealsim::scenarios {

struct SealingPipeline {
  std::shared_ptr<sealing::SectorManager> sealer;
  std::shared_ptr<sealing::ProofVerifier> verifier;
  std::shared_ptr<sealing::PreCommitQueue> pre_commits;
  std::shared_ptr<sealing::CommitQueue> commits;
  std::shared_ptr<sealing::TerminationQueue> terminations;
  // For the "never zero copies of sealed data" invariant.
  std::function<bool(SectorNumber)> holds_sealed_copy;
  // The world events that act on parts behind this wiring: set them when those parts land. A
  // timeline event whose hook is empty stops the run with the reason in unsupported_events
  // (never skipped silently).
  std::function<void(const DealEvent&)> propose_deal;
  std::function<void(const WorkerLostEvent&)> lose_worker;
  std::function<void(const PathFullEvent&)> fill_path;
  // Called when the simulated process restarts, before the store is reopened.
  std::function<void()> on_restart;
  std::map<std::string, std::string> unsupported_events;
  // Set when the scenario's proofs backend cannot run in this build.
  std::string unavailable;
};

SealingPipeline make_sealing_pipeline(const Scenario& scenario, sealing::Clock& clock, ChainAdapter& chain);

}  // namespace sealsim::scenarios
