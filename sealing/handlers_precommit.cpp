// handlers_precommit.cpp: GetTicket, PreCommit1, PreCommitting, SubmitPreCommitBatch,
// PreCommitWait/PreCommitBatchWait, WaitSeed and PreCommitFailed (spec §8.4–§8.11, §8.18), with
// the checkPieces/checkPrecommit handling of §9.4. "STALL" below = return without an event.
#include "sealing/handlers_precommit.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sealing/checks.hpp"
#include "sealing/handler_support.hpp"
#include "sealing/message_params.hpp"

namespace sealsim::sealing {

namespace {

using Run = std::shared_ptr<HandlerRun>;

void stall(const Run& run) { run->finish(); }

// getTicket (spec §8.4).
struct TicketOutcome {
  Result<SectorTicket> ticket = Result<SectorTicket>::fail("");
  bool allocated = false;
};

TicketOutcome get_ticket(HandlerEnv& env, const SectorInfo& info) {
  const auto fail = [](std::string error, bool allocated) {
    return TicketOutcome{Result<SectorTicket>::fail(std::move(error)), allocated};
  };
  // Q4: an API error here yields an empty ticket at epoch 0 and no error.
  const auto empty_ticket = [&env] {
    record_branch(env, HandlerBranch::GetTicketApiErrorEmptyTicket);
    return TicketOutcome{Result<SectorTicket>::ok(SectorTicket{}), false};
  };

  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    return empty_ticket();
  }
  const Result<bool> allocated = env.chain.state_miner_sector_allocated(info.sector_number, head->token);
  if (!allocated) {
    return empty_ticket();
  }
  ChainEpoch ticket_epoch = head->height - env.network.seal_randomness_lookback;
  const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, head->token);
  if (!pci) {
    return fail("getting precommit info: " + pci.error(), *allocated);
  }
  if (*pci) {
    ticket_epoch = (*pci)->info.seal_rand_epoch;
    const Result<std::int64_t> version = env.chain.state_network_version(head->token);
    if (!version) {
      return fail("getTicket: StateNetworkVersion: api error, not proceeding: " + version.error(), *allocated);
    }
    if (prove_commit_expired(env.network, info.sector_type, (*pci)->pre_commit_epoch, head->height)) {
      return fail("ticket expired for precommitted sector", *allocated);
    }
  }
  if (!*pci && *allocated) {
    return fail("sector " + std::to_string(info.sector_number) + " precommitted but expired", true);
  }
  const Result<Bytes> rand = env.chain.chain_get_randomness_from_tickets(
      head->token, RandomnessDomain::SealRandomness, ticket_epoch, miner_entropy(env.miner));
  if (!rand) {
    return fail(rand.error(), *allocated);
  }
  return TicketOutcome{Result<SectorTicket>::ok(SectorTicket{*rand, ticket_epoch}), *allocated};
}

// Sends the event of a checkPrecommit class in preCommitParams (§8.7 step 2); returns the error
// preCommitParams returns (only for the "other" classes).
std::optional<std::string> on_precommit_check(const HandlerEnv& env, HandlerRun& run, const CheckError& error,
                                              const TipSetToken& tok) {
  switch (error.kind) {
    case CheckErrorKind::Api:
      record_branch(env, HandlerBranch::PreCommitParamsCheckApi);
      return std::nullopt;  // logged only
    case CheckErrorKind::SectorNumberAllocated:
      record_branch(env, HandlerBranch::PreCommitParamsSectorNumberAllocated);
      return std::nullopt;  // logged only
    case CheckErrorKind::BadCommD:
      record_branch(env, HandlerBranch::PreCommitParamsBadCommD);
      run.send(SectorSealPreCommit1Failed{"bad CommD error: " + error.message});
      return std::nullopt;
    case CheckErrorKind::ExpiredTicket:
      record_branch(env, HandlerBranch::PreCommitParamsExpiredTicket);
      run.send(SectorSealPreCommit1Failed{"ticket expired: " + error.message});
      return std::nullopt;
    case CheckErrorKind::BadTicket:
      record_branch(env, HandlerBranch::PreCommitParamsBadTicket);
      run.send(SectorSealPreCommit1Failed{"bad ticket: " + error.message});
      return std::nullopt;
    case CheckErrorKind::InvalidDeals:
      record_branch(env, HandlerBranch::PreCommitParamsInvalidDeals);
      run.send(SectorInvalidDealIDs{std::string(state_name(SectorState::PreCommitting))});
      return std::nullopt;
    case CheckErrorKind::ExpiredDeals:
      record_branch(env, HandlerBranch::PreCommitParamsExpiredDeals);
      run.send(SectorDealsExpired{"sector deals expired: " + error.message});
      return std::nullopt;
    case CheckErrorKind::PrecommitOnChain:
      record_branch(env, HandlerBranch::PreCommitParamsPrecommitOnChain);
      run.send(SectorPreCommitLanded{tok});
      return std::nullopt;
    default:
      record_branch(env, HandlerBranch::PreCommitParamsCheckOther);
      return "checkPrecommit sanity check error: " + error.message;
  }
}

}  // namespace

PreCommitParamsOutcome pre_commit_params(HandlerEnv& env, HandlerRun& run) {
  const SectorInfo& info = run.info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::PreCommitParamsHeadError);
    return {};
  }
  if (CheckResult error = check_precommit(env.chain, env.miner, info, head->token, head->height, env.network)) {
    return PreCommitParamsOutcome{std::nullopt, on_precommit_check(env, run, *error, head->token)};
  }
  Result<ChainEpoch> expiration = env.pre_commit_policy.expiration(env.chain, info.pieces);
  if (!expiration) {
    record_branch(env, HandlerBranch::PreCommitParamsExpirationError);
    run.send(SectorSealPreCommit1Failed{"handlePreCommitting: failed to compute pre-commit expiry: " +
                                        expiration.error()});
    return {};
  }
  const Result<std::int64_t> version = env.chain.state_network_version(head->token);
  if (!version) {
    record_branch(env, HandlerBranch::PreCommitParamsNetworkVersionError);
    run.send(SectorSealPreCommit1Failed{"failed to get network version: " + version.error()});
    return {};
  }
  const ChainEpoch min_expiration = info.ticket_epoch + env.network.max_pre_commit_randomness_lookback +
                                    env.network.max_prove_commit_duration(info.sector_type) +
                                    env.network.min_sector_expiration;
  if (!info.comm_r) {
    // `SealedCID: *sector.CommR`: checkPrecommit checked CommD only.
    return PreCommitParamsOutcome{std::nullopt, std::string("sector has no CommR"), true};
  }
  SectorPreCommitInfo params;
  params.seal_proof = info.sector_type;
  params.sector_number = info.sector_number;
  params.sealed_cid = *info.comm_r;
  params.seal_rand_epoch = info.ticket_epoch;
  params.deal_ids = info.deal_ids();
  params.expiration = std::max(*expiration, min_expiration);
  // tryUpgradeSector (§10.10) returns zero unless the input layer marked a CC sector for upgrade;
  // upgrade marks are not modelled yet, so the minimum deposit is zero.
  const TokenAmount deposit_minimum;
  const Result<TokenAmount> collateral = env.chain.state_miner_pre_commit_deposit_for_power(params, head->token);
  if (!collateral) {
    record_branch(env, HandlerBranch::PreCommitParamsDepositError);
    return PreCommitParamsOutcome{std::nullopt, "getting initial pledge collateral: " + collateral.error()};
  }
  const TokenAmount deposit = std::max(deposit_minimum, *collateral);
  record_branch(env, HandlerBranch::PreCommitParamsParams);
  return PreCommitParamsOutcome{PreCommitParams{std::move(params), deposit, head->token}, std::nullopt};
}

void handle_get_ticket(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  TicketOutcome outcome = get_ticket(env, info);
  if (outcome.ticket) {
    record_branch(env, HandlerBranch::GetTicketTicket);
    return send_and_finish(run, *outcome.ticket);
  }
  const std::string error = "getting ticket failed: " + outcome.ticket.error();
  if (outcome.allocated) {
    if (info.commit_message) {
      // Some recovery paths with unfortunate timing lead here (Lotus's comment).
      record_branch(env, HandlerBranch::GetTicketCommittedCommitFailed);
      return send_and_finish(run, SectorCommitFailed{"sector " + std::to_string(info.sector_number) +
                                                     " is committed but got into the GetTicket state"});
    }
    record_branch(env, HandlerBranch::GetTicketAllocatedRemove);
    return send_and_finish(run, SectorRemove{});
  }
  // Q1: GetTicket has no rule for this event; the planner halts the sector.
  record_branch(env, HandlerBranch::GetTicketNotAllocatedHalt);
  send_and_finish(run, SectorSealPreCommit1Failed{error});
}

void handle_pre_commit1(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (CheckResult error = check_pieces(env.chain, env.miner, info)) {
    switch (error->kind) {
      case CheckErrorKind::InvalidDeals:
        record_branch(env, HandlerBranch::PreCommit1InvalidDeals);
        return send_and_finish(run, SectorInvalidDealIDs{std::string(state_name(SectorState::PreCommit1))});
      case CheckErrorKind::ExpiredDeals:
        record_branch(env, HandlerBranch::PreCommit1ExpiredDeals);
        return send_and_finish(run, SectorDealsExpired{"expired dealIDs in sector: " + error->message});
      default:
        record_branch(env, HandlerBranch::PreCommit1CheckStall);
        return stall(run);  // ErrApi (logged), ErrInvalidPiece (returned as the handler's error)
    }
  }
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::PreCommit1ApiStall);
    return stall(run);
  }
  if (ticket_expired(env.network, info.ticket_epoch, head->height)) {
    const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, head->token);
    if (!pci) {
      record_branch(env, HandlerBranch::PreCommit1ApiStall);
      return stall(run);
    }
    if (!*pci) {
      record_branch(env, HandlerBranch::PreCommit1OldTicket);
      return send_and_finish(run, SectorOldTicket{});
    }
    const Result<std::int64_t> version = env.chain.state_network_version(head->token);
    if (!version) {
      record_branch(env, HandlerBranch::PreCommit1ApiStall);
      return stall(run);
    }
    if (prove_commit_expired(env.network, info.sector_type, (*pci)->pre_commit_epoch, head->height)) {
      record_branch(env, HandlerBranch::PreCommit1OldTicketProveCommitExpired);
      return send_and_finish(run, SectorOldTicket{});  // GetTicket will then remove the sector
    }
    // Precommitted on chain with this ticket and still provable: seal with the old ticket.
    record_branch(env, HandlerBranch::PreCommit1KeepOldTicket);
  }
  env.sealer.seal_pre_commit1(sealing_priority(info), sector_ref(env, info), info.ticket_value,
                              info.piece_infos(), [&env, run](Result<Bytes> out) {
                                if (!run->alive()) {
                                  return;  // the node restarted meanwhile: `env` is gone with it
                                }
                                record_branch(env, out ? HandlerBranch::PreCommit1Pc1Done
                                                       : HandlerBranch::PreCommit1Pc1Failed);
                                if (!out) {
                                  send_and_finish(run, SectorSealPreCommit1Failed{
                                                           "seal pre commit(1) failed: " + out.error()});
                                } else {
                                  send_and_finish(run, SectorPreCommit1{*out});
                                }
                              });
}

void handle_pre_committing(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (env.config.batch_pre_commits) {
    // Lotus asks StateNetworkVersion at the head (nil tipset); the head's token stands for it.
    const Result<ChainHead> head = env.chain.chain_head();
    if (!head) {
      record_branch(env, HandlerBranch::PreCommittingApiStall);
      return stall(run);
    }
    const Result<std::int64_t> version = env.chain.state_network_version(head->token);
    if (!version) {
      record_branch(env, HandlerBranch::PreCommittingApiStall);
      return stall(run);
    }
    if (*version >= env.network.batching_network_version) {
      record_branch(env, HandlerBranch::PreCommittingBatch);
      return send_and_finish(run, SectorPreCommitBatch{});
    }
  }
  PreCommitParamsOutcome outcome = pre_commit_params(env, *run);
  if (!outcome.params) {
    record_branch(env, HandlerBranch::PreCommittingNoParams);
    if (outcome.absent_comm_r) {
      return report_crash_and_finish(run, "handlePreCommitting: preCommitParams dereferences the absent CommR of sector " +
                                 std::to_string(info.sector_number));
    }
    return stall(run);  // or an event was sent
  }
  const PreCommitParams& params = *outcome.params;
  const Bytes encoded = encode_pre_commit_params(params.info);
  const Result<MinerInfo> miner_info = env.chain.state_miner_info(params.tok);
  if (!miner_info) {
    record_branch(env, HandlerBranch::PreCommittingApiStall);
    return stall(run);
  }
  // addrSel never fails in v1.11.0, so its "no good address" branch is unreachable.
  const TokenAmount good_funds = params.deposit + env.fees.max_pre_commit_gas_fee;
  const ActorId from = select_address(*miner_info, env.addresses, AddressUse::PreCommit, good_funds, params.deposit,
                                      env.wallet_balance)
                           .address;
  const Result<Cid> message = env.chain.send_msg(from, method::kPreCommitSector, params.deposit,
                                                 env.fees.max_pre_commit_gas_fee, encoded);
  if (!message) {
    record_branch(env, HandlerBranch::PreCommittingSendFailed);
    return send_and_finish(run, SectorChainPreCommitFailed{"pushing message to mpool: " + message.error()});
  }
  record_branch(env, HandlerBranch::PreCommittingPreCommitted);
  send_and_finish(run, SectorPreCommitted{*message, params.deposit, params.info});
}

void handle_submit_pre_commit_batch(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (!info.comm_d || !info.comm_r) {
    record_branch(env, HandlerBranch::SubmitPreCommitBatchNilCommitments);
    return send_and_finish(run, SectorSealPreCommit1Failed{"sector had nil commR or commD"});
  }
  PreCommitParamsOutcome outcome = pre_commit_params(env, *run);
  if (!outcome.params || outcome.error) {
    record_branch(env, HandlerBranch::SubmitPreCommitBatchParamsFailed);
    // Q2: sent even when preCommitParams already sent its own event (fixed in v1.11.1). Go's
    // %w of a nil error prints "%!w(<nil>)".
    return send_and_finish(run, SectorChainPreCommitFailed{
                                    "preCommitParams: " + outcome.error.value_or("%!w(<nil>)")});
  }
  const PreCommitParams params = *outcome.params;
  env.pre_commits.add_pre_commit(info, params.deposit, params.info, [&env, run](Result<PreCommitBatchResult> res) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    if (!res) {
      record_branch(env, HandlerBranch::SubmitPreCommitBatchQueueError);
      return send_and_finish(run, SectorChainPreCommitFailed{"queuing precommit batch failed: " + res.error()});
    }
    if (!res->error.empty()) {
      record_branch(env, HandlerBranch::SubmitPreCommitBatchBatchError);
      return send_and_finish(run, SectorChainPreCommitFailed{"precommit batch error: " + res->error});
    }
    if (!res->message) {
      record_branch(env, HandlerBranch::SubmitPreCommitBatchNilMessage);
      return send_and_finish(run, SectorChainPreCommitFailed{"batch message was nil"});
    }
    record_branch(env, HandlerBranch::SubmitPreCommitBatchSent);
    send_and_finish(run, SectorPreCommitBatchSent{*res->message});
  });
}

void handle_pre_commit_wait(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (!info.pre_commit_message) {
    record_branch(env, HandlerBranch::PreCommitWaitNilMessage);
    return send_and_finish(run, SectorChainPreCommitFailed{"precommit message was nil"});
  }
  env.chain.state_wait_msg(*info.pre_commit_message, [&env, run](Result<MessageLookup> lookup) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    if (!lookup) {
      record_branch(env, HandlerBranch::PreCommitWaitWaitError);
      return send_and_finish(run, SectorChainPreCommitFailed{"failed to wait for precommit message: " +
                                                             lookup.error()});
    }
    switch (lookup->receipt.exit_code) {
      case kExitOk:
        record_branch(env, HandlerBranch::PreCommitWaitLanded);
        return send_and_finish(run, SectorPreCommitLanded{lookup->tipset});
      case kExitSysErrInsufficientFunds:
      case kExitSysErrOutOfGas:
        record_branch(env, HandlerBranch::PreCommitWaitRetryFunds);
        return send_and_finish(run, SectorRetryPreCommit{});
      default:
        record_branch(env, HandlerBranch::PreCommitWaitFailed);
        return send_and_finish(run, SectorChainPreCommitFailed{"sector precommit failed: " +
                                                               std::to_string(lookup->receipt.exit_code)});
    }
  });
}

void handle_wait_seed(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::WaitSeedApiStall);
    return stall(run);
  }
  const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, head->token);
  if (!pci) {
    record_branch(env, HandlerBranch::WaitSeedApiStall);
    return stall(run);
  }
  if (!*pci) {
    record_branch(env, HandlerBranch::WaitSeedNoPrecommit);
    return send_and_finish(run, SectorChainPreCommitFailed{"precommit info not found on chain"});
  }
  const ChainEpoch rand_height = (*pci)->pre_commit_epoch + env.network.pre_commit_challenge_delay;
  // The callback may outlive this SealingHandlers (a simulated restart keeps the chain and its
  // registrations): a dead run's callback does nothing, as the dead process's would not run.
  auto apply = [&env, run, rand_height](const TipSetToken&, ChainEpoch) {
    if (!run->alive()) {
      return;  // the node restarted meanwhile: `env` is gone with it
    }
    // Null blocks may put the randomness after the tipset the events API gives: read the head.
    const Result<ChainHead> now = env.chain.chain_head();
    if (!now) {
      record_branch(env, HandlerBranch::WaitSeedHeadErrorNoEvent);
      return;  // logged only: the sector stays in WaitSeed until restart
    }
    const Result<Bytes> rand = env.chain.chain_get_randomness_from_beacon(
        now->token, RandomnessDomain::InteractiveSealChallengeSeed, rand_height, miner_entropy(env.miner));
    if (!rand) {
      record_branch(env, HandlerBranch::WaitSeedRandomnessError);
      run->send(SectorChainPreCommitFailed{"failed to get randomness for computing seal proof: " + rand.error()});
      return;
    }
    record_branch(env, HandlerBranch::WaitSeedSeedReady);
    run->send(SectorSeedReady{*rand, rand_height});
  };
  // A revert is only logged; apply runs again when the height is re-reached (Q6).
  auto revert = [](const TipSetToken&) {};
  // A registration error is only logged.
  (void)env.events.chain_at(std::move(apply), std::move(revert), env.network.interactive_porep_confidence,
                            rand_height);
  run->finish();
}

void handle_pre_commit_failed(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::PreCommitFailedHeadStall);
    return stall(run);
  }
  if (info.pre_commit_message) {
    const auto lookup = env.chain.state_search_msg(*info.pre_commit_message);
    if (!lookup) {
      record_branch(env, HandlerBranch::PreCommitFailedSearchError);
      return after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryPreCommitWait{}; });
    }
    if (!*lookup) {
      record_branch(env, HandlerBranch::PreCommitFailedMessageNotFound);
      return send_and_finish(run, SectorRetryPreCommitWait{});
    }
    switch ((*lookup)->receipt.exit_code) {
      case kExitOk:
        record_branch(env, HandlerBranch::PreCommitFailedMessageLanded);
        return send_and_finish(run, SectorRetryPreCommitWait{});
      case kExitSysErrOutOfGas:
        record_branch(env, HandlerBranch::PreCommitFailedOutOfGas);
        return send_and_finish(run, SectorRetryPreCommit{});
      default:
        break;  // the message failed: look at the chain
    }
  }
  if (CheckResult error = check_precommit(env.chain, env.miner, info, head->token, head->height, env.network)) {
    switch (error->kind) {
      // (Lotus's texts, "bad expired" included.)
      case CheckErrorKind::BadCommD:
        record_branch(env, HandlerBranch::PreCommitFailedBadCommD);
        return send_and_finish(run, SectorSealPreCommit1Failed{"bad CommD error: " + error->message});
      case CheckErrorKind::ExpiredTicket:
        record_branch(env, HandlerBranch::PreCommitFailedExpiredTicket);
        return send_and_finish(run, SectorSealPreCommit1Failed{"ticket expired error: " + error->message});
      case CheckErrorKind::BadTicket:
        record_branch(env, HandlerBranch::PreCommitFailedBadTicket);
        return send_and_finish(run, SectorSealPreCommit1Failed{"bad expired: " + error->message});
      case CheckErrorKind::InvalidDeals:
        record_branch(env, HandlerBranch::PreCommitFailedInvalidDeals);
        return send_and_finish(run, SectorInvalidDealIDs{std::string(state_name(SectorState::PreCommitFailed))});
      case CheckErrorKind::ExpiredDeals:
        record_branch(env, HandlerBranch::PreCommitFailedExpiredDeals);
        return send_and_finish(run, SectorDealsExpired{"sector deals expired: " + error->message});
      case CheckErrorKind::NoPrecommit:  // never produced by checkPrecommit
        record_branch(env, HandlerBranch::PreCommitFailedNoPrecommit);
        return send_and_finish(run, SectorRetryPreCommit{});
      case CheckErrorKind::PrecommitOnChain:
        break;  // continue to the on-chain check
      default:
        record_branch(env, HandlerBranch::PreCommitFailedCheckStall);
        return stall(run);  // ErrApi, ErrSectorNumberAllocated, other
    }
  }
  // checkPreCommitted: any error counts as "not precommitted".
  std::optional<PreCommitOnChainInfo> on_chain;
  if (const Result<ChainHead> now = env.chain.chain_head()) {
    if (auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, now->token); pci && *pci) {
      on_chain = **pci;
    }
  }
  if (on_chain) {
    if (!info.pre_commit_message) {
      record_branch(env, HandlerBranch::PreCommitFailedLandedWithoutMessage);
      return send_and_finish(run, SectorPreCommitLanded{head->token});
    }
    if (!info.comm_r) {
      return report_crash_and_finish(run, "handlePreCommitFailed: comparing the on-chain SealedCID with the absent CommR of sector " +
                                 std::to_string(info.sector_number));
    }
    if (on_chain->info.sealed_cid != *info.comm_r) {
      record_branch(env, HandlerBranch::PreCommitFailedSealedCidMismatch);
      return stall(run);  // waits for an actor that allows re-precommit
    }
    record_branch(env, HandlerBranch::PreCommitFailedRetryWaitSeed);
    return after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryWaitSeed{}; });
  }
  record_branch(env, HandlerBranch::PreCommitFailedRetryPreCommit);
  after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryPreCommit{}; });
}

}  // namespace sealsim::sealing
