// invariants.cpp: the engine's safety checks (list in invariants.hpp).
#include "scenarios/invariants.hpp"

#include <vector>

namespace sealsim::scenarios {

using sealing::SectorState;

bool state_needs_sealed_copy(SectorState state) {
  switch (state) {
    case SectorState::PreCommitting:
    case SectorState::PreCommitWait:
    case SectorState::SubmitPreCommitBatch:
    case SectorState::PreCommitBatchWait:
    case SectorState::WaitSeed:
    case SectorState::Committing:
    case SectorState::SubmitCommit:
    case SectorState::CommitWait:
    case SectorState::SubmitCommitAggregate:
    case SectorState::CommitAggregateWait:
    case SectorState::FinalizeSector:
    case SectorState::CommitFinalize:
    case SectorState::Proving:
      return true;
    default:
      return false;
  }
}

namespace {

// Proven on chain and neither terminated nor expired (chain-mock keeps only those in `sectors`).
bool miner_has_active_sector(const InvariantInputs& in, SectorNumber n) {
  const auto& miners = in.chain.head_state().miners;
  const auto miner = miners.find(in.miner.id);
  return miner != miners.end() && miner->second.sectors.find(n) != miner->second.sectors.end();
}

}  // namespace

std::optional<std::string> check_invariants(const InvariantInputs& in) {
  if (in.clock_now < in.clock_before) {
    return "clock-monotonic: the sealing clock went from " + std::to_string(in.clock_before) + " back to " +
           std::to_string(in.clock_now);
  }
  for (const SectorNumber n : in.touched) {
    const auto found = in.sectors.find(n);
    if (found == in.sectors.end() || found->second.states.empty()) continue;
    const auto record = in.store.load(n);
    const std::string& expected = found->second.states.back().second;
    const std::string persisted = record ? record->state_name() : "(no record)";
    if (persisted != expected) {
      return "persisted-state: sector " + std::to_string(n) + " was planned into " + expected +
             " but its stored record says " + persisted;
    }
    if (record && !record->has_unlisted_state() && state_needs_sealed_copy(record->state) &&
        !in.holds_sealed_copy(n)) {
      return "sealed-copy-kept: sector " + std::to_string(n) + " is in " + persisted +
             " but the sector manager holds no sealed replica";
    }
    if (record && !record->has_unlisted_state() && record->state == SectorState::Proving &&
        !miner_has_active_sector(in, n)) {
      return "proving-on-chain: sector " + std::to_string(n) +
             " entered Proving but the miner has no active sector " + std::to_string(n) + " on chain";
    }
  }
  const ChainEpoch lookback = in.chain.config().max_pre_commit_randomness_lookback;
  for (const auto& cid : in.new_messages) {
    const chain::MessageRecord* record = in.chain.message(cid);
    if (record == nullptr) continue;
    std::vector<const chain::SectorPreCommitInfo*> precommits;
    if (const auto* params = std::get_if<chain::PreCommitSectorParams>(&record->message.params)) precommits.push_back(params);
    if (const auto* batch = std::get_if<chain::PreCommitSectorBatchParams>(&record->message.params)) {
      for (const auto& p : batch->sectors) precommits.push_back(&p);
    }
    for (const auto* params : precommits) {
      if (params->seal_rand_epoch < record->pushed_epoch - lookback) {
        return "precommit-ticket-live: sector " + std::to_string(params->sector_number) + " precommitted at epoch " +
               std::to_string(record->pushed_epoch) + " with a ticket from epoch " +
               std::to_string(params->seal_rand_epoch) + " (older than " + std::to_string(lookback) + " epochs)";
      }
    }
  }
  const auto& state = in.chain.head_state();
  if (in.last_passed == &state) return std::nullopt;
  if (const auto miner = state.miners.find(in.miner.id); miner != state.miners.end()) {
    const chain::MinerState* before = in.last_passed ? in.last_passed->find_miner(in.miner.id) : nullptr;
    const bool summed_before = before != nullptr && before->precommits.shares_contents_with(miner->second.precommits) &&
                               before->precommit_deposits == miner->second.precommit_deposits;
    TokenAmount sum;
    if (!summed_before) {
      for (const auto& [number, precommit] : miner->second.precommits) sum = sum + precommit.precommit_deposit;
    }
    if (!summed_before && sum != miner->second.precommit_deposits) {
      return "deposits-balance: precommit deposits locked " + miner->second.precommit_deposits.to_string() +
             " attoFIL but the on-chain precommits hold " + sum.to_string();
    }
    if (const auto actor = state.actors.find(in.miner.id); actor != state.actors.end()) {
      const TokenAmount locked = miner->second.precommit_deposits + miner->second.initial_pledge;
      if (actor->second.balance < locked) {
        return "deposits-balance: miner balance " + actor->second.balance.to_string() + " attoFIL is below the " +
               locked.to_string() + " it has locked";
      }
    }
  }
  return check_market_escrow(state.market);
}

std::optional<std::string> check_market_escrow(const chain::MarketState& market) {
  std::map<ActorId, TokenAmount> held;
  for (const auto& [id, deal] : market.deals) {
    held[deal.proposal.client.id] += deal.proposal.client_balance_requirement();
    held[deal.proposal.provider.id] += deal.proposal.provider_collateral;
  }
  for (const auto& [party, entry] : market.balances) {
    if (entry.escrow < entry.locked) {
      return "market-escrow: " + chain::Address{party}.to_string() + " has " + entry.locked.to_string() +
             " attoFIL locked but only " + entry.escrow.to_string() + " in escrow";
    }
    const auto found = held.find(party);
    const TokenAmount deals = found == held.end() ? TokenAmount() : found->second;
    if (entry.locked != deals) {
      return "market-escrow: " + chain::Address{party}.to_string() + " has " + entry.locked.to_string() +
             " attoFIL locked but its live deals hold " + deals.to_string();
    }
  }
  return std::nullopt;
}

}  // namespace sealsim::scenarios
