// handlers_post_seal.cpp: Terminating (through the terminate batcher), TerminateWait,
// TerminateFinality (the wait on the simulated clock), TerminateFailed and FaultReported, as Lotus
// v1.11.0 runs them (spec §8.18, §8.19, Q7-Q9).
#include "sealing/handlers_post_seal.hpp"

#include <string>

#include "sealing/chain_constants.hpp"

namespace sealsim::sealing {

namespace {

// One turn of handleTerminateFinality's loop; the caller has checked run->alive().
void terminate_finality_step(HandlerEnv& env, const HandlerRunPtr& run) {
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::TerminateFinalityHeadError);
    send_and_finish(run, SectorTerminateFailed{"getting chain head: " + head.error()});
    return;
  }
  const Result<std::int64_t> version = env.chain.state_network_version(head->token);
  if (!version) {
    record_branch(env, HandlerBranch::TerminateFinalityVersionError);
    send_and_finish(run, SectorTerminateFailed{"getting network version: " + version.error()});
    return;
  }
  const ChainEpoch lookback = env.network.winning_post_sector_set_lookback(*version);
  const ChainEpoch terminated_at = run->info().terminated_at;
  if (head->height >= terminated_at + lookback) {
    record_branch(env, HandlerBranch::TerminateFinalityRemove);
    send_and_finish(run, SectorRemove{});
    return;
  }
  record_branch(env, HandlerBranch::TerminateFinalityWait);
  // Lotus sleeps (head - TerminatedAt + lookback) epochs, not the remaining
  // (TerminatedAt + lookback - head): it over-waits, and the loop still ends correctly (Q9).
  SimSeconds wait = (head->height - terminated_at + lookback) * env.network.block_delay_seconds;
  if (wait <= 0) {
    // Only after a reorg below TerminatedAt - lookback. Lotus's timer fires at once and it spins
    // until the head moves; simulated time would not move, so sealsim waits one block instead.
    wait = env.network.block_delay_seconds;
  }
  env.clock.schedule_at(env.clock.now() + wait, [&env, run] {
    if (run->alive()) terminate_finality_step(env, run);  // else the node restarted: `env` is gone
  });
}

}  // namespace

void handle_terminating(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  const auto sector = env.chain.state_sector_get_info(info.sector_number, TipSetToken{});
  if (!sector) {
    record_branch(env, HandlerBranch::TerminatingSectorInfoError);
    send_and_finish(run, SectorTerminateFailed{"getting sector info: " + sector.error()});
    return;
  }
  if (!sector->has_value()) {
    // Either already terminated or not proven yet.
    const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, TipSetToken{});
    if (!pci) {
      record_branch(env, HandlerBranch::TerminatingPreCommitInfoError);
      send_and_finish(run, SectorTerminateFailed{"checking precommit presence: " + pci.error()});
      return;
    }
    if (pci->has_value()) {
      record_branch(env, HandlerBranch::TerminatingPrecommittedNotProven);
      send_and_finish(run, SectorTerminateFailed{
                               "sector was precommitted but not proven, remove instead of terminating"});
      return;
    }
    record_branch(env, HandlerBranch::TerminatingNotOnChainRemove);
    send_and_finish(run, SectorRemove{});
    return;
  }
  env.terminations.add_termination(SectorId{env.miner, info.sector_number},
                                   [&env, run](Result<TerminationResult> result) {
                                     if (!run->alive()) {
                                       return;  // the node restarted meanwhile: `env` is gone with it
                                     }
                                     if (!result) {
                                       record_branch(env, HandlerBranch::TerminatingQueueError);
                                       send_and_finish(run, SectorTerminateFailed{
                                                                "queueing termination: " +
                                                                result.error()});
                                       return;
                                     }
                                     if (result->already_terminated) {
                                       // No message to wait for: TerminateWait then stalls (Q8).
                                       record_branch(env, HandlerBranch::TerminatingAlreadyTerminated);
                                       send_and_finish(run, SectorTerminating{std::nullopt});
                                       return;
                                     }
                                     record_branch(env, HandlerBranch::TerminatingQueued);
                                     send_and_finish(run, SectorTerminating{result->message});
                                   });
}

void handle_terminate_wait(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  if (!info.terminate_message) {
    record_branch(env, HandlerBranch::TerminateWaitNilMessage);
    run->finish();  // STALL: "entered TerminateWait with nil TerminateMessage" (Q8)
    return;
  }
  env.chain.state_wait_msg(*info.terminate_message, [&env, run](Result<MessageLookup> mw) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    if (!mw) {
      record_branch(env, HandlerBranch::TerminateWaitWaitError);
      send_and_finish(run, SectorTerminateFailed{
                               "waiting for terminate message to land on chain: " + mw.error()});
      return;
    }
    if (mw->receipt.exit_code != kExitOk) {
      // Lotus wraps the (nil) wait error with %w here, hence the odd suffix.
      record_branch(env, HandlerBranch::TerminateWaitExitFailed);
      send_and_finish(run, SectorTerminateFailed{"terminate message failed to execute: exit " +
                                                 std::to_string(mw->receipt.exit_code) +
                                                 ": %!w(<nil>)"});
      return;
    }
    record_branch(env, HandlerBranch::TerminateWaitTerminated);
    send_and_finish(run, SectorTerminated{mw->height});
  });
}

void handle_terminate_finality(HandlerEnv& env, const HandlerRunPtr& run) {
  terminate_finality_step(env, run);
}

void handle_terminate_failed(HandlerEnv& env, const HandlerRunPtr& run) {
  // An error is taken for "no precommit" (most likely an API error): the cooldown and the next
  // Terminating run will tell.
  const auto pci = env.chain.state_sector_pre_commit_info(run->info().sector_number, TipSetToken{});
  if (pci && pci->has_value()) {
    record_branch(env, HandlerBranch::TerminateFailedPrecommittedStall);
    run->finish();  // STALL: precommitted but not proven needs a manual remove
    return;
  }
  record_branch(env, HandlerBranch::TerminateFailedRetry);
  after_cooldown(env, run, [](const SectorInfo&) { return SectorTerminate{}; });
}

void handle_fault_reported(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  if (!info.fault_report_msg) {
    record_branch(env, HandlerBranch::FaultReportedNilMessage);
    run->finish();  // STALL: "entered fault reported state without a FaultReportMsg cid"
    return;
  }
  env.chain.state_wait_msg(*info.fault_report_msg, [&env, run](Result<MessageLookup> mw) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    if (!mw || mw->receipt.exit_code != kExitOk) {
      record_branch(env, HandlerBranch::FaultReportedWaitFailed);
      run->finish();  // STALL: waiting failed / "declaring sector fault failed"
      return;
    }
    record_branch(env, HandlerBranch::FaultReportedFaultedFinal);
    // FaultReported's `final` planner rejects this event: the machine halts (Q7).
    send_and_finish(run, SectorFaultedFinal{});
  });
}

}  // namespace sealsim::sealing
