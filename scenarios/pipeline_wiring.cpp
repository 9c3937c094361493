// pipeline_wiring.cpp: the one place that builds the scenario runs' sealing pipeline: sealing's
// three batchers over chain-mock (batcher_chain_adapter.hpp), and FsmSectorManager over
// sealing/storage's scheduler, storage index and call records with the scenario's workers, storage
// paths and duration model, proving with the scenario's proof backend (checked by
// BackendProofVerifier): `mock` (Lotus's mock sector manager, piece data as sizes only), `cpu`
// (the real computations over the pieces' real bytes: zeros for CC pieces, as Lotus's AddPiece of
// a null reader, and the deals' payloads) or `cuda` (the same bytes hashed on the GPU; where it
// cannot run, the run stops before it starts). make_proof_choice is the one switch from `proofs`
// to a backend; make_chain_proof_checks its chain-side counterpart. For scenarios with deal events,
// the deals side (deal_market.hpp): go-fil-markets' provider over chain-mock handing deals to the
// engine's sealing node through sealing/deal_input, with DealPayloads as the sector manager's piece
// data source.
//
// What survives a simulated restart (the workers, their running tasks, the files on the storage
// paths, the call records, the backend) lives in Farm; the miner process's parts (the sector
// manager facade, the batchers and their queues) are rebuilt by on_restart, as a restarted Lotus
// miner reattaches to its workers and starts with empty batch queues.
#include "scenarios/pipeline_wiring.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "scenarios/batcher_chain_adapter.hpp"
#include "scenarios/replica_file_writer.hpp"
#include "scenarios/scenario_timing_model.hpp"
#include "scenarios/worker_usage_recorder.hpp"
#include "sealing/commit_batcher.hpp"
#include "sealing/pre_commit_batcher.hpp"
#include "sealing/storage/backend_proof_verifier.hpp"
#include "sealing/storage/call_tracker.hpp"
#include "sealing/storage/cpu_proof_backend.hpp"
#include "sealing/storage/directory_sector_file_content.hpp"
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

// What proves a scenario's sectors: its backend and how piece data reaches it.
struct ProofChoice {
  std::unique_ptr<sealing::ProofBackend> backend;
  sealing::PieceDataMode piece_data = sealing::PieceDataMode::SizesOnly;
  std::uint64_t max_real_data_sector_size = sealing::kMaxRealDataSectorSize;
  std::string unavailable;  // why the run cannot start with it
  std::string description;  // for the trace; empty for mock
  // Set for backends that compute on real bytes: the sector files are then real files, and this
  // backend's PreCommit2 output is written into them.
  sealing::CpuProofBackend* replica_source = nullptr;
};

// The one switch from a scenario's `proofs` to its proof backend (make_chain_proof_checks is its
// chain-side counterpart).
ProofChoice make_proof_choice(const Scenario& scenario, const PipelineOptions& options) {
  ProofChoice choice;
  switch (scenario.proofs) {
    case ProofsBackend::Mock:
      choice.backend = std::make_unique<sealing::MockProofBackend>();
      return choice;
    case ProofsBackend::Cpu:
    case ProofsBackend::Cuda: {
      // cuda is the cpu backend with GPU kernels: the same bytes, so the same wiring.
      const std::string name(proofs_name(scenario.proofs));
      if (const auto why = sealing::proof_backend_unavailable_reason(name)) {
        // Never a fallback: the run stops before anything runs (sealsim run refuses it earlier,
        // exit 2). The mock only fills the slot of a backend no task ever reaches.
        choice.unavailable = "proofs backend '" + name + "' is not available: " + *why;
        choice.backend = std::make_unique<sealing::MockProofBackend>();
        return choice;
      }
      const sealing::ProofBackendOptions backend_options{options.allow_large_sectors, 1};
      if (const auto refusal = sealing::cpu_sector_size_refusal(scenario.proof_type, backend_options)) {
        choice.unavailable = "proofs backend " + *refusal;  // "proofs backend cpu: ... is refused: ..."
        if (name != "cpu") choice.unavailable += " (cuda keeps the same sector state in host memory)";
      }
      auto real = sealing::make_real_proof_backend(name, backend_options);
      choice.replica_source = real.get();
      choice.backend = std::move(real);
      choice.piece_data = sealing::PieceDataMode::RealData;
      // The backend holds the sector's bytes itself; its own refusal above bounds the size.
      choice.max_real_data_sector_size = seal_proof_info(scenario.proof_type).sector_size;
      choice.description = sealing::CpuProofBackend::describe_c2_proof();
      return choice;
    }
  }
  throw std::logic_error("unknown proofs backend");
}

// A run's own folder for sector files under the system's temporary folder, removed with the run.
// Its name (scenario, process id, first free number) never reaches the outcome.
class RunFolder {
 public:
  explicit RunFolder(const std::string& scenario_name) {
    const std::filesystem::path base = std::filesystem::temp_directory_path();
    const std::string stem = "sealsim-sectors-" + scenario_name + "-" + std::to_string(::getpid()) + "-";
    for (unsigned k = 0;; ++k) {
      path_ = base / (stem + std::to_string(k));
      if (std::filesystem::create_directory(path_)) break;  // throws filesystem_error if it cannot
    }
  }
  ~RunFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  RunFolder(const RunFolder&) = delete;
  RunFolder& operator=(const RunFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A storage path's subfolder: its id and its name with anything but [A-Za-z0-9._-] as '_' (a name
// may be "/mnt/seal"; the id keeps "." and ".." out and names apart).
std::string path_folder_name(sealing::StoragePathId id, const std::string& name) {
  std::string folder = std::to_string(id) + "-";
  for (const char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '_' || c == '-';
    folder += plain ? c : '_';
  }
  return folder;
}

// The parts of the farm a restart does not touch. The scheduler reports every change of a worker
// to the usage recorder (the run's worker utilisation), whose `epoch_of` maps scheduler time to
// the chain epoch it falls in.
struct Farm {
  Farm(const Scenario& scenario, ProofChoice choice, std::function<ChainEpoch(sealing::SimTime)> epoch_of)
      : timing(scenario.durations),
        usage(std::move(epoch_of)),
        scheduler(timing, {}, &usage),
        folder(choice.replica_source ? std::make_unique<RunFolder>(scenario.name) : nullptr),
        content(folder ? std::make_unique<sealing::DirectorySectorFileContent>(folder->path()) : nullptr),
        index(content.get()),
        proofs(std::move(choice)),
        replica_writer(proofs.replica_source ? std::make_unique<ReplicaFileWriter>(*proofs.replica_source, index)
                                             : nullptr),
        backend(replica_writer ? *replica_writer : *proofs.backend) {
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
    if (content) {
      for (const auto& [name, id] : paths) content->name_path(id, path_folder_name(id, name));
    }
  }

  ScenarioTimingModel timing;
  WorkerUsageRecorder usage;
  sealing::Scheduler scheduler;
  std::unique_ptr<RunFolder> folder;                            // real-data runs only
  std::unique_ptr<sealing::DirectorySectorFileContent> content;  // files' bytes, in folder
  sealing::StorageIndex index;
  sealing::InMemoryCallRecordStore calls;
  ProofChoice proofs;
  std::unique_ptr<ReplicaFileWriter> replica_writer;
  sealing::ProofBackend& backend;
  sealing::DealPayloads payloads;  // the deals' piece data until the sealing input answers them
  std::map<std::string, sealing::WorkerId> workers;
  std::map<std::string, sealing::StoragePathId> paths;
  std::uint64_t remove_failures = 0;  // left to fail by remove_fault events
  std::uint64_t empty_pre_commit2_answers = 0;  // left by task_fault events with result "empty"
};

// The sector manager the handlers see: FsmSectorManager, except that a Remove call fails while
// remove_fault events have failures left (answered on the clock's current step, as the storage
// manager answers a real Remove).
class FaultableSectorManager final : public sealing::SectorManager {
 public:
  FaultableSectorManager(sealing::SectorManager& inner, Farm& farm, sealing::Clock& clock)
      : inner_(inner), farm_(farm), clock_(clock) {}
  void add_piece(int priority, const sealing::SectorRef& sector, const std::vector<UnpaddedPieceSize>& existing,
                 UnpaddedPieceSize size, sealing::PieceData data, sealing::Done<PieceInfo> done) override {
    inner_.add_piece(priority, sector, existing, size, data, std::move(done));
  }
  void seal_pre_commit1(int priority, const sealing::SectorRef& sector, const Bytes& ticket,
                        const std::vector<PieceInfo>& pieces, sealing::Done<Bytes> done) override {
    inner_.seal_pre_commit1(priority, sector, ticket, pieces, std::move(done));
  }
  void seal_pre_commit2(int priority, const sealing::SectorRef& sector, const Bytes& pc1_out,
                        sealing::Done<sealing::SealedCids> done) override {
    if (farm_.empty_pre_commit2_answers == 0) {
      inner_.seal_pre_commit2(priority, sector, pc1_out, std::move(done));
      return;
    }
    --farm_.empty_pre_commit2_answers;
    // The task runs on its worker as usual; only its answer is lost on the way back.
    inner_.seal_pre_commit2(priority, sector, pc1_out, [done = std::move(done)](sealing::Result<sealing::SealedCids> cids) {
      done(cids ? sealing::Result<sealing::SealedCids>::ok(sealing::SealedCids{}) : std::move(cids));
    });
  }
  void seal_commit1(int priority, const sealing::SectorRef& sector, const Bytes& ticket, const Bytes& seed,
                    const std::vector<PieceInfo>& pieces, const sealing::SealedCids& cids,
                    sealing::Done<Bytes> done) override {
    inner_.seal_commit1(priority, sector, ticket, seed, pieces, cids, std::move(done));
  }
  void seal_commit2(int priority, const sealing::SectorRef& sector, const Bytes& c1_out,
                    sealing::Done<Bytes> done) override {
    inner_.seal_commit2(priority, sector, c1_out, std::move(done));
  }
  void finalize_sector(int priority, const sealing::SectorRef& sector,
                       const std::vector<sealing::UnpaddedRange>& keep_unsealed, sealing::Done<sealing::Unit> done) override {
    inner_.finalize_sector(priority, sector, keep_unsealed, std::move(done));
  }
  void release_unsealed(const sealing::SectorRef& sector, const std::vector<sealing::UnpaddedRange>& safe_to_free,
                        sealing::Done<sealing::Unit> done) override {
    inner_.release_unsealed(sector, safe_to_free, std::move(done));
  }
  void remove(const sealing::SectorRef& sector, sealing::Done<sealing::Unit> done) override {
    if (farm_.remove_failures == 0) {
      inner_.remove(sector, std::move(done));
      return;
    }
    --farm_.remove_failures;
    clock_.schedule_at(clock_.now(), [done = std::move(done)] {
      done(sealing::Result<sealing::Unit>::fail("injected remove failure (scenario remove_fault)"));
    });
  }

 private:
  sealing::SectorManager& inner_;
  Farm& farm_;
  sealing::Clock& clock_;
};

// The miner process's parts over the farm; one per (re)start.
struct MinerParts {
  MinerParts(Farm& farm, const Scenario& scenario, sealing::Clock& clock, ChainAdapter& chain,
             sealing::SimSeconds scheduler_epoch)
      : batcher_api(chain),
        sealer(std::make_shared<sealing::FsmSectorManager>(
            farm.scheduler, farm.index, farm.calls, farm.backend, clock,
            sealing::FsmSectorManagerOptions{scheduler_epoch, farm.proofs.piece_data, &farm.payloads, false,
                                             farm.proofs.max_real_data_sector_size})),
        facade(std::make_shared<FaultableSectorManager>(*sealer, farm, clock)) {
    const sealing::SealingConfig config = scenario.sealing;
    const auto getter = [config] { return config; };
    const ActorId miner = chain.miner().id;
    const sealing::SimSeconds block_delay = chain.chain().config().block_delay_seconds;
    pre_commits = std::make_shared<sealing::PreCommitBatcher>(miner, batcher_api, addresses, scenario.fees, getter,
                                                              clock, block_delay);
    if (scenario.proofs == ProofsBackend::Mock) {
      prover = std::make_unique<MockAggregateProver>();
    } else {
      prover = std::make_unique<VanillaAggregateProver>();
    }
    commits = std::make_shared<sealing::CommitBatcher>(miner, batcher_api, addresses, *prover, scenario.fees, getter,
                                                       clock, block_delay);
    terminations =
        std::make_shared<sealing::TerminateBatcher>(miner, batcher_api, addresses, scenario.fees, getter, clock);
  }

  BatcherChainAdapter batcher_api;
  sealing::ConfiguredAddressSelector addresses;
  std::unique_ptr<sealing::AggregateProver> prover;
  std::shared_ptr<sealing::FsmSectorManager> sealer;
  std::shared_ptr<FaultableSectorManager> facade;  // what the handlers call
  std::shared_ptr<sealing::PreCommitBatcher> pre_commits;
  std::shared_ptr<sealing::CommitBatcher> commits;
  std::shared_ptr<sealing::TerminateBatcher> terminations;
};

// Hands the miner parts to the pipeline; the parts object stays alive as long as any of its
// pointers (aliasing shared_ptrs), so the batchers' references into it never dangle.
void install(SealingPipeline& p, std::shared_ptr<MinerParts> parts) {
  p.sealer = std::shared_ptr<sealing::SectorManager>(parts, parts->facade.get());
  p.pre_commits = std::shared_ptr<sealing::PreCommitQueue>(parts, parts->pre_commits.get());
  p.commits = std::shared_ptr<sealing::CommitQueue>(parts, parts->commits.get());
  p.terminations = std::shared_ptr<sealing::TerminationQueue>(parts, parts->terminations.get());
}

}  // namespace

ChainProofChecks make_chain_proof_checks(ProofsBackend proofs) {
  if (proofs == ProofsBackend::Mock) return {};
  // Real backends (cpu; cuda is bit-identical to it) prove with wrapped vanilla proofs.
  auto verifier = std::make_shared<VanillaChainVerifier>();
  return ChainProofChecks{verifier, [verifier] { return verifier->take_verdicts(); }};
}

SealingPipeline make_sealing_pipeline(const Scenario& scenario, std::uint64_t seed, sealing::Clock& clock,
                                      ChainAdapter& chain, const PipelineOptions& options) {
  SealingPipeline p;
  ProofChoice proofs = make_proof_choice(scenario, options);
  p.unavailable = proofs.unavailable;
  p.proofs_description = proofs.description;
  const sealing::SimSeconds scheduler_epoch = clock.now();
  const chain::ChainConfig& chain_config = chain.chain().config();
  const auto epoch_of = [scheduler_epoch, genesis = chain_config.genesis_timestamp,
                         block_delay = chain_config.block_delay_seconds](sealing::SimTime t) -> ChainEpoch {
    return (sealing::clock_time_of(scheduler_epoch, t) - genesis) / block_delay;
  };
  auto farm = std::make_shared<Farm>(scenario, std::move(proofs), epoch_of);
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
    if (e.empty_result) {
      f->empty_pre_commit2_answers += e.count;  // the loader allows "empty" for PC2 only
    } else {
      f->timing.fail_next(*sealing::parse_task_type(e.task), e.count);  // validated by the loader
    }
    return {};
  };
  p.fail_removes = [f](const RemoveFaultEvent& e) { f->remove_failures += e.count; };
  const bool has_deals = std::any_of(scenario.timeline.begin(), scenario.timeline.end(), [](const TimelineEntry& e) {
    return std::holds_alternative<DealEvent>(e.action);
  });
  if (has_deals) {
    auto deals = std::make_shared<DealMarket>(scenario, seed, clock, chain, farm->payloads);
    // Owned by the hooks below, so it goes before the farm (whose payloads it fills).
    p.propose_deal = [deals](const DealEvent& e) { return deals->propose(e); };
    p.attach_node = [deals](sealing::SealingNode& node) { deals->attach(node); };
    p.detach_node = [deals] { deals->detach(); };
    p.take_market_update = [deals] { return deals->take_update(); };
  }
  return p;
}

}  // namespace sealsim::scenarios
