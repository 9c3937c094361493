// pipeline_wiring.hpp: THE wiring point of scenario runs: which sector manager, proof verifier and
// batchers the engine hands the sealing handlers: sealing/storage's FsmSectorManager over the
// scheduler with the scenario's workers, storage paths and durations, BackendProofVerifier over the
// scenario's proof backend (mock, or the real cpu computations), and sealing's PreCommitBatcher,
// CommitBatcher and TerminateBatcher over chain-mock (batcher_chain_adapter.hpp); what chain-mock
// checks the run's proofs with; and the deals side (deal_market.hpp) when the scenario has deal
// events, connected to the engine's sealing node through attach_node.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "chain-mock/proof_verifier.hpp"
#include "scenarios/chain_adapter.hpp"
#include "scenarios/deal_market.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/vanilla_proof_chain.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/clock.hpp"
#include "sealing/sealing_node.hpp"
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
  // Deals: the engine hands over each sealing node it builds (after run()) and calls detach_node
  // before destroying it; take_market_update gives the deals' changes since the last call. Empty
  // when the scenario has no deal events.
  std::function<void(sealing::SealingNode&)> attach_node;
  std::function<void()> detach_node;
  std::function<MarketUpdate()> take_market_update;
  // Called when the simulated process restarts, after the sector state group is gone and before
  // the store is reopened: replaces the process's parts (sector manager facade, batchers).
  std::function<void(SealingPipeline&)> on_restart;
  std::map<std::string, std::string> unsupported_events;
  // Set when the scenario's proofs backend cannot run in this build (or refuses its sector size).
  std::string unavailable;
  // What the run's proofs are, in words for the trace (empty for mock).
  std::string proofs_description;
};

// Settings of a run that are not the scenario's (command-line flags).
struct PipelineOptions {
  // `--allow-large`: real proofs of 32 GiB and 64 GiB sectors, refused otherwise (memory, hours).
  bool allow_large_sectors = false;
};

// `seed`: the run's seed (the deals' payloads derive from it).
SealingPipeline make_sealing_pipeline(const Scenario& scenario, std::uint64_t seed, sealing::Clock& clock,
                                      ChainAdapter& chain, const PipelineOptions& options = {});

// What chain-mock verifies the run's seal proofs with; built before the chain, so apart from the
// pipeline. Null for `mock` (chain-mock's own MockProofVerifier, the keyed mock proofs).
struct ChainProofChecks {
  std::shared_ptr<const chain::ProofVerifier> verifier;
  // The verdicts since the last call (empty when the verifier keeps none).
  std::function<std::vector<SealProofVerdict>()> take_verdicts;
};
ChainProofChecks make_chain_proof_checks(ProofsBackend proofs);

}  // namespace sealsim::scenarios
