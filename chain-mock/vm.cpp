// vm.cpp: message application and dispatch to the builtin actors.
#include "chain-mock/vm.hpp"

#include "chain-mock/gas.hpp"
#include "chain-mock/market_actor.hpp"
#include "chain-mock/miner_actor.hpp"

namespace sealsim::chain {
namespace {

template <typename T>
const T* params_as(const Message& message) {
  return std::get_if<T>(&message.params);
}

ActorResult wrong_params(const Message& message) {
  return actor_fail(ExitCode::ErrSerialization, "params do not match method " + std::to_string(message.method));
}

ActorResult dispatch_miner(ActorRuntime& rt, const Message& m) {
  ActorId id = m.to.id;
  switch (m.method) {
    case method::kPreCommitSector:
      if (auto* p = params_as<PreCommitSectorParams>(m)) return miner::pre_commit_sectors(rt, id, m.from, {*p}, false);
      return wrong_params(m);
    case method::kPreCommitSectorBatch:
      if (auto* p = params_as<PreCommitSectorBatchParams>(m)) return miner::pre_commit_sectors(rt, id, m.from, p->sectors, true);
      return wrong_params(m);
    case method::kProveCommitSector:
      if (auto* p = params_as<ProveCommitSectorParams>(m)) return miner::prove_commit_sector(rt, id, *p);
      return wrong_params(m);
    case method::kProveCommitAggregate:
      if (auto* p = params_as<ProveCommitAggregateParams>(m)) return miner::prove_commit_aggregate(rt, id, m.from, *p);
      return wrong_params(m);
    case method::kSubmitWindowedPoSt:
      if (auto* p = params_as<SubmitWindowedPoStParams>(m)) return miner::submit_windowed_post(rt, id, m.from, *p);
      return wrong_params(m);
    case method::kDeclareFaults:
      if (auto* p = params_as<DeclareFaultsParams>(m)) return miner::declare_faults(rt, id, m.from, *p);
      return wrong_params(m);
    case method::kDeclareFaultsRecovered:
      if (auto* p = params_as<DeclareFaultsRecoveredParams>(m)) return miner::declare_faults_recovered(rt, id, m.from, *p);
      return wrong_params(m);
    case method::kTerminateSectors:
      if (auto* p = params_as<TerminateSectorsParams>(m)) return miner::terminate_sectors(rt, id, m.from, *p);
      return wrong_params(m);
    case method::kWithdrawMinerBalance:
      if (auto* p = params_as<WithdrawMinerBalanceParams>(m)) return miner::withdraw_balance(rt, id, m.from, *p);
      return wrong_params(m);
    case method::kSend:
      return actor_ok();
    default:
      return actor_fail(ExitCode::SysErrInvalidMethod, "miner has no method " + std::to_string(m.method));
  }
}

ActorResult dispatch_market(ActorRuntime& rt, const Message& m) {
  switch (m.method) {
    case method::kAddBalance:
      if (auto* p = params_as<AddBalanceParams>(m)) return market::add_balance(rt, m.from, m.value, *p);
      return wrong_params(m);
    case method::kWithdrawBalance:
      if (auto* p = params_as<WithdrawBalanceParams>(m)) return market::withdraw_balance(rt, m.from, *p);
      return wrong_params(m);
    case method::kPublishStorageDeals:
      if (auto* p = params_as<PublishStorageDealsParams>(m)) return market::publish_storage_deals(rt, m.from, *p);
      return wrong_params(m);
    default:
      return actor_fail(ExitCode::SysErrInvalidMethod, "market has no method " + std::to_string(m.method));
  }
}

}  // namespace

MessageReceipt apply_message(ActorRuntime& rt, const Message& m, const std::optional<ForcedOutcome>& forced) {
  MessageReceipt receipt;
  ActorEntry* sender = rt.state.find_actor(m.from.id);
  std::int64_t gas_used = gas_used_by(m);
  bool out_of_gas = gas_used > m.gas_limit || (forced && forced->out_of_gas);
  if (out_of_gas) gas_used = m.gas_limit;
  TokenAmount premium = min_amount(m.gas_premium, max_amount(TokenAmount(), m.gas_fee_cap - rt.config.base_fee));
  TokenAmount base_cost = min_amount(rt.config.base_fee, m.gas_fee_cap) * gas_used;
  TokenAmount tip = premium * gas_used;
  burn(rt.state, m.from.id, base_cost);
  transfer(rt.state, m.from.id, kRewardActor.id, tip);
  sender->nonce += 1;
  receipt.gas_used = gas_used;
  if (out_of_gas) {
    receipt.exit_code = ExitCode::SysErrOutOfGas;
    receipt.error = "out of gas";
    return receipt;
  }
  if (forced) {
    receipt.exit_code = forced->exit_code;
    receipt.error = "injected failure";
    return receipt;
  }
  if (sender->balance < m.value) {
    receipt.exit_code = ExitCode::SysErrInsufficientFunds;
    receipt.error = "sender " + m.from.to_string() + " balance " + sender->balance.to_string() + " below value " + m.value.to_string();
    return receipt;
  }
  if (m.value.is_negative()) {
    receipt.exit_code = ExitCode::SysErrForbidden;
    receipt.error = "negative value";
    return receipt;
  }
  const ActorEntry* receiver = rt.state.find_actor(m.to.id);
  if (receiver == nullptr) {
    receipt.exit_code = ExitCode::SysErrInvalidReceiver;
    receipt.error = "receiver " + m.to.to_string() + " not found";
    return receipt;
  }
  transfer(rt.state, m.from.id, m.to.id, m.value);
  ActorResult result;
  switch (receiver->kind) {
    case ActorKind::Miner: result = dispatch_miner(rt, m); break;
    case ActorKind::Market: result = dispatch_market(rt, m); break;
    default:
      result = m.method == method::kSend ? actor_ok()
                                         : actor_fail(ExitCode::SysErrInvalidMethod, "actor has no method " + std::to_string(m.method));
  }
  if (!result.ok()) transfer(rt.state, m.to.id, m.from.id, m.value);
  receipt.exit_code = result.code;
  receipt.return_value = std::move(result.return_value);
  receipt.error = std::move(result.error);
  return receipt;
}

void run_cron(ActorRuntime& rt) {
  std::vector<ActorId> miners;
  for (const auto& [id, miner] : rt.state.miners) miners.push_back(id);
  for (ActorId id : miners) miner::cron_tick(rt, id);
  market::cron_tick(rt);
}

}  // namespace sealsim::chain
