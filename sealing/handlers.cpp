// handlers.cpp: state handlers of spec §8 that act through the sector manager and the clock:
// Packing, PreCommit2, FinalizeSector/CommitFinalize, Proving, Removing, and the failure handlers
// with failedCooldown (SealPreCommit1Failed, SealPreCommit2Failed, ComputeProofFailed,
// FinalizeFailed/CommitFinalizeFailed, RemoveFailed), plus Faulty (a no-op in Lotus).
#include "sealing/handlers.hpp"

#include <stdexcept>
#include <string>

#include "sealing/handler_support.hpp"
#include "sealing/handlers_precommit.hpp"

namespace sealsim::sealing {

std::vector<UnpaddedPieceSize> fillers_from_remaining(UnpaddedPieceSize remaining) {
  const std::uint64_t rem = remaining.bytes();
  std::uint64_t to_fill = rem + rem / 127;  // padded bytes
  std::vector<UnpaddedPieceSize> out;
  while (to_fill != 0) {
    const std::uint64_t bit = to_fill & (~to_fill + 1);  // lowest set bit
    out.emplace_back(bit - bit / 128);
    to_fill &= to_fill - 1;
  }
  return out;
}

void failed_cooldown(Clock& clock, const SectorInfo& info, std::function<void()> then) {
  // Lotus reads the last entry unguarded; the planner always logs the event that entered the
  // failed state, so the log is never empty here.
  const SimSeconds last = info.log.empty() ? 0 : static_cast<SimSeconds>(info.log.back().timestamp);
  const SimSeconds retry_start = last + kMinRetryTime;
  if (clock.now() > retry_start) {
    then();
  } else {
    clock.schedule_at(retry_start, std::move(then));
  }
}

namespace {

using Run = std::shared_ptr<HandlerRun>;

// handlePacking steps 2-5 (spec §8.3). Step 1 (rejecting assigned-but-unwritten deals) belongs to
// the input layer, which is not built yet.
void add_fillers(HandlerEnv& env, Run run, std::vector<UnpaddedPieceSize> existing,
                 std::vector<UnpaddedPieceSize> fillers, std::size_t next,
                 std::vector<PieceInfo> added) {
  if (next == fillers.size()) {
    send_and_finish(run, SectorPacked{std::move(added)});
    return;
  }
  const SectorInfo& info = run->info();
  const UnpaddedPieceSize size = fillers[next];
  auto on_done = [&env, run, existing, fillers, next, added](Result<PieceInfo> piece) mutable {
    if (!piece) {
      run->finish();  // STALL in Packing ("filling up the sector: ...")
      return;
    }
    existing.push_back(fillers[next]);
    added.push_back(*piece);
    add_fillers(env, run, std::move(existing), std::move(fillers), next + 1, std::move(added));
  };
  env.sealer.add_piece(sealing_priority(info), sector_ref(env, info), existing, size,
                       PieceData{true, 0}, std::move(on_done));
}

void handle_packing(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  std::uint64_t allocated = 0;
  for (const auto& size : info.existing_piece_sizes()) {
    allocated += size.bytes();
  }
  const std::uint64_t sector_unpadded = seal_proof_info(info.sector_type).unpadded_sector_size();
  if (allocated > sector_unpadded) {
    run->finish();  // STALL: "too much data in sector"
    return;
  }
  add_fillers(env, run, info.existing_piece_sizes(),
              fillers_from_remaining(UnpaddedPieceSize(sector_unpadded - allocated)), 0, {});
}

void handle_pre_commit2(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  env.sealer.seal_pre_commit2(sealing_priority(info), sector_ref(env, info), info.pre_commit1_out,
                              [run](Result<SealedCids> cids) {
                                if (!cids) {
                                  send_and_finish(run, SectorSealPreCommit2Failed{
                                                           "seal pre commit(2) failed: " + cids.error()});
                                } else if (cids->unsealed.digest.empty()) {
                                  send_and_finish(run, SectorSealPreCommit1Failed{
                                                           "seal pre commit(2) returned undefined CommD"});
                                } else {
                                  send_and_finish(run, SectorPreCommit2{cids->sealed, cids->unsealed});
                                }
                              });
}

void handle_finalize(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  env.sealer.finalize_sector(
      sealing_priority(info), sector_ref(env, info),
      keep_unsealed_ranges(info, false, env.config.always_keep_unsealed_copy),
      [run](Result<Unit> done) {
        if (!done) {
          send_and_finish(run, SectorFinalizeFailed{"finalize sector: " + done.error()});
        } else {
          send_and_finish(run, SectorFinalized{});
        }
      });
}

void handle_proving(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  // Errors are only logged by Lotus; no event either way.
  env.sealer.release_unsealed(sector_ref(env, info),
                              keep_unsealed_ranges(info, true, env.config.always_keep_unsealed_copy),
                              [run](Result<Unit>) { run->finish(); });
}

void handle_removing(HandlerEnv& env, const Run& run) {
  env.sealer.remove(sector_ref(env, run->info()), [run](Result<Unit> done) {
    if (!done) {
      send_and_finish(run, SectorRemoveFailed{done.error()});
    } else {
      send_and_finish(run, SectorRemoved{});
    }
  });
}

}  // namespace

bool SealingHandlers::implemented(SectorHandler handler) {
  switch (handler) {
    case SectorHandler::Packing:
    case SectorHandler::PreCommit2:
    case SectorHandler::FinalizeSector:
    case SectorHandler::Proving:
    case SectorHandler::Removing:
    case SectorHandler::SealPreCommit1Failed:
    case SectorHandler::SealPreCommit2Failed:
    case SectorHandler::ComputeProofFailed:
    case SectorHandler::FinalizeFailed:
    case SectorHandler::RemoveFailed:
    case SectorHandler::Faulty:
    case SectorHandler::GetTicket:
    case SectorHandler::PreCommit1:
    case SectorHandler::PreCommitting:
    case SectorHandler::SubmitPreCommitBatch:
    case SectorHandler::PreCommitWait:
    case SectorHandler::WaitSeed:
    case SectorHandler::PreCommitFailed:
      return true;
    default:
      return false;
  }
}

void SealingHandlers::run(SectorHandler handler, std::shared_ptr<HandlerRun> run) {
  switch (handler) {
    case SectorHandler::Packing:
      return handle_packing(env_, run);
    case SectorHandler::PreCommit2:
      return handle_pre_commit2(env_, run);
    case SectorHandler::FinalizeSector:
      return handle_finalize(env_, run);
    case SectorHandler::Proving:
      return handle_proving(env_, run);
    case SectorHandler::Removing:
      return handle_removing(env_, run);
    case SectorHandler::SealPreCommit1Failed:
      return after_cooldown(env_, run, [](const SectorInfo&) { return SectorRetrySealPreCommit1{}; });
    case SectorHandler::SealPreCommit2Failed:
      return after_cooldown(env_, run, [](const SectorInfo& info) -> SectorEvent {
        if (info.pre_commit2_fails > 3) {
          return SectorRetrySealPreCommit1{};
        }
        return SectorRetrySealPreCommit2{};
      });
    case SectorHandler::ComputeProofFailed:
      return after_cooldown(env_, run, [](const SectorInfo& info) -> SectorEvent {
        if (info.invalid_proofs > 1) {
          return SectorSealPreCommit1Failed{"consecutive compute fails"};
        }
        return SectorRetryComputeProof{};
      });
    case SectorHandler::FinalizeFailed:
      return after_cooldown(env_, run, [](const SectorInfo&) { return SectorRetryFinalize{}; });
    case SectorHandler::RemoveFailed:
      return after_cooldown(env_, run, [](const SectorInfo&) { return SectorRemove{}; });
    case SectorHandler::Faulty:
      run->finish();
      return;
    case SectorHandler::GetTicket:
      return handle_get_ticket(env_, run);
    case SectorHandler::PreCommit1:
      return handle_pre_commit1(env_, run);
    case SectorHandler::PreCommitting:
      return handle_pre_committing(env_, run);
    case SectorHandler::SubmitPreCommitBatch:
      return handle_submit_pre_commit_batch(env_, run);
    case SectorHandler::PreCommitWait:
      return handle_pre_commit_wait(env_, run);
    case SectorHandler::WaitSeed:
      return handle_wait_seed(env_, run);
    case SectorHandler::PreCommitFailed:
      return handle_pre_commit_failed(env_, run);
    default:
      throw std::logic_error("sealing handler " + std::string(handler_name(handler)) +
                             " is not implemented in sealsim yet");
  }
}

}  // namespace sealsim::sealing
