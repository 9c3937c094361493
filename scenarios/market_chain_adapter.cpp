// market_chain_adapter.cpp: the provider's chain side over chain-mock (see the header).
#include "scenarios/market_chain_adapter.hpp"

#include <charconv>
#include <utility>

#include "chain-mock/chain_error.hpp"
#include "chain-mock/exit_code.hpp"
#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "sealing/market/storage_client.hpp"

namespace sealsim::scenarios {

namespace {

using market::Callback;
using market::Unit;

template <class T>
sealing::Result<T> ok(T value) {
  return sealing::Result<T>::ok(std::move(value));
}
template <class T>
sealing::Result<T> fail(std::string error) {
  return sealing::Result<T>::fail(std::move(error));
}

// Runs a chain call, turning ChainError into the Result error text.
template <class T, class F>
sealing::Result<T> guarded(F&& call) {
  try {
    return ok<T>(call());
  } catch (const chain::ChainError& e) {
    return fail<T>(e.what());
  } catch (const ModelError& e) {
    return fail<T>(e.what());
  }
}

chain::TipSetToken token_of(const std::string& tipset) { return from_hex(tipset); }

std::optional<chain::MessageCid> message_cid_of(const std::string& text) {
  try {
    return cid_to_message_cid(parse_cid(text));
  } catch (const ModelError&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<chain::Address> parse_id_address(const std::string& text) {
  if (text.size() < 3 || (text[0] != 't' && text[0] != 'f') || text[1] != '0') return std::nullopt;
  ActorId id = 0;
  const char* begin = text.data() + 2;
  const char* end = text.data() + text.size();
  const auto [next, error] = std::from_chars(begin, end, id);
  if (error != std::errc() || next != end) return std::nullopt;
  return chain::Address{id};
}

sealing::Result<chain::DealProposal> to_chain_proposal(const market::DealProposal& p) {
  using R = sealing::Result<chain::DealProposal>;
  chain::DealProposal out;
  try {
    out.piece_cid = parse_commitment_cid(CommitmentKind::Unsealed, p.piece_cid);
  } catch (const ModelError& e) {
    return R::fail(std::string("proposal PieceCID: ") + e.what());
  }
  const auto client = parse_id_address(p.client);
  if (!client) return R::fail("proposal client \"" + p.client + "\" is not an ID address");
  const auto provider = parse_id_address(p.provider);
  if (!provider) return R::fail("proposal provider \"" + p.provider + "\" is not an ID address");
  out.piece_size = p.piece_size;
  out.verified_deal = p.verified_deal;
  out.client = *client;
  out.provider = *provider;
  out.label = p.label;
  out.start_epoch = p.start_epoch;
  out.end_epoch = p.end_epoch;
  out.storage_price_per_epoch = p.storage_price_per_epoch;
  out.provider_collateral = p.provider_collateral;
  out.client_collateral = p.client_collateral;
  return R::ok(std::move(out));
}

MarketChainAdapter::MarketChainAdapter(ChainAdapter& chain, sealing::Clock& clock, MarketChainOptions options,
                                       FundReservations& reservations)
    : chain_(chain), clock_(clock), options_(options), reserved_(reservations) {
  subscription_ = chain_.chain().subscribe_head_changes(
      [this](const std::vector<chain::TipSet>&, const std::vector<chain::TipSet>&) { on_head_change(); });
}

MarketChainAdapter::~MarketChainAdapter() {
  *alive_ = false;
  chain_.chain().unsubscribe_head_changes(subscription_);
}

void MarketChainAdapter::later(std::function<void()> fn) {
  std::weak_ptr<bool> alive = alive_;
  clock_.schedule_at(clock_.now(), [alive, fn = std::move(fn)] {
    if (const auto a = alive.lock(); a && *a) fn();
  });
}

void MarketChainAdapter::add_watch(Watch watch) {
  if (watch(chain_.chain().current_epoch())) return;
  watches_.emplace(next_watch_++, std::move(watch));
}

void MarketChainAdapter::on_head_change() {
  const ChainEpoch head = chain_.chain().current_epoch();
  for (auto it = watches_.begin(); it != watches_.end();) {
    it = it->second(head) ? watches_.erase(it) : std::next(it);
  }
}

std::optional<chain::MarketDeal> MarketChainAdapter::find_deal(DealId deal) const {
  const chain::MarketState& market = chain_.chain().head_state().market;
  if (const auto live = market.deals.find(deal); live != market.deals.end()) return live->second;
  if (const auto closed = market.closed_deals.find(deal); closed != market.closed_deals.end()) return closed->second;
  return std::nullopt;
}

market::Result<market::ChainHead> MarketChainAdapter::get_chain_head() {
  return guarded<market::ChainHead>([&] {
    const chain::ChainHeadInfo head = chain_.chain().chain_head();
    return market::ChainHead{to_hex(head.token), head.height};
  });
}

market::Result<bool> MarketChainAdapter::verify_signature(const std::string& signature, const std::string& signer,
                                                          const std::string& plaintext) {
  // Lotus's adapter answers (false, err) for a bad signature (market-fsm §3.1 check 2).
  if (!market::MockSigner::verify(signature, signer, plaintext)) return fail<bool>("invalid signature");
  return ok(true);
}

market::Result<market::CollateralBounds> MarketChainAdapter::deal_provider_collateral_bounds(PaddedPieceSize size,
                                                                                           bool verified) {
  return guarded<market::CollateralBounds>([&] {
    const chain::DealCollateralBounds bounds = chain_.chain().state_deal_provider_collateral_bounds(size, verified);
    // Lotus's provider adapter replaces the state API's max by min × MaxProviderCollateralMultiplier.
    return market::CollateralBounds{bounds.min, bounds.min * options_.max_provider_collateral_multiplier};
  });
}

market::Result<market::EscrowBalance> MarketChainAdapter::get_balance(const std::string& address,
                                                                      const std::string& tipset) {
  const auto party = parse_id_address(address);
  if (!party) return fail<market::EscrowBalance>("not an ID address: " + address);
  return guarded<market::EscrowBalance>([&] {
    const chain::EscrowEntry entry = chain_.chain().state_market_balance(*party, token_of(tipset));
    return market::EscrowBalance{entry.locked, entry.available()};
  });
}

market::Result<std::optional<std::uint64_t>> MarketChainAdapter::get_data_cap(const std::string& address,
                                                                              const std::string&) {
  const auto party = parse_id_address(address);
  if (!party) return fail<std::optional<std::uint64_t>>("not an ID address: " + address);
  const auto found = data_caps_.find(party->id);
  return ok(found == data_caps_.end() ? std::optional<std::uint64_t>{} : std::optional<std::uint64_t>{found->second});
}

market::Result<std::string> MarketChainAdapter::get_miner_worker_address(const std::string& miner,
                                                                         const std::string& tipset) {
  const auto address = parse_id_address(miner);
  if (!address) return fail<std::string>("not an ID address: " + miner);
  return guarded<std::string>([&] { return chain_.chain().state_miner_info(*address, token_of(tipset)).worker.to_string(); });
}

market::Result<std::optional<std::string>> MarketChainAdapter::reserve_funds(const std::string& wallet,
                                                                             const std::string& address,
                                                                             TokenAmount amount) {
  using R = market::Result<std::optional<std::string>>;
  const auto from = parse_id_address(wallet);
  const auto party = parse_id_address(address);
  if (!from || !party) return R::fail("not an ID address: " + (from ? address : wallet));
  // Lotus's FundManager: the reservations of the address must be covered by its escrow plus the
  // AddBalance messages already on their way; only the shortfall is sent.
  reserved_[party->id] += amount;
  TokenAmount covered = chain_.chain().state_market_balance(*party).available();
  auto& in_flight = add_balance_messages_[party->id];
  for (auto it = in_flight.begin(); it != in_flight.end();) {
    const chain::MessageRecord* record = chain_.chain().message(*it);
    if (record != nullptr && record->status == chain::MessageStatus::Pending) {
      covered += record->message.value;
      ++it;
    } else {
      it = in_flight.erase(it);
    }
  }
  if (reserved_[party->id] <= covered) return R::ok(std::nullopt);
  const TokenAmount shortfall = reserved_[party->id] - covered;
  const auto cid = chain_.push_to_market(*from, chain::method::kAddBalance, chain::AddBalanceParams{*party}, shortfall,
                                         options_.max_market_balance_add_fee);
  if (!cid) {
    reserved_[party->id] -= amount;
    return R::fail(cid.error());
  }
  if (const auto message = cid_to_message_cid(*cid)) in_flight.push_back(*message);
  return R::ok(cid->to_string());
}

market::Result<Unit> MarketChainAdapter::release_funds(const std::string& address, TokenAmount amount) {
  const auto party = parse_id_address(address);
  if (!party) return fail<Unit>("not an ID address: " + address);
  TokenAmount& reserved = reserved_[party->id];
  if (reserved < amount) return fail<Unit>("not enough funds reserved to release " + amount.to_string() + " attoFIL");
  reserved -= amount;
  return ok(Unit{});
}

void MarketChainAdapter::wait(const std::string& message_cid,
                              std::function<void(sealing::Result<chain::MsgLookup>)> done) {
  const auto cid = message_cid_of(message_cid);
  if (!cid) {
    later([done, message_cid] { done(fail<chain::MsgLookup>("not a message CID: " + message_cid)); });
    return;
  }
  std::weak_ptr<bool> alive = alive_;
  auto deliver = [this, alive, done](sealing::Result<chain::MsgLookup> result) {
    if (const auto a = alive.lock(); a && *a) later([done, result] { done(result); });
  };
  try {
    chain_.chain().state_wait_msg(*cid, 2 * chain_.chain().config().message_confidence,
                                  [deliver](const chain::WaitResult& r) {
                                    if (r.lookup) {
                                      deliver(ok(*r.lookup));
                                    } else {
                                      deliver(fail<chain::MsgLookup>(r.error));
                                    }
                                  });
  } catch (const chain::ChainError& e) {
    deliver(fail<chain::MsgLookup>(e.what()));
  }
}

void MarketChainAdapter::wait_for_message(const std::string& message_cid, Callback<market::MessageReceipt> done) {
  wait(message_cid, [done](sealing::Result<chain::MsgLookup> r) {
    if (!r) {
      done(fail<market::MessageReceipt>(r.error()));
      return;
    }
    const chain::ExitCode code = r->receipt.exit_code;
    done(ok(market::MessageReceipt{chain::exit_code_value(code), std::string(chain::exit_code_name(code))}));
  });
}

sealing::Result<DealId> MarketChainAdapter::deal_id_in_publish(const chain::MsgLookup& lookup,
                                                               const market::DealProposal& proposal) {
  const auto wanted = to_chain_proposal(proposal);
  if (!wanted) return fail<DealId>(wanted.error());
  const chain::MessageRecord* record = chain_.chain().message(lookup.message);
  const auto* params = record ? std::get_if<chain::PublishStorageDealsParams>(&record->message.params) : nullptr;
  const auto* ret = std::get_if<chain::PublishStorageDealsReturn>(&lookup.receipt.return_value);
  if (params == nullptr || ret == nullptr) return fail<DealId>("message is not a PublishStorageDeals message");
  for (std::size_t i = 0; i < params->deals.size(); ++i) {
    if (!(params->deals[i].proposal == *wanted)) continue;
    for (std::size_t v = 0; v < ret->valid_deals.size() && v < ret->ids.size(); ++v) {
      if (ret->valid_deals[v] == i) return ok(ret->ids[v]);
    }
    return fail<DealId>("deal " + std::to_string(i) + " of the publish message was not valid");
  }
  return fail<DealId>("deal proposal not found in the publish message");
}

void MarketChainAdapter::wait_for_publish_deals(const std::string& publish_cid, const market::DealProposal& proposal,
                                                Callback<market::PublishDealsResult> done) {
  wait(publish_cid, [this, done, proposal](sealing::Result<chain::MsgLookup> r) {
    using R = market::Result<market::PublishDealsResult>;
    if (!r) {
      done(R::fail(r.error()));
      return;
    }
    if (r->receipt.exit_code != chain::ExitCode::Ok) {
      done(R::fail("PublishStorageDeals exit code: " + std::string(chain::exit_code_name(r->receipt.exit_code))));
      return;
    }
    // The deal id may have changed since the publish (reorg): it is read from the message found.
    const auto id = deal_id_in_publish(*r, proposal);
    if (!id) {
      done(R::fail("WaitForPublishDeals getting deal info errored: " + id.error()));
      return;
    }
    done(R::ok(market::PublishDealsResult{*id, message_cid_to_cid(r->message).to_string()}));
  });
}

market::Result<Unit> MarketChainAdapter::on_deal_sector_pre_committed(const std::string&, DealId deal_id,
                                                                     const market::DealProposal& proposal,
                                                                     const std::string&,
                                                                     Callback<market::PreCommitOutcome> done) {
  const auto deal = find_deal(deal_id);
  if (!deal) return fail<Unit>("failed to set up called handler: failed to look up deal on chain: deal " +
                               std::to_string(deal_id) + " not found");
  if (deal->status == chain::DealStatus::Slashed) {
    return fail<Unit>("failed to set up called handler: deal " + std::to_string(deal_id) + " was slashed at epoch " +
                      std::to_string(deal->state.slash_epoch));
  }
  const chain::Address miner = chain_.miner();
  const ChainEpoch start = proposal.start_epoch;
  const std::string piece = proposal.piece_cid;
  add_watch([this, deal_id, miner, start, piece, done](ChainEpoch head) {
    const auto now = find_deal(deal_id);
    if (now && now->state.sector_start_epoch >= 0) {
      const SectorNumber sector = now->state.sector_number;
      later([done, sector] { done(ok(market::PreCommitOutcome{sector, true})); });
      return true;
    }
    if (const chain::MinerState* m = chain_.chain().head_state().find_miner(miner.id)) {
      for (const auto& [number, precommit] : m->precommits) {
        for (const DealId id : precommit.info.deal_ids) {
          if (id != deal_id) continue;
          const SectorNumber sector = number;
          later([done, sector] { done(ok(market::PreCommitOutcome{sector, false})); });
          return true;
        }
      }
    }
    if (head > start) {
      later([done, piece, start] {
        done(fail<market::PreCommitOutcome>("handling applied event: deal with piece CID " + piece +
                                            " was not activated by proposed deal start epoch " + std::to_string(start)));
      });
      return true;
    }
    return false;
  });
  return ok(Unit{});
}

market::Result<Unit> MarketChainAdapter::on_deal_sector_committed(const std::string&, DealId deal_id, SectorNumber,
                                                                 const market::DealProposal& proposal,
                                                                 const std::string&, Callback<Unit> done) {
  const auto deal = find_deal(deal_id);
  if (!deal) return fail<Unit>("failed to set up called handler: failed to look up deal on chain: deal " +
                               std::to_string(deal_id) + " not found");
  if (deal->status == chain::DealStatus::Slashed) {
    return fail<Unit>("failed to set up called handler: deal " + std::to_string(deal_id) + " was slashed at epoch " +
                      std::to_string(deal->state.slash_epoch));
  }
  const ChainEpoch start = proposal.start_epoch;
  const std::string piece = proposal.piece_cid;
  add_watch([this, deal_id, start, piece, done](ChainEpoch head) {
    const auto now = find_deal(deal_id);
    if (now && now->state.sector_start_epoch >= 0) {
      later([done] { done(ok(Unit{})); });
      return true;
    }
    if (head > start) {
      later([done, piece, start] {
        done(fail<Unit>("handling applied event: deal with piece CID " + piece +
                        " was not activated by proposed deal start epoch " + std::to_string(start)));
      });
      return true;
    }
    return false;
  });
  return ok(Unit{});
}

market::Result<Unit> MarketChainAdapter::on_deal_expired_or_slashed(DealId deal_id, Callback<Unit> expired,
                                                                   Callback<ChainEpoch> slashed) {
  if (!find_deal(deal_id)) {
    return fail<Unit>("failed to look up deal on chain: deal " + std::to_string(deal_id) + " not found");
  }
  add_watch([this, deal_id, expired, slashed](ChainEpoch) {
    const auto now = find_deal(deal_id);
    // The market actor's cron closes the deal at its end epoch (Expired) or at the sector's
    // termination (Slashed); closed deals stay listed with their final status.
    if (now && now->status == chain::DealStatus::Expired) {
      later([expired] { expired(ok(Unit{})); });
      return true;
    }
    if (now && now->status == chain::DealStatus::Slashed) {
      const ChainEpoch at = now->state.slash_epoch;
      later([slashed, at] { slashed(ok(at)); });
      return true;
    }
    return false;
  });
  return ok(Unit{});
}

market::Result<std::string> MarketChainAdapter::worker_address() {
  return guarded<std::string>([&] { return chain_.chain().state_miner_info(chain_.miner()).worker.to_string(); });
}

market::Result<std::string> MarketChainAdapter::push(const market::PublishStorageDealsMessage& message) {
  const auto from = parse_id_address(message.from);
  if (!from) return fail<std::string>("publish sender \"" + message.from + "\" is not an ID address");
  chain::PublishStorageDealsParams params;
  for (const market::ClientDealProposal& deal : message.deals) {
    auto proposal = to_chain_proposal(deal.proposal);
    if (!proposal) return fail<std::string>(proposal.error());
    const bool signed_ok = market::MockSigner::verify(deal.client_signature, deal.proposal.client,
                                                      market::proposal_signing_bytes(deal.proposal));
    params.deals.push_back(chain::ClientDealProposal{std::move(*proposal), signed_ok});
  }
  const auto cid = chain_.push_to_market(*from, chain::method::kPublishStorageDeals, std::move(params), TokenAmount(),
                                         options_.max_publish_deals_fee);
  if (!cid) return fail<std::string>(cid.error());
  return ok(cid->to_string());
}

}  // namespace sealsim::scenarios
