// market_actor.cpp: storage market actor methods and cron.
#include "chain-mock/market_actor.hpp"

#include <set>
#include <vector>

#include "chain-mock/data_commitment.hpp"

namespace sealsim::chain::market {
namespace {

std::string deal_str(DealId id) { return "deal " + std::to_string(id); }

bool is_control(const MinerState& miner, Address caller) {
  if (caller == miner.info.worker || caller == miner.info.owner) return true;
  for (const Address& a : miner.info.control_addresses) {
    if (a == caller) return true;
  }
  return false;
}

// Moves a deal to the closed list with its final status.
void close_deal(MarketState& market, DealId id, DealStatus status) {
  auto it = market.deals.find(id);
  it->second.status = status;
  market.closed_deals[id] = it->second;
  market.deals.erase(it);
}

// Pays `paid` from the client's lock to the provider, unlocks the client's remaining requirement and
// the provider's collateral (or burns it when `slash_provider`).
void settle(ActorRuntime& rt, const DealProposal& p, TokenAmount paid, bool slash_provider) {
  MarketState& market = rt.state.market;
  EscrowEntry& client = market.balances[p.client.id];
  EscrowEntry& provider = market.balances[p.provider.id];
  client.locked -= p.client_balance_requirement();
  client.escrow -= paid;
  provider.escrow += paid;
  provider.locked -= p.provider_collateral;
  if (slash_provider) {
    provider.escrow -= p.provider_collateral;
    burn(rt.state, kMarketActor.id, p.provider_collateral);
  }
}

// Checks of one proposal (actors v5 validateDeal), with running totals of what earlier deals of the
// same message already require from each party.
ActorResult validate_deal(ActorRuntime& rt, const ClientDealProposal& deal, std::map<ActorId, TokenAmount>& pending) {
  const DealProposal& p = deal.proposal;
  if (!deal.signature_valid) return actor_fail(ExitCode::ErrIllegalArgument, "invalid client signature");
  if (!p.piece_size.is_valid()) {
    return actor_fail(ExitCode::ErrIllegalArgument, "proposal piece size is invalid: " + std::to_string(p.piece_size.bytes()));
  }
  if (p.label.size() > rt.config.deal_max_label_size) {
    return actor_fail(ExitCode::ErrIllegalArgument, "deal label can be at most " + std::to_string(rt.config.deal_max_label_size) + " bytes");
  }
  if (p.end_epoch <= p.start_epoch) return actor_fail(ExitCode::ErrIllegalArgument, "proposal end before proposal start");
  if (rt.epoch > p.start_epoch) {
    return actor_fail(ExitCode::ErrIllegalArgument, "deal start epoch " + std::to_string(p.start_epoch) +
                                                        " has already elapsed at " + std::to_string(rt.epoch));
  }
  if (p.duration() < rt.config.deal_min_duration || p.duration() > rt.config.deal_max_duration) {
    return actor_fail(ExitCode::ErrIllegalArgument, "deal duration " + std::to_string(p.duration()) + " out of bounds");
  }
  if (p.storage_price_per_epoch.is_negative() || p.provider_collateral.is_negative() || p.client_collateral.is_negative()) {
    return actor_fail(ExitCode::ErrIllegalArgument, "negative price or collateral");
  }
  if (rt.state.find_actor(p.client.id) == nullptr) return actor_fail(ExitCode::ErrNotFound, "client " + p.client.to_string() + " not found");
  for (const auto& [id, existing] : rt.state.market.deals) {
    if (existing.proposal == p) return actor_fail(ExitCode::ErrIllegalArgument, "cannot publish duplicate deal (" + deal_str(id) + ")");
  }
  auto available = [&](ActorId party) {
    auto it = rt.state.market.balances.find(party);
    TokenAmount free = it == rt.state.market.balances.end() ? TokenAmount() : it->second.available();
    return free - pending[party];
  };
  if (available(p.client.id) < p.client_balance_requirement()) {
    return actor_fail(ExitCode::ErrInsufficientFunds, "client " + p.client.to_string() + " has insufficient escrow for the deal");
  }
  pending[p.client.id] += p.client_balance_requirement();
  if (available(p.provider.id) < p.provider_collateral) {
    pending[p.client.id] -= p.client_balance_requirement();
    return actor_fail(ExitCode::ErrInsufficientFunds, "provider " + p.provider.to_string() + " has insufficient collateral");
  }
  pending[p.provider.id] += p.provider_collateral;
  return actor_ok();
}

}  // namespace

ChainEpoch deal_process_epoch(ChainEpoch start_epoch, DealId deal, ChainEpoch interval) {
  const auto offset = static_cast<ChainEpoch>(deal % static_cast<DealId>(interval));
  // QuantizeDown / QuantizeUp of the start epoch to the interval (offset 0).
  const ChainEpoch previous = start_epoch >= 0 ? start_epoch / interval * interval
                                               : -((-start_epoch + interval - 1) / interval) * interval;
  if (previous + offset >= start_epoch) return previous + offset;
  return previous + interval + offset;
}

ActorResult add_balance(ActorRuntime& rt, Address /*caller*/, TokenAmount value, const AddBalanceParams& params) {
  if (value <= TokenAmount()) return actor_fail(ExitCode::ErrIllegalArgument, "balance to add must be greater than zero");
  if (rt.state.find_actor(params.address.id) == nullptr) {
    return actor_fail(ExitCode::ErrNotFound, "address " + params.address.to_string() + " not found");
  }
  rt.state.market.balances[params.address.id].escrow += value;
  return actor_ok();
}

ActorResult withdraw_balance(ActorRuntime& rt, Address caller, const WithdrawBalanceParams& params) {
  if (params.amount.is_negative()) return actor_fail(ExitCode::ErrIllegalArgument, "negative amount");
  Address recipient = params.address;
  if (const MinerState* miner = rt.state.find_miner(params.address.id)) {
    if (!is_control(*miner, caller)) return actor_fail(ExitCode::ErrForbidden, "caller is not the provider's owner or worker");
    recipient = miner->info.owner;
  } else if (caller != params.address) {
    return actor_fail(ExitCode::ErrForbidden, "caller " + caller.to_string() + " may not withdraw for " + params.address.to_string());
  }
  auto it = rt.state.market.balances.find(params.address.id);
  if (it == rt.state.market.balances.end()) return actor_fail(ExitCode::ErrNotFound, "no escrow for " + params.address.to_string());
  TokenAmount amount = min_amount(params.amount, it->second.available());
  it->second.escrow -= amount;
  transfer(rt.state, kMarketActor.id, recipient.id, amount);
  return actor_ok();
}

ActorResult publish_storage_deals(ActorRuntime& rt, Address caller, const PublishStorageDealsParams& params) {
  if (params.deals.empty()) return actor_fail(ExitCode::ErrIllegalArgument, "empty deals parameter");
  Address provider = params.deals.front().proposal.provider;
  for (const ClientDealProposal& d : params.deals) {
    if (d.proposal.provider != provider) return actor_fail(ExitCode::ErrIllegalArgument, "not all deals are for the same provider");
  }
  const MinerState* miner = rt.state.find_miner(provider.id);
  if (miner == nullptr) return actor_fail(ExitCode::ErrNotFound, "provider " + provider.to_string() + " is not a miner");
  if (!is_control(*miner, caller)) {
    return actor_fail(ExitCode::ErrForbidden, "caller " + caller.to_string() + " is not the provider's worker or control address");
  }
  bool per_deal = rt.config.network_version >= 14;
  std::map<ActorId, TokenAmount> pending;
  std::vector<std::size_t> valid;
  std::string last_error;
  for (std::size_t i = 0; i < params.deals.size(); ++i) {
    // Duplicates inside the message.
    bool duplicate = false;
    for (std::size_t j : valid) duplicate = duplicate || params.deals[j].proposal == params.deals[i].proposal;
    ActorResult check = duplicate ? actor_fail(ExitCode::ErrIllegalArgument, "duplicate deal in message")
                                  : validate_deal(rt, params.deals[i], pending);
    if (check.ok()) {
      valid.push_back(i);
      continue;
    }
    check.error = "deal " + std::to_string(i) + ": " + check.error;
    if (!per_deal) return check;
    rt.record("deal_rejected", kMarketActor.id, i, check.error);
    last_error = check.error;
  }
  if (valid.empty()) {
    return actor_fail(ExitCode::ErrIllegalArgument, "none of " + std::to_string(params.deals.size()) +
                                                        " deals in publish were valid (" + last_error + ")");
  }
  PublishStorageDealsReturn ret;
  for (std::size_t i : valid) {
    const DealProposal& p = params.deals[i].proposal;
    DealId id = rt.state.market.next_deal_id++;
    rt.state.market.balances[p.client.id].locked += p.client_balance_requirement();
    rt.state.market.balances[p.provider.id].locked += p.provider_collateral;
    rt.state.market.deals[id] = MarketDeal{p, DealState{}, DealStatus::Published, rt.epoch};
    ret.ids.push_back(id);
    ret.valid_deals.push_back(i);
    rt.record("deal_published", kMarketActor.id, id);
  }
  return actor_ok(ret);
}

ActorResult verify_deals_for_activation(ActorRuntime& rt, ActorId miner, std::span<const DealId> deals,
                                        ChainEpoch sector_expiration) {
  std::set<DealId> seen;
  for (DealId id : deals) {
    if (!seen.insert(id).second) return actor_fail(ExitCode::ErrIllegalArgument, "duplicate " + deal_str(id) + " in sector");
    auto it = rt.state.market.deals.find(id);
    if (it == rt.state.market.deals.end()) return actor_fail(ExitCode::ErrNotFound, deal_str(id) + " not found");
    const MarketDeal& deal = it->second;
    if (deal.proposal.provider.id != miner) {
      return actor_fail(ExitCode::ErrForbidden, deal_str(id) + " has provider " + deal.proposal.provider.to_string());
    }
    if (deal.status != DealStatus::Published) return actor_fail(ExitCode::ErrIllegalArgument, deal_str(id) + " already activated");
    if (rt.epoch > deal.proposal.start_epoch) {
      return actor_fail(ExitCode::ErrIllegalArgument, deal_str(id) + ": proposal start epoch " +
                                                          std::to_string(deal.proposal.start_epoch) + " has already elapsed");
    }
    if (deal.proposal.end_epoch > sector_expiration) {
      return actor_fail(ExitCode::ErrIllegalArgument, deal_str(id) + " ends after the sector expires");
    }
  }
  return actor_ok();
}

ActorResult activate_deals(ActorRuntime& rt, ActorId miner, std::span<const DealId> deals, ChainEpoch sector_expiration,
                           SectorNumber sector) {
  ActorResult check = verify_deals_for_activation(rt, miner, deals, sector_expiration);
  if (!check.ok()) return check;
  for (DealId id : deals) {
    MarketDeal& deal = rt.state.market.deals[id];
    deal.status = DealStatus::Activated;
    deal.state.sector_start_epoch = rt.epoch;
    deal.state.last_updated_epoch = rt.epoch;
    deal.state.sector_number = sector;
    rt.record("deal_activated", kMarketActor.id, id, "sector " + std::to_string(sector));
  }
  return actor_ok();
}

ActorResult compute_data_commitment(const StateTree& state, RegisteredSealProof proof, std::span<const DealId> deals,
                                    Node32& commitment) {
  std::vector<PieceInfo> pieces;
  for (DealId id : deals) {
    auto it = state.market.deals.find(id);
    if (it == state.market.deals.end()) return actor_fail(ExitCode::ErrNotFound, deal_str(id) + " not found");
    pieces.push_back(PieceInfo{it->second.proposal.piece_size, it->second.proposal.piece_cid});
  }
  try {
    commitment = unsealed_sector_commitment(seal_proof_info(proof).sector_size, pieces);
  } catch (const std::exception& e) {
    return actor_fail(ExitCode::ErrIllegalArgument, e.what());
  }
  return actor_ok();
}

void on_miner_sectors_terminate(ActorRuntime& rt, ActorId miner, std::span<const DealId> deals) {
  for (DealId id : deals) {
    auto it = rt.state.market.deals.find(id);
    if (it == rt.state.market.deals.end() || it->second.proposal.provider.id != miner) continue;
    MarketDeal& deal = it->second;
    ChainEpoch elapsed = std::max<ChainEpoch>(0, std::min(rt.epoch, deal.proposal.end_epoch) - deal.proposal.start_epoch);
    deal.state.slash_epoch = rt.epoch;
    settle(rt, deal.proposal, deal.proposal.storage_price_per_epoch * elapsed, true);
    rt.record("deal_slashed", kMarketActor.id, id);
    close_deal(rt.state.market, id, DealStatus::Slashed);
  }
}

void cron_tick(ActorRuntime& rt) {
  std::vector<std::pair<DealId, DealStatus>> closing;
  for (auto& [id, deal] : rt.state.market.deals) {
    if (deal.status == DealStatus::Published &&
        rt.epoch >= deal_process_epoch(deal.proposal.start_epoch, id, rt.config.deal_updates_interval)) {
      settle(rt, deal.proposal, TokenAmount(), true);
      rt.record("deal_expired_unactivated", kMarketActor.id, id);
      closing.emplace_back(id, DealStatus::Expired);
    } else if (deal.status == DealStatus::Activated && rt.epoch >= deal.proposal.end_epoch) {
      settle(rt, deal.proposal, deal.proposal.total_storage_fee(), false);
      deal.state.last_updated_epoch = rt.epoch;
      rt.record("deal_expired", kMarketActor.id, id);
      closing.emplace_back(id, DealStatus::Expired);
    }
  }
  for (const auto& [id, status] : closing) close_deal(rt.state.market, id, status);
}

}  // namespace sealsim::chain::market
