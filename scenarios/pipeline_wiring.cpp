// pipeline_wiring.cpp: the one place that builds the scenario runs' sealing pipeline: sealing's
// three batchers over chain-mock (batcher_chain_adapter.hpp), and FsmSectorManager over
// sealing/storage's scheduler, storage index and call records with the scenario's workers, storage
// paths and duration model, proving with the mock proof backend (checked by BackendProofVerifier).
//
// What survives a simulated restart (the workers, their running tasks, the files on the storage
// paths, the call records, the backend) lives in Farm; the miner process's parts (the sector
// manager facade, the batchers and their queues) are rebuilt by on_restart, as a restarted Lotus
// miner reattaches to its workers and starts with empty batch queues.
#include "scenarios/pipeline_wiring.hpp"

#include "scenarios/batcher_chain_adapter.hpp"
#include "scenarios/scenario_timing_model.hpp"
#include "scenarios/worker_usage_recorder.hpp"
#include "sealing/commit_batcher.hpp"
#include "sealing/pre_commit_batcher.hpp"
#include "sealing/storage/backend_proof_verifier.hpp"
#include "sealing/storage/call_tracker.hpp"
#include "sealing/storage/fsm_sector_manager.hpp"
#include "sealing/storage/mock_proof_backend.hpp"
#include "sealing/storage/scheduler.hpp"
#include "sealing/storage/scheduler_clock_bridge.hpp"
#include "sealing/storage/storage_index.hpp"
#include "sealing/terminate_batcher.hpp"

namespace sealsim::scenarios {

namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
// Storage of a scenario that lists no paths: one path for sealing and long-term storage, large
// enough never to fill (1 PiB).
constexpr std::uint64_t kDefaultPathCapacity = std::uint64_t{1} << 50;

// A worker machine large enough for every task of every proof type of the resource table
// (64 GiB sectors' PC1 needs 112 GiB + 1 GiB base), so only the scenario's task lists and the
// scheduler's windows decide placement.
sealing::WorkerResources scenario_worker_resources() {
  return sealing::WorkerResources{512 * kGiB, 256 * kGiB, 2 * kGiB, 64, 1};
}

// The parts of the farm a restart does not touch. The scheduler reports every change of a worker
// to the usage recorder (the run's worker utilisation), whose `epoch_of` maps scheduler time to
// the chain epoch it falls in.
struct Farm {
  Farm(const Scenario& scenario, std::function<ChainEpoch(sealing::SimTime)> epoch_of)
      : timing(scenario.durations), usage(std::move(epoch_of)), scheduler(timing, {}, &usage) {
    if (scenario.workers.empty()) {
      std::set<sealing::TaskType> every;
      for (const auto& info : sealing::all_task_types()) every.insert(info.type);
      workers["worker"] = scheduler.add_worker(sealing::WorkerSpec{"worker", every, scenario_worker_resources(), false});
    }
    for (const auto& w : scenario.workers) {
      std::set<sealing::TaskType> tasks;
      for (const auto& t : w.tasks) tasks.insert(*sealing::parse_task_type(t));  // validated by the loader
      workers[w.name] = scheduler.add_worker(sealing::WorkerSpec{w.name, tasks, scenario_worker_resources(), false});
    }
    if (scenario.storage.empty()) {
      paths["default"] = index.add_path({"default", kDefaultPathCapacity, true, true, std::nullopt});
    }
    for (const auto& p : scenario.storage) {
      paths[p.path] = index.add_path({p.path, p.capacity, p.seal, p.store, std::nullopt});
    }
  }

  ScenarioTimingModel timing;
  WorkerUsageRecorder usage;
  sealing::Scheduler scheduler;
  sealing::StorageIndex index;
  sealing::InMemoryCallRecordStore calls;
  sealing::MockProofBackend backend;
  std::map<std::string, sealing::WorkerId> workers;
  std::map<std::string, sealing::StoragePathId> paths;
};

// The miner process's parts over the farm; one per (re)start.
struct MinerParts {
  MinerParts(Farm& farm, const Scenario& scenario, sealing::Clock& clock, ChainAdapter& chain,
             sealing::SimSeconds scheduler_epoch)
      : batcher_api(chain),
        sealer(std::make_shared<sealing::FsmSectorManager>(
            farm.scheduler, farm.index, farm.calls, farm.backend, clock,
            sealing::FsmSectorManagerOptions{scheduler_epoch, sealing::PieceDataMode::SizesOnly, nullptr, false})) {
    const sealing::SealingConfig config = scenario.sealing;
    const auto getter = [config] { return config; };
    const ActorId miner = chain.miner().id;
    const sealing::SimSeconds block_delay = chain.chain().config().block_delay_seconds;
    pre_commits = std::make_shared<sealing::PreCommitBatcher>(miner, batcher_api, addresses, scenario.fees, getter,
                                                              clock, block_delay);
    commits = std::make_shared<sealing::CommitBatcher>(miner, batcher_api, addresses, prover, scenario.fees, getter,
                                                       clock, block_delay);
    terminations =
        std::make_shared<sealing::TerminateBatcher>(miner, batcher_api, addresses, scenario.fees, getter, clock);
  }

  BatcherChainAdapter batcher_api;
  sealing::ConfiguredAddressSelector addresses;
  MockAggregateProver prover;
  std::shared_ptr<sealing::FsmSectorManager> sealer;
  std::shared_ptr<sealing::PreCommitBatcher> pre_commits;
  std::shared_ptr<sealing::CommitBatcher> commits;
  std::shared_ptr<sealing::TerminateBatcher> terminations;
};

// Hands the miner parts to the pipeline; the parts object stays alive as long as any of its
// pointers (aliasing shared_ptrs), so the batchers' references into it never dangle.
void install(SealingPipeline& p, std::shared_ptr<MinerParts> parts) {
  p.sealer = std::shared_ptr<sealing::SectorManager>(parts, parts->sealer.get());
  p.pre_commits = std::shared_ptr<sealing::PreCommitQueue>(parts, parts->pre_commits.get());
  p.commits = std::shared_ptr<sealing::CommitQueue>(parts, parts->commits.get());
  p.terminations = std::shared_ptr<sealing::TerminationQueue>(parts, parts->terminations.get());
}

}  // namespace

SealingPipeline make_sealing_pipeline(const Scenario& scenario, sealing::Clock& clock, ChainAdapter& chain) {
  SealingPipeline p;
  if (scenario.proofs != ProofsBackend::Mock) {
    p.unavailable = "proofs backend '" + std::string(proofs_name(scenario.proofs)) +
                    "' cannot drive a scenario yet: only the mock proof backend is wired "
                    "(scenarios/pipeline_wiring.cpp); use --proofs mock";
  }
  const sealing::SimSeconds scheduler_epoch = clock.now();
  const chain::ChainConfig& chain_config = chain.chain().config();
  const auto epoch_of = [scheduler_epoch, genesis = chain_config.genesis_timestamp,
                         block_delay = chain_config.block_delay_seconds](sealing::SimTime t) -> ChainEpoch {
    return (sealing::clock_time_of(scheduler_epoch, t) - genesis) / block_delay;
  };
  auto farm = std::make_shared<Farm>(scenario, epoch_of);
  p.keep_alive = farm;
  auto current = std::make_shared<std::shared_ptr<MinerParts>>(
      std::make_shared<MinerParts>(*farm, scenario, clock, chain, scheduler_epoch));
  install(p, *current);
  p.verifier = std::make_shared<sealing::BackendProofVerifier>(farm->backend);
  const ActorId miner = chain.miner().id;
  Farm* f = farm.get();
  p.holds_sealed_copy = [f, miner](SectorNumber n) {
    return !f->index.copies(SectorId{miner, n}, sealing::SectorFileType::Sealed).empty();
  };
  p.on_restart = [f, current, &scenario, &clock, &chain, scheduler_epoch](SealingPipeline& pipeline) {
    // The old process's sector manager and batchers go (their pending answers are dropped with
    // them); the new ones reattach to the same farm (FsmSectorManager recovers the call records).
    pipeline.sealer.reset();
    pipeline.pre_commits.reset();
    pipeline.commits.reset();
    pipeline.terminations.reset();
    current->reset();
    *current = std::make_shared<MinerParts>(*f, scenario, clock, chain, scheduler_epoch);
    install(pipeline, *current);
  };
  p.lose_worker = [f, current](const WorkerLostEvent& e) -> std::string {
    const auto found = f->workers.find(e.worker);
    if (found == f->workers.end()) return "no worker named '" + e.worker + "' in this scenario";
    const sealing::WorkerId id = found->second;
    (*current)->sealer->change_workers([id](sealing::Scheduler& s) { s.disconnect_worker(id); });
    return {};
  };
  p.fill_path = [f](const PathFullEvent& e) -> std::string {
    const auto found = f->paths.find(e.path);
    if (found == f->paths.end()) return "no storage path named '" + e.path + "' in this scenario";
    // Other data takes the whole disk: every reservation on it fails from now on.
    f->index.set_external_usage(found->second, f->index.path(found->second).config.capacity);
    return {};
  };
  p.worker_usage = [f](ChainEpoch end) { return f->usage.intervals(end); };
  p.fail_tasks = [f](const TaskFaultEvent& e) -> std::string {
    f->timing.fail_next(*sealing::parse_task_type(e.task), e.count);  // validated by the loader
    return {};
  };
  p.unsupported_events = {
      {"deal", "deal events need the deals layer (market FSM and input packing), not wired into scenarios yet"},
  };
  return p;
}

}  // namespace sealsim::scenarios
