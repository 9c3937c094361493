// provider_entry_functions.cpp: the provider's entry functions of go-fil-markets v1.6.2
// (providerstates/provider_states.go), written from market-fsm §3. Error texts are the Go code's,
// byte for byte: the event actions add their prefixes ("deal rejected: ", ...).
#include "sealing/market/provider_entry_functions.hpp"

#include <string>
#include <vector>

#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "sealing/market/pad_reader.hpp"

namespace sealsim::market {

namespace {

std::string amount(TokenAmount a) { return a.to_string(); }

// A PieceCID with the market's prefix: CIDv1, fil-commitment-unsealed, sha2-256-trunc254-padded,
// 32-byte digest.
bool has_piece_cid_prefix(const std::string& text) {
  try {
    const Cid cid = parse_cid(text);
    return cid.codec == multicodec::kFilCommitmentUnsealed &&
           cid.multihash_code == multicodec::kSha2_256Trunc254Padded && cid.digest.size() == 32;
  } catch (const ModelError&) {
    return false;
  }
}

// ---- ValidateDealProposal (§3.1) ---------------------------------------------------------------

// The first failing check's text, or nullopt when the proposal is acceptable.
std::optional<std::string> validate_proposal(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const MinerDeal& deal = ctx.deal();
  const DealProposal& p = deal.proposal();

  const auto head = env.node->get_chain_head();
  if (!head) {
    return "node error getting most recent state id: " + head.error();
  }
  const auto valid = env.node->verify_signature(deal.client_deal_proposal.client_signature, p.client,
                                                proposal_signing_bytes(p));
  if (!valid) {
    return "verifying StorageDealProposal: verifying: " + valid.error();
  }
  if (!*valid) {
    return std::string("verifying StorageDealProposal: could not verify signature");
  }
  if (p.provider != env.actor_address) {
    return std::string("incorrect provider for deal");
  }
  if (p.label.size() > kDealMaxLabelSize) {
    return "deal label can be at most 256 bytes, is " + std::to_string(p.label.size());
  }
  try {
    p.piece_size.validate();
  } catch (const ModelError&) {
    return std::string(p.piece_size.bytes() < 128
                           ? "proposal piece size is invalid: minimum padded piece size is 128 bytes"
                           : "proposal piece size is invalid: padded piece size must be a power of 2");
  }
  if (p.piece_cid.empty()) {
    return std::string("proposal PieceCID undefined");
  }
  if (!has_piece_cid_prefix(p.piece_cid)) {
    return std::string("proposal PieceCID had wrong prefix");
  }
  if (p.end_epoch <= p.start_epoch) {
    return std::string("proposal end before proposal start");
  }
  if (head->epoch > p.start_epoch) {
    return std::string("deal start epoch has already elapsed");
  }
  const ChainEpoch duration = p.duration();
  if (duration < kDealMinDuration || duration > kDealMaxDuration) {
    return "deal duration out of bounds (min, max, provided): " + std::to_string(kDealMinDuration) +
           ", " + std::to_string(kDealMaxDuration) + ", " + std::to_string(duration);
  }
  const auto bounds = env.node->deal_provider_collateral_bounds(p.piece_size, p.verified_deal);
  if (!bounds) {
    return "node error getting collateral bounds: " + bounds.error();
  }
  if (p.provider_collateral < bounds->min) {
    return "proposed provider collateral below minimum: " + amount(p.provider_collateral) + " < " +
           amount(bounds->min);
  }
  if (p.provider_collateral > bounds->max) {
    return "proposed provider collateral above maximum: " + amount(p.provider_collateral) + " > " +
           amount(bounds->max);
  }
  // Integer division: tiny pieces get a minimum price of 0 or 1 whatever the ask (§9.9).
  const TokenAmount ask_price = p.verified_deal ? env.ask.verified_price : env.ask.price;
  const TokenAmount min_price(ask_price.atto() * static_cast<TokenAmount::Rep>(p.piece_size.bytes()) /
                              (TokenAmount::Rep{1} << 30));
  if (p.storage_price_per_epoch < min_price) {
    return "storage price per epoch less than asking price: " + amount(p.storage_price_per_epoch) +
           " < " + amount(min_price);
  }
  if (p.piece_size < env.ask.min_piece_size) {
    return "piece size less than minimum required size: " + std::to_string(p.piece_size.bytes()) +
           " < " + std::to_string(env.ask.min_piece_size.bytes());
  }
  if (p.piece_size > env.ask.max_piece_size) {
    return "piece size more than maximum allowed size: " + std::to_string(p.piece_size.bytes()) +
           " > " + std::to_string(env.ask.max_piece_size.bytes());
  }
  const auto balance = env.node->get_balance(p.client, head->tipset_token);
  if (!balance) {
    return "node error getting client market balance failed: " + balance.error();
  }
  const TokenAmount required = p.client_balance_requirement();
  if (balance->available < required) {
    return "clientMarketBalance.Available too small: " + amount(balance->available) + " < " +
           amount(required);
  }
  if (p.verified_deal) {
    const auto cap = env.node->get_data_cap(p.client, head->tipset_token);
    if (!cap) {
      return "node error fetching verified data cap: " + cap.error();
    }
    if (!cap->has_value()) {
      return std::string("node error fetching verified data cap: data cap missing -- client not verified");
    }
    if (**cap < p.piece_size.bytes()) {
      return std::string("verified deal DataCap too small for proposed piece size");
    }
  }
  return std::nullopt;
}

void validate_deal_proposal(EntryContext& ctx) {
  ctx.env().connections->tag_peer(ctx.deal().client_peer, ctx.deal().proposal_cid);
  if (auto rejection = validate_proposal(ctx)) {
    ctx.trigger(ev::DealRejected{{std::move(*rejection)}});
    return;
  }
  ctx.trigger(ev::DealDeciding{});
}

// ---- DecideOnProposal (§3.2) -----------------------------------------------------------------

void decide_on_proposal(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const MinerDeal& deal = ctx.deal();
  if (env.decider != nullptr) {
    const auto decision = env.decider->decide(deal);
    if (!decision) {
      ctx.trigger(ev::DealRejected{{"custom deal decision logic failed: " + decision.error()}});
      return;
    }
    if (!decision->accept) {
      ctx.trigger(ev::DealRejected{{decision->reason}});
      return;
    }
  }
  const auto sent = env.connections->send_signed_response(
      deal.proposal_cid, SignedResponse{DealStatus::WaitingForData, "", deal.proposal_cid});
  if (!sent) {
    ctx.trigger(ev::SendResponseFailed{{sent.error()}});
    return;
  }
  if (const auto closed = env.connections->disconnect(deal.proposal_cid); !closed) {
    ctx.finding(MarketFindingKind::LoggedError, "closing connection: " + closed.error());
  }
  ctx.trigger(ev::DataRequested{});
}

// ---- VerifyData (§3.3) -----------------------------------------------------------------------

void verify_data(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const MinerDeal& deal = ctx.deal();
  const DealProposal& p = deal.proposal();
  auto payload = deal.store_id ? env.staging->read(*deal.store_id)
                               : Result<Bytes>::fail("deal has no staging store");
  if (!payload) {
    ctx.trigger(ev::DataVerificationFailed{{"error generating CommP: " + payload.error(), "", ""}});
    return;
  }
  const auto generated = env.committer->generate(*payload);
  if (!generated) {
    ctx.trigger(ev::DataVerificationFailed{{"error generating CommP: " + generated.error(), "", ""}});
    return;
  }
  // v1.6: a proposal may name a piece larger than its data; extend the CommP with zeros (PadCommP).
  const bool fits = generated->piece_size <= p.piece_size;
  const std::string computed =
      fits ? padded_piece_cid(generated->commitment, generated->piece_size, p.piece_size) : "";
  if (!fits || computed != p.piece_cid) {
    ctx.trigger(ev::DataVerificationFailed{
        {"proposal CommP doesn't match calculated CommP", "", generated->metadata_path}});
    return;
  }
  ctx.trigger(ev::VerifiedData{{"", generated->metadata_path}});
}

// ---- ReserveProviderFunds / WaitForFunding (§3.4, §3.5) --------------------------------------

void reserve_provider_funds(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const DealProposal& p = ctx.deal().proposal();
  const auto head = env.node->get_chain_head();
  if (!head) {
    ctx.trigger(ev::NodeErrored{{"acquiring chain head: " + head.error()}});
    return;
  }
  const auto worker = env.node->get_miner_worker_address(p.provider, head->tipset_token);
  if (!worker) {
    ctx.trigger(ev::NodeErrored{{"looking up miner worker: " + worker.error()}});
    return;
  }
  const auto message = env.node->reserve_funds(*worker, p.provider, p.provider_collateral);
  if (!message) {
    ctx.trigger(ev::NodeErrored{{"reserving funds: " + message.error()}});
    return;
  }
  ctx.trigger(ev::FundsReserved{{p.provider_collateral}});
  if (message->has_value()) {
    ctx.trigger(ev::FundingInitiated{{**message}});
  } else {
    ctx.trigger(ev::Funded{});
  }
}

void wait_for_funding(EntryContext& ctx) {
  const EntryCompletion done = ctx.block();
  ctx.env().node->wait_for_message(ctx.deal().add_funds_cid, [done](Result<MessageReceipt> r) {
    if (!r) {
      done.trigger(ev::NodeErrored{{"AddFunds errored: " + r.error()}});
    } else if (r->exit_code != 0) {
      done.trigger(ev::NodeErrored{{"AddFunds exit code: " + r->exit_code_text}});
    } else {
      done.trigger(ev::Funded{});
    }
    done.finish();
  });
}

// ---- PublishDeal / WaitForPublish (§3.6, §3.7) -----------------------------------------------

void publish_deal(EntryContext& ctx) {
  const EntryCompletion done = ctx.block();
  ctx.env().publisher->publish(ctx.deal(), [done](Result<std::string> r) {
    if (!r) {
      done.trigger(ev::NodeErrored{{"publishing deal: " + r.error()}});
    } else {
      done.trigger(ev::DealPublishInitiated{{*r}});
    }
    done.finish();
  });
}

// releaseReservedFunds: release what is reserved, if anything; a release error is only logged.
template <class Trigger>
void release_reserved_funds(const ProviderEnvironment& env, const MinerDeal& deal, EntryContext* ctx,
                            const Trigger& trigger) {
  if (!deal.funds_reserved || deal.funds_reserved->is_zero()) {
    return;
  }
  const auto released = env.node->release_funds(deal.proposal().provider, *deal.funds_reserved);
  if (!released && ctx != nullptr) {
    ctx->finding(MarketFindingKind::LoggedError, "failed to release funds: " + released.error());
  }
  trigger(ev::FundsReleased{{*deal.funds_reserved}});
}

void wait_for_publish(EntryContext& ctx) {
  const EntryCompletion done = ctx.block();
  const ProviderEnvironment env = ctx.env();  // by value: the callback may outlive this call
  const MinerDeal deal = ctx.deal();
  env.node->wait_for_publish_deals(
      deal.publish_cid, deal.proposal(), [done, env, deal](Result<PublishDealsResult> r) {
        if (!done.alive()) {
          return;
        }
        if (!r) {
          done.trigger(ev::DealPublishError{{"PublishStorageDeals errored: " + r.error()}});
        } else {
          release_reserved_funds(env, deal, nullptr,
                                 [&done](ProviderEvent e) { done.trigger(std::move(e)); });
          done.trigger(ev::DealPublished{{r->deal_id, r->final_cid}});
        }
        done.finish();
      });
}

// ---- HandoffDeal (§3.8) ----------------------------------------------------------------------

// Records the handed-off piece for retrieval; the error text when that fails (non-fatal).
std::optional<std::string> record_piece(const ProviderEnvironment& env, const MinerDeal& deal,
                                        const PackingResult& packing) {
  const std::string& piece_cid = deal.proposal().piece_cid;
  std::vector<std::string> locations;
  if (!deal.metadata_path.empty()) {
    const auto metadata = env.files->open(deal.metadata_path);
    if (!metadata) {
      return "failed to load block locations: " + metadata.error();
    }
    locations.emplace_back(metadata->begin(), metadata->end());
  } else {
    locations.push_back(deal.ref.root);
  }
  if (const auto added = env.pieces->add_piece_block_locations(piece_cid, locations); !added) {
    return "failed to add piece block locations: " + added.error();
  }
  const PieceDealRecord record{deal.deal_id, packing.sector, packing.offset, packing.size};
  if (const auto added = env.pieces->add_deal_for_piece(piece_cid, record); !added) {
    return "failed to add deal for piece: " + added.error();
  }
  return std::nullopt;
}

// handoffDeal: inflate to the proposal's unpadded size, then OnDealComplete with a copy of the
// deal's identifying fields.
void hand_off(const ProviderEnvironment& env, const MinerDeal& deal, const Bytes& payload,
              Callback<PackingResult> done) {
  const UnpaddedPieceSize size = deal.proposal().piece_size.unpadded();
  auto inflated = inflate_payload(payload, size);
  if (!inflated) {
    done(Result<PackingResult>::fail(inflated.error()));
    return;
  }
  MinerDeal copy;
  copy.client_peer = deal.client_peer;
  copy.client_deal_proposal = deal.client_deal_proposal;
  copy.proposal_cid = deal.proposal_cid;
  copy.state = deal.state;
  copy.ref = deal.ref;
  copy.publish_cid = deal.publish_cid;
  copy.deal_id = deal.deal_id;
  copy.fast_retrieval = deal.fast_retrieval;
  env.handoff->on_deal_complete(copy, size, std::move(*inflated), std::move(done));
}

void finish_handoff(const ProviderEnvironment& env, const MinerDeal& deal, const PackingResult& packing,
                    const EntryCompletion& done) {
  if (auto failed = record_piece(env, deal, packing)) {
    done.trigger(ev::PieceStoreErrored{{"failed to register deal data for piece " +
                                        deal.proposal().piece_cid + " for retrieval: " + *failed}});
  }
  done.trigger(ev::DealHandedOff{});
}

void handoff_deal(EntryContext& ctx) {
  const ProviderEnvironment env = ctx.env();  // by value: the callbacks may outlive this call
  const MinerDeal deal = ctx.deal();
  const std::string& piece_cid = deal.proposal().piece_cid;
  if (!deal.piece_path.empty()) {
    const auto file = env.files->open(deal.piece_path);
    if (!file) {
      ctx.trigger(ev::FileStoreErrored{
          {"reading piece at path " + deal.piece_path + ": " + file.error()}});
      return;
    }
    const EntryCompletion done = ctx.block();
    hand_off(env, deal, *file, [done, env, deal](Result<PackingResult> r) {
      if (!done.alive()) {
        return;
      }
      if (!r) {
        done.trigger(ev::DealHandoffFailed{
            {"packing piece at path " + deal.piece_path + ": " + r.error()}});
      } else {
        finish_handoff(env, deal, *r, done);
      }
      done.finish();
    });
    return;
  }
  const std::string store =
      deal.store_id ? std::to_string(*deal.store_id) : std::string("<nil>");
  const auto reader = deal.store_id ? env.staging->generate_piece_reader(*deal.store_id)
                                    : Result<PieceReader>::fail("deal has no staging store");
  if (!reader) {
    ctx.trigger(ev::DealHandoffFailed{
        {"reading piece " + piece_cid + " from store " + store + ": " + reader.error()}});
    return;
  }
  const EntryCompletion done = ctx.block();
  const PieceReader pipe = *reader;
  hand_off(env, deal, pipe.payload, [done, env, deal, pipe, piece_cid, store](Result<PackingResult> r) {
    if (!done.alive()) {
      return;
    }
    const auto with_packing = [&r](std::string err) {
      return r ? err : err + ": packing error: " + r.error();
    };
    if (!pipe.close_error.empty()) {
      done.trigger(ev::DealHandoffFailed{{with_packing("closing reader for piece " + piece_cid +
                                                       " from store " + store + ": " +
                                                       pipe.close_error)}});
    } else if (!pipe.write_error.empty()) {
      done.trigger(ev::DealHandoffFailed{
          {with_packing("writing piece " + piece_cid + ": " + pipe.write_error)}});
    } else if (!r) {
      done.trigger(ev::DealHandoffFailed{{"packing piece " + piece_cid + ": " + r.error()}});
    } else {
      finish_handoff(env, deal, *r, done);
    }
    done.finish();
  });
}

// ---- VerifyDealPreCommitted / VerifyDealActivated (§3.9, §3.10) ------------------------------

void verify_deal_pre_committed(EntryContext& ctx) {
  const MinerDeal& deal = ctx.deal();
  const DealEventSender later = ctx.sender();
  const auto registered = ctx.env().node->on_deal_sector_pre_committed(
      deal.proposal().provider, deal.deal_id, deal.proposal(), deal.publish_cid,
      [later](Result<PreCommitOutcome> r) {
        if (!r) {
          later.send(ev::DealPrecommitFailed{{r.error()}});
        } else if (r->is_active) {
          later.send(ev::DealActivated{});
        } else {
          later.send(ev::DealPrecommitted{{r->sector}});
        }
      });
  if (!registered) {
    ctx.trigger(ev::DealPrecommitFailed{{registered.error()}});
  }
}

void verify_deal_activated(EntryContext& ctx) {
  const MinerDeal& deal = ctx.deal();
  const DealEventSender later = ctx.sender();
  const auto registered = ctx.env().node->on_deal_sector_committed(
      deal.proposal().provider, deal.deal_id, deal.sector_number, deal.proposal(), deal.publish_cid,
      [later](Result<Unit> r) {
        if (!r) {
          later.send(ev::DealActivationFailed{{r.error()}});
        } else {
          later.send(ev::DealActivated{});
        }
      });
  if (!registered) {
    ctx.trigger(ev::DealActivationFailed{{registered.error()}});
  }
}

// ---- CleanupDeal / WaitForDealCompletion (§3.11, §3.12) --------------------------------------

void delete_deal_files(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const MinerDeal& deal = ctx.deal();
  for (const std::string* path : {&deal.piece_path, &deal.metadata_path}) {
    if (!path->empty()) {
      if (const auto removed = env.files->remove(*path); !removed) {
        ctx.finding(MarketFindingKind::LoggedError,
                    "deleting file " + *path + ": " + removed.error());
      }
    }
  }
  if (deal.store_id) {
    if (const auto removed = env.staging->remove(*deal.store_id); !removed) {
      ctx.finding(MarketFindingKind::LoggedError, "deleting store: " + removed.error());
    }
  }
}

void cleanup_deal(EntryContext& ctx) {
  delete_deal_files(ctx);
  ctx.trigger(ev::Finalized{});
}

void wait_for_deal_completion(EntryContext& ctx) {
  const MinerDeal& deal = ctx.deal();
  ctx.env().connections->untag_peer(deal.client_peer, deal.proposal_cid);
  const DealEventSender later = ctx.sender();
  const auto registered = ctx.env().node->on_deal_expired_or_slashed(
      deal.deal_id,
      [later](Result<Unit> r) {
        if (!r) {
          later.send(ev::DealCompletionFailed{{"deal expiration err: " + r.error()}});
        } else {
          later.send(ev::DealExpired{});
        }
      },
      [later](Result<ChainEpoch> r) {
        if (!r) {
          later.send(ev::DealCompletionFailed{{"deal slashing err: " + r.error()}});
        } else {
          later.send(ev::DealSlashed{{*r}});
        }
      });
  if (!registered) {
    ctx.trigger(ev::DealCompletionFailed{{registered.error()}});
  }
}

// ---- RejectDeal / FailDeal (§3.13, §3.14) ----------------------------------------------------

void reject_deal(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const MinerDeal& deal = ctx.deal();
  const auto sent = env.connections->send_signed_response(
      deal.proposal_cid, SignedResponse{DealStatus::Failing, deal.message, deal.proposal_cid});
  if (!sent) {
    ctx.trigger(ev::SendResponseFailed{{sent.error()}});
    return;
  }
  if (const auto closed = env.connections->disconnect(deal.proposal_cid); !closed) {
    ctx.finding(MarketFindingKind::LoggedError, "closing connection: " + closed.error());
  }
  ctx.trigger(ev::RejectionSent{});
}

void fail_deal(EntryContext& ctx) {
  ProviderEnvironment& env = ctx.env();
  const MinerDeal& deal = ctx.deal();
  env.connections->untag_peer(deal.client_peer, deal.proposal_cid);
  delete_deal_files(ctx);
  release_reserved_funds(env, deal, &ctx, [&ctx](ProviderEvent e) { ctx.trigger(std::move(e)); });
  ctx.trigger(ev::Failed{});
}

}  // namespace

void run_provider_entry_function(DealStatus status, EntryContext& ctx) {
  switch (status) {
    case DealStatus::Validating: return validate_deal_proposal(ctx);
    case DealStatus::AcceptWait: return decide_on_proposal(ctx);
    case DealStatus::VerifyData: return verify_data(ctx);
    case DealStatus::ReserveProviderFunds: return reserve_provider_funds(ctx);
    case DealStatus::ProviderFunding: return wait_for_funding(ctx);
    case DealStatus::Publish: return publish_deal(ctx);
    case DealStatus::Publishing: return wait_for_publish(ctx);
    case DealStatus::Staged: return handoff_deal(ctx);
    case DealStatus::AwaitingPreCommit: return verify_deal_pre_committed(ctx);
    case DealStatus::Sealing: return verify_deal_activated(ctx);
    case DealStatus::Rejecting: return reject_deal(ctx);
    case DealStatus::Finalizing: return cleanup_deal(ctx);
    case DealStatus::Active: return wait_for_deal_completion(ctx);
    case DealStatus::Failing: return fail_deal(ctx);
    default: return;  // Wait, Final and client-only statuses have no provider entry function
  }
}

}  // namespace sealsim::market
