// sealing_node.cpp: the Sealing node: startup, sector creation, statistics and operator commands.
#include "sealing/sealing_node.hpp"

#include <string>
#include <utility>

#include "sealing/current_seal_proof.hpp"

namespace sealsim::sealing {
namespace {

HandlerEnv with_input(HandlerEnv env, SectorInput* input) {
  env.input = input;
  return env;
}

std::unique_ptr<HandlerRunner> make_runner(const SealingNodeOptions& options, const HandlerEnv& env) {
  if (options.make_runner) {
    return options.make_runner(env);
  }
  return std::make_unique<SealingHandlers>(env);
}

}  // namespace

SealingNode::SealingNode(HandlerEnv env, SectorStore& store, SectorIdCounter& counter,
                         SealingNodeOptions options)
    : env_(with_input(std::move(env), &input_)),
      store_(store),
      counter_(counter),
      downstream_trace_(options.trace),
      input_(env_.clock, env_.chain, [this](RegisteredSealProof proof) { try_create_deal_sector(proof); }),
      runner_(make_runner(options, env_)),
      group_(store, env_.clock, *runner_, this, options.coverage),
      self_(std::make_shared<SealingNode*>(this)) {}

SealingNode::~SealingNode() = default;

void SealingNode::run() {
  if (started_) {
    return;
  }
  group_.restart_all();
  started_ = true;
  if (deferred_create_) {
    const RegisteredSealProof proof = *deferred_create_;
    deferred_create_.reset();
    try_create_deal_sector(proof);
  }
}

void SealingNode::add_piece_to_any_sector(UnpaddedPieceSize size, PieceData data, DealInfo deal,
                                          AddPieceDone done) {
  input_.add_piece_to_any_sector(size, data, std::move(deal), std::move(done));
}

Result<SectorRef> SealingNode::pledge_sector() {
  if (!started_) {
    return Result<SectorRef>::fail(kNotStartedError);
  }
  const SealingConfig& config = env_.config;
  if (config.max_sealing_sectors > 0 && stats_.cur_sealing() >= config.max_sealing_sectors) {
    return Result<SectorRef>::fail("too many sectors sealing (curSealing: " +
                                   std::to_string(stats_.cur_sealing()) +
                                   ", max: " + std::to_string(config.max_sealing_sectors) + ")");
  }
  const Result<RegisteredSealProof> proof = current_seal_proof(env_.chain);
  if (!proof) {
    return Result<SectorRef>::fail("getting seal proof type: " + proof.error());
  }
  const SectorNumber sector = create_sector();
  if (!group_.send(sector, SectorStartCC{sector, *proof})) {
    return Result<SectorRef>::fail(kMachineStoppedError);
  }
  return Result<SectorRef>::ok(SectorRef{SectorId{env_.miner, sector}, *proof});
}

Result<Unit> SealingNode::remove_sector(SectorNumber sector) {
  return send_command(sector, SectorRemove{});
}

Result<Unit> SealingNode::terminate_sector(SectorNumber sector) {
  return send_command(sector, SectorTerminate{});
}

Result<Unit> SealingNode::start_packing(SectorNumber sector) {
  return send_command(sector, SectorStartPacking{});
}

Result<Unit> SealingNode::force_sector_state(SectorNumber sector, const std::string& state) {
  const std::optional<SectorState> listed = state_from_name(state);
  if (!listed || !is_exist_sector_state(*listed)) {
    return Result<Unit>::fail("\"" + state + "\" is not a valid state");
  }
  return send_command(sector, SectorForceState{state});
}

Result<Unit> SealingNode::mark_for_upgrade(SectorNumber sector) {
  // Lotus does not wait for startup here: it reads the stored record directly.
  return input_.upgrades().mark(sector, store_.load(sector));
}

bool SealingNode::is_marked_for_upgrade(SectorNumber sector) const {
  return input_.upgrades().is_marked(sector);
}

void SealingNode::record(const TraceRecord& record) {
  if (downstream_trace_ != nullptr) {
    downstream_trace_->record(record);
  }
  if (record.finding && record.finding->kind == FindingKind::PlannerHalt) {
    return;  // the planner failed: plan() returns before its statistics step
  }
  if (!stats_.update(record.sector, stat_bucket_of(record.to_state), env_.config)) {
    return;
  }
  // A limit was just left: `go updateInput(currentSealProof)`.
  std::weak_ptr<SealingNode*> self = self_;
  env_.clock.schedule_at(env_.clock.now(), [self] {
    auto alive = self.lock();
    if (!alive) {
      return;
    }
    SealingNode& node = **alive;
    if (const Result<RegisteredSealProof> proof = current_seal_proof(node.env_.chain)) {
      node.input_.update_input(*proof);
    }
  });
}

void SealingNode::try_create_deal_sector(RegisteredSealProof proof) {
  if (!started_) {
    deferred_create_ = proof;  // Lotus waits on startupWait here
    return;
  }
  if (input_.creating()) {
    return;  // a deal sector is being created right now
  }
  const SealingConfig& config = env_.config;
  if (config.max_sealing_sectors_for_deals > 0 &&
      stats_.cur_sealing() >= config.max_sealing_sectors_for_deals) {
    return;
  }
  if (config.max_wait_deals_sectors > 0 && stats_.cur_staging() >= config.max_wait_deals_sectors) {
    return;
  }
  const SectorNumber sector = create_sector();
  input_.set_creating(sector);
  group_.send(sector, SectorStart{sector, proof});
}

SectorNumber SealingNode::create_sector() {
  const SectorNumber sector = counter_.next_sector_number();
  // sealer.NewSector is a no-op in Lotus's Manager (spec Q19). Counted at once: the planner would
  // only count it when SectorStart is planned.
  stats_.update(sector, StatBucket::Staging, env_.config);
  return sector;
}

Result<Unit> SealingNode::send_command(SectorNumber sector, SectorEvent event) {
  if (!started_) {
    return Result<Unit>::fail(kNotStartedError);
  }
  if (!group_.send(sector, std::move(event))) {
    return Result<Unit>::fail(kMachineStoppedError);
  }
  return Result<Unit>::ok(Unit{});
}

}  // namespace sealsim::sealing
