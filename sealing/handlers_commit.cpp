// handlers_commit.cpp: Committing (C1, C2, the local proof check, FinalizeEarly routing),
// SubmitCommit (ProveCommitSector, or the aggregate route from network version 13),
// SubmitCommitAggregate (through the commit batcher), CommitWait and CommitFailed, as Lotus
// v1.11.0 runs them (spec §8.12, §8.14-§8.16, §8.18, §9.4).
#include "sealing/handlers_commit.hpp"

#include <string>

#include "sealing/actor_cbor.hpp"
#include "sealing/chain_constants.hpp"
#include "sealing/checks.hpp"
#include "sealing/handler_support.hpp"

namespace sealsim::sealing {

namespace {

CommitCheckResult run_check_commit(HandlerEnv& env, const SectorInfo& info, const Bytes& proof,
                                   const TipSetToken& tok) {
  return check_commit(env.chain, env.miner, info, proof, tok, env.network, env.verifier);
}

// The local checkCommit before a proof goes on: a node crash is recorded (STALL), an error class
// sends `Event` with its text. True when that finished the handler.
template <typename Event>
bool finished_by_check(const HandlerRunPtr& run, const CommitCheckResult& check) {
  if (check.crash) {
    report_crash_and_finish(run, check.crash->message);
    return true;
  }
  if (check.error) {
    send_and_finish(run, Event{"commit check error: " + check.error->message});
    return true;
  }
  return false;
}

// Committing, after C2: the local check, then the proof goes to CommitFinalize or SubmitCommit.
void check_and_commit_proof(HandlerEnv& env, const HandlerRunPtr& run, bool finalize_early,
                            const Bytes& proof) {
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::CommittingHeadStall);
    run->finish();  // STALL: "handleCommitting: api error, not proceeding"
    return;
  }
  // Every class, ErrApi included, sends the sector to ComputeProofFailed here (spec §9.4).
  if (finished_by_check<SectorComputeProofFailed>(run, run_check_commit(env, run->info(), proof, head->token))) {
    record_branch(env, HandlerBranch::CommittingCheckFailed);
    return;
  }
  if (finalize_early) {
    record_branch(env, HandlerBranch::CommittingProofReady);
    send_and_finish(run, SectorProofReady{proof});
  } else {
    record_branch(env, HandlerBranch::CommittingCommitted);
    send_and_finish(run, SectorCommitted{proof});
  }
}

// The commit batcher's answer to AddCommit (spec §8.15 steps 2-5); the caller has checked run->alive().
void on_commit_batch_result(HandlerEnv& env, const HandlerRunPtr& run,
                            const Result<CommitBatchResult>& res) {
  if (!res) {
    record_branch(env, HandlerBranch::SubmitCommitAggregateQueueError);
    // v1.11.0 retries at once: SubmitCommit sends the sector straight back here, with no
    // backoff (Q16).
    send_and_finish(run, SectorRetrySubmitCommit{});
    return;
  }
  const SectorInfo& info = run->info();
  if (!res->error.empty()) {
    const Result<ChainHead> head = env.chain.chain_head();
    if (!head) {
      run->finish();  // STALL
      return;
    }
    if (finished_by_check<SectorCommitFailed>(run, run_check_commit(env, info, info.proof, head->token))) {
      record_branch(env, HandlerBranch::SubmitCommitAggregateBatchErrorCheckFailed);
      return;
    }
    record_branch(env, HandlerBranch::SubmitCommitAggregateBatchErrorRetry);
    send_and_finish(run, SectorRetrySubmitCommit{});
    return;
  }
  if (auto failed = res->failed_sectors.find(info.sector_number); failed != res->failed_sectors.end()) {
    record_branch(env, HandlerBranch::SubmitCommitAggregateFailedSector);
    send_and_finish(run, SectorCommitFailed{"sector failed in aggregate processing: " + failed->second});
    return;
  }
  if (!res->message) {
    record_branch(env, HandlerBranch::SubmitCommitAggregateNilMessage);
    send_and_finish(run, SectorCommitFailed{"aggregate message was nil"});
    return;
  }
  record_branch(env, HandlerBranch::SubmitCommitAggregateSent);
  send_and_finish(run, SectorCommitAggregateSent{*res->message});
}

// The prove-commit message's inclusion (spec §8.16); the caller has checked run->alive().
void on_commit_landed(HandlerEnv& env, const HandlerRunPtr& run, const Result<MessageLookup>& mw) {
  const SectorInfo& info = run->info();
  if (!mw) {
    record_branch(env, HandlerBranch::CommitWaitWaitError);
    send_and_finish(run, SectorCommitFailed{"failed to wait for porep inclusion: " + mw.error()});
    return;
  }
  const std::int64_t exit_code = mw->receipt.exit_code;
  if (exit_code == kExitSysErrInsufficientFunds || exit_code == kExitSysErrOutOfGas) {
    // The gas estimate or the funds were short: submit again.
    record_branch(env, HandlerBranch::CommitWaitRetryFunds);
    send_and_finish(run, SectorRetrySubmitCommit{});
    return;
  }
  if (exit_code != kExitOk) {
    record_branch(env, HandlerBranch::CommitWaitExitFailed);
    send_and_finish(run, SectorCommitFailed{
                             "submitting sector proof failed (exit=" + std::to_string(exit_code) +
                             ", msg=" + info.commit_message->to_string() + ") (t:" +
                             to_hex(info.ticket_value) + "; s:" + to_hex(info.seed_value) + "(" +
                             std::to_string(info.seed_epoch) + "); p:" + to_hex(info.proof) + ")"});
    return;
  }
  const auto sector = env.chain.state_sector_get_info(info.sector_number, mw->tipset);
  if (!sector) {
    record_branch(env, HandlerBranch::CommitWaitSectorInfoError);
    send_and_finish(run, SectorCommitFailed{
                             "proof validation failed, calling StateSectorGetInfo: " + sector.error()});
    return;
  }
  if (!sector->has_value()) {
    record_branch(env, HandlerBranch::CommitWaitNotInSectorSet);
    send_and_finish(run, SectorCommitFailed{
                             "proof validation failed, sector not found in sector set after cron"});
    return;
  }
  record_branch(env, HandlerBranch::CommitWaitProving);
  send_and_finish(run, SectorProving{});
}

// handleCommitFailed step 3 (spec §8.18): what each checkCommit class leads to.
void on_commit_failed_check(HandlerEnv& env, const HandlerRunPtr& run, const CommitCheckResult& check) {
  if (check.crash) {
    report_crash_and_finish(run, check.crash->message);
    return;
  }
  const CheckResult& error = check.error;
  if (!error) {
    // The proof checks out locally: compute it again.
    record_branch(env, HandlerBranch::CommitFailedProofChecksOut);
    after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryComputeProof{}; });
    return;
  }
  switch (error->kind) {
    case CheckErrorKind::BadSeed:
      record_branch(env, HandlerBranch::CommitFailedBadSeed);
      send_and_finish(run, SectorRetryWaitSeed{});
      return;
    case CheckErrorKind::InvalidProof:
      // The record copy does not change during the cooldown: the branch is known now.
      record_branch(env, run->info().invalid_proofs > 0 ? HandlerBranch::CommitFailedInvalidProofReseal
                                                        : HandlerBranch::CommitFailedInvalidProofRetry);
      after_cooldown(env, run, [](const SectorInfo& info) -> SectorEvent {
        if (info.invalid_proofs > 0) {
          return SectorSealPreCommit1Failed{"consecutive invalid proofs"};
        }
        return SectorRetryInvalidProof{};
      });
      return;
    case CheckErrorKind::NoPrecommit:
      record_branch(env, HandlerBranch::CommitFailedNoPrecommit);
      send_and_finish(run, SectorRetryPreCommit{});
      return;
    case CheckErrorKind::InvalidDeals:
      record_branch(env, HandlerBranch::CommitFailedInvalidDeals);
      send_and_finish(run, SectorInvalidDealIDs{std::string(state_name(SectorState::CommitFailed))});
      return;
    case CheckErrorKind::ExpiredDeals:
      record_branch(env, HandlerBranch::CommitFailedExpiredDeals);
      send_and_finish(run, SectorDealsExpired{"sector deals expired: " + error->message});
      return;
    case CheckErrorKind::CommitWaitFailed:
      record_branch(env, HandlerBranch::CommitFailedCommitWaitFailed);
      after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryCommitWait{}; });
      return;
    case CheckErrorKind::Api:           // "api error, not proceeding"
    case CheckErrorKind::InvalidPiece:  // "checkCommit sanity check error"
    case CheckErrorKind::Untyped:
    // checkCommit never returns the checkPrecommit-only classes.
    case CheckErrorKind::BadCommD:
    case CheckErrorKind::ExpiredTicket:
    case CheckErrorKind::BadTicket:
    case CheckErrorKind::PrecommitOnChain:
    case CheckErrorKind::SectorNumberAllocated:
      record_branch(env, HandlerBranch::CommitFailedCheckStall);
      run->finish();  // STALL
      return;
  }
  run->finish();
}

}  // namespace

void handle_committing(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  if (info.commit_message) {
    // Some retry paths come back here with a commit message already sent. A search error is
    // only logged.
    const auto found = env.chain.state_search_msg(*info.commit_message);
    if (found && found->has_value()) {
      record_branch(env, HandlerBranch::CommittingCommitMessageFound);
      send_and_finish(run, SectorRetryCommitWait{});
      return;
    }
  }
  const bool finalize_early = env.config.finalize_early;
  if (!info.comm_d || !info.comm_r) {
    record_branch(env, HandlerBranch::CommittingNilCommitments);
    send_and_finish(run, SectorCommitFailed{"sector had nil commR or commD"});
    return;
  }
  env.sealer.seal_commit1(
      sealing_priority(info), sector_ref(env, info), info.ticket_value, info.seed_value,
      info.piece_infos(), SealedCids{*info.comm_d, *info.comm_r},
      [&env, run, finalize_early](Result<Bytes> c1_out) {
        if (!run->alive()) {
          return;  // the node restarted meanwhile: `env` is gone with it
        }
        if (!c1_out) {
          record_branch(env, HandlerBranch::CommittingC1Failed);
          send_and_finish(run, SectorComputeProofFailed{"computing seal proof failed(1): " +
                                                        c1_out.error()});
          return;
        }
        const SectorInfo& sector = run->info();
        env.sealer.seal_commit2(sealing_priority(sector), sector_ref(env, sector), *c1_out,
                                [&env, run, finalize_early](Result<Bytes> proof) {
                                  if (!run->alive()) {
                                    return;  // the node restarted meanwhile: `env` is gone with it
                                  }
                                  if (!proof) {
                                    record_branch(env, HandlerBranch::CommittingC2Failed);
                                    send_and_finish(run, SectorComputeProofFailed{
                                                             "computing seal proof failed(2): " +
                                                             proof.error()});
                                    return;
                                  }
                                  check_and_commit_proof(env, run, finalize_early, *proof);
                                });
      });
}

void handle_submit_commit(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  if (env.config.aggregate_commits) {
    const Result<std::int64_t> version = env.chain.state_network_version(TipSetToken{});
    if (!version) {
      record_branch(env, HandlerBranch::SubmitCommitApiStall);
      run->finish();  // STALL: "getting network version"
      return;
    }
    if (*version >= env.network.batching_network_version) {
      record_branch(env, HandlerBranch::SubmitCommitAggregate);
      send_and_finish(run, SectorSubmitCommitAggregate{});
      return;
    }
  }
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::SubmitCommitApiStall);
    run->finish();  // STALL
    return;
  }
  const TipSetToken& tok = head->token;
  if (finished_by_check<SectorCommitFailed>(run, run_check_commit(env, info, info.proof, tok))) {
    record_branch(env, HandlerBranch::SubmitCommitCheckFailed);
    return;
  }
  // Serializing the params cannot fail here (Lotus's "could not serialize" branch is dead).
  const Bytes params = encode_prove_commit_sector_params(info.sector_number, info.proof);
  const Result<MinerInfo> miner_info = env.chain.state_miner_info(tok);
  if (!miner_info) {
    record_branch(env, HandlerBranch::SubmitCommitApiStall);
    run->finish();  // STALL
    return;
  }
  const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, tok);
  if (!pci) {
    record_branch(env, HandlerBranch::SubmitCommitApiStall);
    run->finish();  // STALL: "getting precommit info"
    return;
  }
  if (!pci->has_value()) {
    record_branch(env, HandlerBranch::SubmitCommitNoPrecommit);
    send_and_finish(run, SectorCommitFailed{"precommit info not found on chain"});
    return;
  }
  const Result<TokenAmount> pledge = env.chain.state_miner_initial_pledge_collateral((*pci)->info, tok);
  if (!pledge) {
    record_branch(env, HandlerBranch::SubmitCommitApiStall);
    run->finish();  // STALL: "getting initial pledge collateral"
    return;
  }
  // What the precommit deposit does not already cover.
  const TokenAmount collateral = max_amount(TokenAmount{}, *pledge - (*pci)->pre_commit_deposit);
  // addrSel(CommitAddr, collateral + MaxCommitGasFee, collateral) never fails in v1.11.0.
  const ActorId from = select_address(*miner_info, env.addresses, AddressUse::Commit,
                                      collateral + env.fees.max_commit_gas_fee, collateral, env.wallet_balance)
                           .address;
  const Result<Cid> message = env.chain.send_msg(from, method::kProveCommitSector, collateral,
                                                 env.fees.max_commit_gas_fee, params);
  if (!message) {
    record_branch(env, HandlerBranch::SubmitCommitSendFailed);
    send_and_finish(run, SectorCommitFailed{"pushing message to mpool: " + message.error()});
    return;
  }
  record_branch(env, HandlerBranch::SubmitCommitSubmitted);
  send_and_finish(run, SectorCommitSubmitted{*message});
}

void handle_submit_commit_aggregate(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  if (!info.comm_d || !info.comm_r) {
    record_branch(env, HandlerBranch::SubmitCommitAggregateNilCommitments);
    send_and_finish(run, SectorCommitFailed{"sector had nil commR or commD"});
    return;
  }
  AggregateInput input{info.sector_type, info.sector_number, info.ticket_value, info.seed_value,
                       *info.comm_r,     *info.comm_d,       info.proof};
  env.commits.add_commit(info, std::move(input), [&env, run](Result<CommitBatchResult> res) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    on_commit_batch_result(env, run, res);
  });
}

void handle_commit_wait(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  if (!info.commit_message) {
    record_branch(env, HandlerBranch::CommitWaitNilMessage);
    send_and_finish(run, SectorCommitFailed{"entered commit wait with no commit cid"});
    return;
  }
  env.chain.state_wait_msg(*info.commit_message, [&env, run](Result<MessageLookup> mw) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it (the wait outlives the node)
    }
    on_commit_landed(env, run, mw);
  });
}

void handle_commit_failed(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::CommitFailedHeadStall);
    run->finish();  // STALL: "api error, not proceeding"
    return;
  }
  if (info.commit_message) {
    const auto found = env.chain.state_search_msg(*info.commit_message);
    if (!found) {
      record_branch(env, HandlerBranch::CommitFailedSearchError);
      after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryCommitWait{}; });
      return;
    }
    if (!found->has_value()) {
      record_branch(env, HandlerBranch::CommitFailedMessageNotFound);
      send_and_finish(run, SectorRetryCommitWait{});
      return;
    }
    const std::int64_t exit_code = (*found)->receipt.exit_code;
    if (exit_code == kExitOk) {
      // It landed: CommitWait failed on an API error.
      record_branch(env, HandlerBranch::CommitFailedMessageLanded);
      send_and_finish(run, SectorRetryCommitWait{});
      return;
    }
    if (exit_code == kExitSysErrOutOfGas) {
      record_branch(env, HandlerBranch::CommitFailedOutOfGas);
      send_and_finish(run, SectorRetrySubmitCommit{});
      return;
    }
    // Any other exit code: something else went wrong; check the proof.
  }
  on_commit_failed_check(env, run, run_check_commit(env, info, info.proof, head->token));
}

}  // namespace sealsim::sealing
