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
  const auto empty_ticket = [] { return TicketOutcome{Result<SectorTicket>::ok(SectorTicket{}), false}; };

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
std::optional<std::string> on_precommit_check(HandlerRun& run, const CheckError& error,
                                              const TipSetToken& tok) {
  switch (error.kind) {
    case CheckErrorKind::Api:
    case CheckErrorKind::SectorNumberAllocated:
      return std::nullopt;  // logged only
    case CheckErrorKind::BadCommD:
      run.send(SectorSealPreCommit1Failed{"bad CommD error: " + error.message});
      return std::nullopt;
    case CheckErrorKind::ExpiredTicket:
      run.send(SectorSealPreCommit1Failed{"ticket expired: " + error.message});
      return std::nullopt;
    case CheckErrorKind::BadTicket:
      run.send(SectorSealPreCommit1Failed{"bad ticket: " + error.message});
      return std::nullopt;
    case CheckErrorKind::InvalidDeals:
      run.send(SectorInvalidDealIDs{std::string(state_name(SectorState::PreCommitting))});
      return std::nullopt;
    case CheckErrorKind::ExpiredDeals:
      run.send(SectorDealsExpired{"sector deals expired: " + error.message});
      return std::nullopt;
    case CheckErrorKind::PrecommitOnChain:
      run.send(SectorPreCommitLanded{tok});
      return std::nullopt;
    default:
      return "checkPrecommit sanity check error: " + error.message;
  }
}

}  // namespace

PreCommitParamsOutcome pre_commit_params(HandlerEnv& env, HandlerRun& run) {
  const SectorInfo& info = run.info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    return {};
  }
  if (CheckResult error = check_precommit(env.chain, env.miner, info, head->token, head->height, env.network)) {
    return PreCommitParamsOutcome{std::nullopt, on_precommit_check(run, *error, head->token)};
  }
  Result<ChainEpoch> expiration = env.pre_commit_policy.expiration(env.chain, info.pieces);
  if (!expiration) {
    run.send(SectorSealPreCommit1Failed{"handlePreCommitting: failed to compute pre-commit expiry: " +
                                        expiration.error()});
    return {};
  }
  const Result<std::int64_t> version = env.chain.state_network_version(head->token);
  if (!version) {
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
    return PreCommitParamsOutcome{std::nullopt, "getting initial pledge collateral: " + collateral.error()};
  }
  const TokenAmount deposit = std::max(deposit_minimum, *collateral);
  return PreCommitParamsOutcome{PreCommitParams{std::move(params), deposit, head->token}, std::nullopt};
}

void handle_get_ticket(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  TicketOutcome outcome = get_ticket(env, info);
  if (outcome.ticket) {
    return send_and_finish(run, *outcome.ticket);
  }
  const std::string error = "getting ticket failed: " + outcome.ticket.error();
  if (outcome.allocated) {
    if (info.commit_message) {
      // Some recovery paths with unfortunate timing lead here (Lotus's comment).
      return send_and_finish(run, SectorCommitFailed{"sector " + std::to_string(info.sector_number) +
                                                     " is committed but got into the GetTicket state"});
    }
    return send_and_finish(run, SectorRemove{});
  }
  // Q1: GetTicket has no rule for this event; the planner halts the sector.
  send_and_finish(run, SectorSealPreCommit1Failed{error});
}

void handle_pre_commit1(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (CheckResult error = check_pieces(env.chain, env.miner, info)) {
    switch (error->kind) {
      case CheckErrorKind::InvalidDeals:
        return send_and_finish(run, SectorInvalidDealIDs{std::string(state_name(SectorState::PreCommit1))});
      case CheckErrorKind::ExpiredDeals:
        return send_and_finish(run, SectorDealsExpired{"expired dealIDs in sector: " + error->message});
      default:
        return stall(run);  // ErrApi (logged), ErrInvalidPiece (returned as the handler's error)
    }
  }
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    return stall(run);
  }
  if (ticket_expired(env.network, info.ticket_epoch, head->height)) {
    const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, head->token);
    if (!pci) {
      return stall(run);
    }
    if (!*pci) {
      return send_and_finish(run, SectorOldTicket{});
    }
    const Result<std::int64_t> version = env.chain.state_network_version(head->token);
    if (!version) {
      return stall(run);
    }
    if (prove_commit_expired(env.network, info.sector_type, (*pci)->pre_commit_epoch, head->height)) {
      return send_and_finish(run, SectorOldTicket{});  // GetTicket will then remove the sector
    }
    // Precommitted on chain with this ticket and still provable: seal with the old ticket.
  }
  env.sealer.seal_pre_commit1(sealing_priority(info), sector_ref(env, info), info.ticket_value,
                              info.piece_infos(), [run](Result<Bytes> out) {
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
      return stall(run);
    }
    const Result<std::int64_t> version = env.chain.state_network_version(head->token);
    if (!version) {
      return stall(run);
    }
    if (*version >= env.network.batching_network_version) {
      return send_and_finish(run, SectorPreCommitBatch{});
    }
  }
  PreCommitParamsOutcome outcome = pre_commit_params(env, *run);
  if (!outcome.params) {
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
    return send_and_finish(run, SectorChainPreCommitFailed{"pushing message to mpool: " + message.error()});
  }
  send_and_finish(run, SectorPreCommitted{*message, params.deposit, params.info});
}

void handle_submit_pre_commit_batch(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (!info.comm_d || !info.comm_r) {
    return send_and_finish(run, SectorSealPreCommit1Failed{"sector had nil commR or commD"});
  }
  PreCommitParamsOutcome outcome = pre_commit_params(env, *run);
  if (!outcome.params || outcome.error) {
    // Q2: sent even when preCommitParams already sent its own event (fixed in v1.11.1). Go's
    // %w of a nil error prints "%!w(<nil>)".
    return send_and_finish(run, SectorChainPreCommitFailed{
                                    "preCommitParams: " + outcome.error.value_or("%!w(<nil>)")});
  }
  const PreCommitParams params = *outcome.params;
  env.pre_commits.add_pre_commit(info, params.deposit, params.info, [run](Result<PreCommitBatchResult> res) {
    if (!res) {
      return send_and_finish(run, SectorChainPreCommitFailed{"queuing precommit batch failed: " + res.error()});
    }
    if (!res->error.empty()) {
      return send_and_finish(run, SectorChainPreCommitFailed{"precommit batch error: " + res->error});
    }
    if (!res->message) {
      return send_and_finish(run, SectorChainPreCommitFailed{"batch message was nil"});
    }
    send_and_finish(run, SectorPreCommitBatchSent{*res->message});
  });
}

void handle_pre_commit_wait(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  if (!info.pre_commit_message) {
    return send_and_finish(run, SectorChainPreCommitFailed{"precommit message was nil"});
  }
  env.chain.state_wait_msg(*info.pre_commit_message, [run](Result<MessageLookup> lookup) {
    if (!lookup) {
      return send_and_finish(run, SectorChainPreCommitFailed{"failed to wait for precommit message: " +
                                                             lookup.error()});
    }
    switch (lookup->receipt.exit_code) {
      case kExitOk:
        return send_and_finish(run, SectorPreCommitLanded{lookup->tipset});
      case kExitSysErrInsufficientFunds:
      case kExitSysErrOutOfGas:
        return send_and_finish(run, SectorRetryPreCommit{});
      default:
        return send_and_finish(run, SectorChainPreCommitFailed{"sector precommit failed: " +
                                                               std::to_string(lookup->receipt.exit_code)});
    }
  });
}

void handle_wait_seed(HandlerEnv& env, const Run& run) {
  const SectorInfo& info = run->info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    return stall(run);
  }
  const auto pci = env.chain.state_sector_pre_commit_info(info.sector_number, head->token);
  if (!pci) {
    return stall(run);
  }
  if (!*pci) {
    return send_and_finish(run, SectorChainPreCommitFailed{"precommit info not found on chain"});
  }
  const ChainEpoch rand_height = (*pci)->pre_commit_epoch + env.network.pre_commit_challenge_delay;
  // The callback may outlive this SealingHandlers (a simulated restart keeps the chain and its
  // registrations): it holds the chain interface itself, not the handler environment.
  SealingChainApi* chain = &env.chain;
  auto apply = [chain, entropy = miner_entropy(env.miner), run, rand_height](const TipSetToken&, ChainEpoch) {
    // Null blocks may put the randomness after the tipset the events API gives: read the head.
    const Result<ChainHead> now = chain->chain_head();
    if (!now) {
      return;  // logged only: the sector stays in WaitSeed until restart
    }
    const Result<Bytes> rand = chain->chain_get_randomness_from_beacon(
        now->token, RandomnessDomain::InteractiveSealChallengeSeed, rand_height, entropy);
    if (!rand) {
      run->send(SectorChainPreCommitFailed{"failed to get randomness for computing seal proof: " + rand.error()});
      return;
    }
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
    return stall(run);
  }
  if (info.pre_commit_message) {
    const auto lookup = env.chain.state_search_msg(*info.pre_commit_message);
    if (!lookup) {
      return after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryPreCommitWait{}; });
    }
    if (!*lookup) {
      return send_and_finish(run, SectorRetryPreCommitWait{});
    }
    switch ((*lookup)->receipt.exit_code) {
      case kExitOk:
        return send_and_finish(run, SectorRetryPreCommitWait{});
      case kExitSysErrOutOfGas:
        return send_and_finish(run, SectorRetryPreCommit{});
      default:
        break;  // the message failed: look at the chain
    }
  }
  if (CheckResult error = check_precommit(env.chain, env.miner, info, head->token, head->height, env.network)) {
    switch (error->kind) {
      // (Lotus's texts, "bad expired" included.)
      case CheckErrorKind::BadCommD:
        return send_and_finish(run, SectorSealPreCommit1Failed{"bad CommD error: " + error->message});
      case CheckErrorKind::ExpiredTicket:
        return send_and_finish(run, SectorSealPreCommit1Failed{"ticket expired error: " + error->message});
      case CheckErrorKind::BadTicket:
        return send_and_finish(run, SectorSealPreCommit1Failed{"bad expired: " + error->message});
      case CheckErrorKind::InvalidDeals:
        return send_and_finish(run, SectorInvalidDealIDs{std::string(state_name(SectorState::PreCommitFailed))});
      case CheckErrorKind::ExpiredDeals:
        return send_and_finish(run, SectorDealsExpired{"sector deals expired: " + error->message});
      case CheckErrorKind::NoPrecommit:  // never produced by checkPrecommit
        return send_and_finish(run, SectorRetryPreCommit{});
      case CheckErrorKind::PrecommitOnChain:
        break;  // continue to the on-chain check
      default:
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
      return send_and_finish(run, SectorPreCommitLanded{head->token});
    }
    if (!info.comm_r) {
      return report_crash_and_finish(run, "handlePreCommitFailed: comparing the on-chain SealedCID with the absent CommR of sector " +
                                 std::to_string(info.sector_number));
    }
    if (on_chain->info.sealed_cid != *info.comm_r) {
      return stall(run);  // waits for an actor that allows re-precommit
    }
    return after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryWaitSeed{}; });
  }
  after_cooldown(env, run, [](const SectorInfo&) { return SectorRetryPreCommit{}; });
}

}  // namespace sealsim::sealing
