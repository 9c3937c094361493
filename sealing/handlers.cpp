// handlers.cpp: state handlers of spec §8 that act through the sector manager and the clock:
// Packing, PreCommit2, FinalizeSector/CommitFinalize, Proving, Removing, and the failure handlers
// with failedCooldown (SealPreCommit1Failed, SealPreCommit2Failed, ComputeProofFailed,
// FinalizeFailed/CommitFinalizeFailed, RemoveFailed), plus Faulty (a no-op in Lotus); and the
// dispatch of every handler id to its handler (the others live in handlers_*.cpp).
#include "sealing/handlers.hpp"

#include <string>

#include "sealing/handler_support.hpp"
#include "sealing/handlers_commit.hpp"
#include "sealing/handlers_deals.hpp"
#include "sealing/handlers_input.hpp"
#include "sealing/handlers_post_seal.hpp"
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

using Run = HandlerRunPtr;

// handlePacking steps 2-5 (spec §8.3). Step 1 (rejecting assigned-but-unwritten deals) is
// release_unwritten_pieces (handlers_input.cpp).
void add_fillers(HandlerEnv& env, Run run, std::vector<UnpaddedPieceSize> existing,
                 std::vector<UnpaddedPieceSize> fillers, std::size_t next,
                 std::vector<PieceInfo> added) {
  if (next == fillers.size()) {
    record_branch(env, HandlerBranch::PackingPacked);
    send_and_finish(run, SectorPacked{std::move(added)});
    return;
  }
  const SectorInfo& info = run->info();
  const UnpaddedPieceSize size = fillers[next];
  auto on_done = [&env, run, existing, fillers, next, added](Result<PieceInfo> piece) mutable {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    if (!piece) {
      record_branch(env, HandlerBranch::PackingFillerFailed);
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
  release_unwritten_pieces(env, run->sector());  // step 1
  std::uint64_t allocated = 0;
  for (const auto& size : info.existing_piece_sizes()) {
    allocated += size.bytes();
  }
  const std::uint64_t sector_unpadded = seal_proof_info(info.sector_type).unpadded_sector_size();
  if (allocated > sector_unpadded) {
    record_branch(env, HandlerBranch::PackingTooMuchData);
    run->finish();  // STALL: "too much data in sector"
    return;
  }
  add_fillers(env, run, info.existing_piece_sizes(),
              fillers_from_remaining(UnpaddedPieceSize(sector_unpadded - allocated)), 0, {});
}

void handle_pre_commit2(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  env.sealer.seal_pre_commit2(sealing_priority(info), sector_ref(env, info), info.pre_commit1_out,
                              [&env, run](Result<SealedCids> cids) {
                                if (!run->alive()) {
                                  return;  // the node restarted meanwhile: `env` is gone with it
                                }
                                if (!cids) {
                                  record_branch(env, HandlerBranch::PreCommit2Pc2Failed);
                                  send_and_finish(run, SectorSealPreCommit2Failed{
                                                           "seal pre commit(2) failed: " + cids.error()});
                                } else if (cids->unsealed.digest.empty()) {
                                  record_branch(env, HandlerBranch::PreCommit2UndefinedCommD);
                                  send_and_finish(run, SectorSealPreCommit1Failed{
                                                           "seal pre commit(2) returned undefined CommD"});
                                } else {
                                  record_branch(env, HandlerBranch::PreCommit2Pc2Done);
                                  send_and_finish(run, SectorPreCommit2{cids->sealed, cids->unsealed});
                                }
                              });
}

void handle_finalize(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  env.sealer.finalize_sector(
      sealing_priority(info), sector_ref(env, info),
      keep_unsealed_ranges(info, false, env.config.always_keep_unsealed_copy),
      [&env, run](Result<Unit> done) {
        if (!run->alive()) {
          return;  // the node restarted meanwhile: `env` is gone with it
        }
        if (!done) {
          record_branch(env, HandlerBranch::FinalizeSectorFailed);
          send_and_finish(run, SectorFinalizeFailed{"finalize sector: " + done.error()});
        } else {
          record_branch(env, HandlerBranch::FinalizeSectorFinalized);
          send_and_finish(run, SectorFinalized{});
        }
      });
}

void handle_proving(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  // Errors are only logged by Lotus; no event either way.
  record_branch(env, HandlerBranch::ProvingReleaseUnsealed);
  env.sealer.release_unsealed(sector_ref(env, info),
                              keep_unsealed_ranges(info, true, env.config.always_keep_unsealed_copy),
                              [run](Result<Unit>) { run->finish(); });
}

void handle_removing(HandlerEnv& env, const Run& run) {
  env.sealer.remove(sector_ref(env, run->info()), [&env, run](Result<Unit> done) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    if (!done) {
      record_branch(env, HandlerBranch::RemovingFailed);
      send_and_finish(run, SectorRemoveFailed{done.error()});
    } else {
      record_branch(env, HandlerBranch::RemovingRemoved);
      send_and_finish(run, SectorRemoved{});
    }
  });
}

}  // namespace

#define SEALSIM_COUNT_HANDLER(name) +1

void SealingHandlers::run(SectorHandler handler, std::shared_ptr<HandlerRun> run) {
  switch (handler) {
    case SectorHandler::None:
    case SectorHandler::Unwired:
      // Lotus only logs for these states (spec §7); the state group does not even start a run.
      run->finish();
      return;
    case SectorHandler::WaitDeals:
      return handle_wait_deals(env_, run);
    case SectorHandler::AddPiece:
      return handle_add_piece(env_, run);
    case SectorHandler::Packing:
      return handle_packing(env_, run);
    case SectorHandler::PreCommit2:
      return handle_pre_commit2(env_, run);
    case SectorHandler::Committing:
      return handle_committing(env_, run);
    case SectorHandler::SubmitCommit:
      return handle_submit_commit(env_, run);
    case SectorHandler::SubmitCommitAggregate:
      return handle_submit_commit_aggregate(env_, run);
    case SectorHandler::CommitWait:
      return handle_commit_wait(env_, run);
    case SectorHandler::FinalizeSector:
      return handle_finalize(env_, run);
    case SectorHandler::Proving:
      return handle_proving(env_, run);
    case SectorHandler::Removing:
      return handle_removing(env_, run);
    case SectorHandler::SealPreCommit1Failed:
      record_branch(env_, HandlerBranch::SealPreCommit1FailedRetry);
      return after_cooldown(env_, run, [](const SectorInfo&) { return SectorRetrySealPreCommit1{}; });
    case SectorHandler::SealPreCommit2Failed:
      // The record copy does not change during the cooldown: the branch is known now.
      record_branch(env_, run->info().pre_commit2_fails > 3 ? HandlerBranch::SealPreCommit2FailedRetryPc1
                                                            : HandlerBranch::SealPreCommit2FailedRetryPc2);
      return after_cooldown(env_, run, [](const SectorInfo& info) -> SectorEvent {
        if (info.pre_commit2_fails > 3) {
          return SectorRetrySealPreCommit1{};
        }
        return SectorRetrySealPreCommit2{};
      });
    case SectorHandler::ComputeProofFailed:
      record_branch(env_, run->info().invalid_proofs > 1 ? HandlerBranch::ComputeProofFailedReseal
                                                         : HandlerBranch::ComputeProofFailedRetry);
      return after_cooldown(env_, run, [](const SectorInfo& info) -> SectorEvent {
        if (info.invalid_proofs > 1) {
          return SectorSealPreCommit1Failed{"consecutive compute fails"};
        }
        return SectorRetryComputeProof{};
      });
    case SectorHandler::CommitFailed:
      return handle_commit_failed(env_, run);
    case SectorHandler::FinalizeFailed:
      record_branch(env_, HandlerBranch::FinalizeFailedRetry);
      return after_cooldown(env_, run, [](const SectorInfo&) { return SectorRetryFinalize{}; });
    case SectorHandler::PackingFailed:
      // The plan call already rewrote the state to DealsExpired (spec §7), which selects the
      // DealsExpired handler; the same handler runs for this id.
    case SectorHandler::DealsExpired:
      return handle_deals_expired(env_, run);
    case SectorHandler::RecoverDealIDs:
      return handle_recover_deal_ids(env_, run);
    case SectorHandler::Terminating:
      return handle_terminating(env_, run);
    case SectorHandler::TerminateWait:
      return handle_terminate_wait(env_, run);
    case SectorHandler::TerminateFinality:
      return handle_terminate_finality(env_, run);
    case SectorHandler::TerminateFailed:
      return handle_terminate_failed(env_, run);
    case SectorHandler::RemoveFailed:
      record_branch(env_, HandlerBranch::RemoveFailedRetry);
      return after_cooldown(env_, run, [](const SectorInfo&) { return SectorRemove{}; });
    case SectorHandler::Faulty:
      run->finish();
      return;
    case SectorHandler::FaultReported:
      return handle_fault_reported(env_, run);
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
  }
  // Defensive only. The switch names every SectorHandler (-Wswitch turns a missing one into a
  // compile error) and SealingHandlersDispatch.EveryStateHandlerDispatches derives from the state
  // list that each state's handler runs; what is left is a handler id outside the enum. Recorded,
  // never thrown, so one bad sector cannot stop a run.
  constexpr std::size_t kHandlerIds = 0 SEALSIM_SECTOR_HANDLERS(SEALSIM_COUNT_HANDLER);
  const auto id = static_cast<std::size_t>(handler);
  const std::string name = id < kHandlerIds ? std::string(handler_name(handler))
                                            : "id " + std::to_string(id);
  run->report(Finding{FindingKind::InternalInvariant,
                      "sealing handler " + name + " has no dispatch in SealingHandlers::run", {}});
  run->finish();
}

#undef SEALSIM_COUNT_HANDLER

}  // namespace sealsim::sealing
