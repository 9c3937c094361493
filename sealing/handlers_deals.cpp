// handlers_deals.cpp: DealsExpired (remove the sector unless it is proven on chain) and
// RecoverDealIDs (re-derive the deal ids of pieces whose deal no longer matches the chain, from
// their publish messages, through GetCurrentDealInfo), as Lotus v1.11.0 runs them (spec §8.18,
// §12.6).
#include "sealing/handlers_deals.hpp"

#include <map>
#include <string>
#include <vector>

#include "model/zero_commitment.hpp"
#include "sealing/current_deal_info.hpp"

namespace sealsim::sealing {

void handle_deals_expired(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  const auto sector = env.chain.state_sector_get_info(info.sector_number, TipSetToken{});
  if (!sector) {
    record_branch(env, HandlerBranch::DealsExpiredApiStall);
    run->finish();  // STALL: "getting sector info"
    return;
  }
  if (sector->has_value()) {
    record_branch(env, HandlerBranch::DealsExpiredCommittedStall);
    run->finish();  // STALL: "sector is committed on-chain, but we're in DealsExpired"
    return;
  }
  // Without PreCommitInfo Lotus only logs "non-precommitted sector with expired deals, can't
  // recover from this yet"; either way the sector cannot be committed any more.
  record_branch(env, HandlerBranch::DealsExpiredRemove);
  send_and_finish(run, SectorRemove{});
}

void handle_recover_deal_ids(HandlerEnv& env, const HandlerRunPtr& run) {
  const SectorInfo& info = run->info();
  const Result<ChainHead> head = env.chain.chain_head();
  if (!head) {
    record_branch(env, HandlerBranch::RecoverDealIDsHeadStall);
    run->finish();  // STALL: "getting chain head"
    return;
  }

  // Which deal pieces no longer match the chain; filler pieces must be zero pieces.
  std::vector<std::size_t> to_fix;
  std::size_t padding_pieces = 0;
  for (std::size_t i = 0; i < info.pieces.size(); ++i) {
    const Piece& piece = info.pieces[i];
    if (!piece.deal) {
      if (!piece.piece.size.is_valid() ||
          piece.piece.commitment != zero_piece_commitment(piece.piece.size)) {
        record_branch(env, HandlerBranch::RecoverDealIDsNonZeroFiller);
        run->finish();  // STALL: "sector N piece I had non-zero PieceCID"
        return;
      }
      ++padding_pieces;
      continue;
    }
    const Result<DealProposal> proposal =
        env.chain.state_market_storage_deal_proposal(piece.deal->deal_id, head->token);
    if (!proposal || proposal->provider != env.miner ||
        proposal->piece.commitment != piece.piece.commitment ||
        proposal->piece.size != piece.piece.size) {
      to_fix.push_back(i);
      continue;
    }
    if (head->height >= proposal->start_epoch) {
      record_branch(env, HandlerBranch::RecoverDealIDsExpiredDealStall);
      run->finish();  // STALL: "can't fix sector deals: piece I ... refers expired deal"
      return;
    }
  }

  std::map<std::size_t, DealId> updates;
  std::size_t failures = 0;
  for (std::size_t i : to_fix) {
    const DealInfo& deal = *info.pieces[i].deal;
    if (!deal.publish_cid) {
      // Only old (spacerace) sectors lack it; nothing to recover from.
      record_branch(env, HandlerBranch::RecoverDealIDsNoPublishCidRemove);
      send_and_finish(run, SectorRemove{});
      return;
    }
    const CurrentDealInfoOutcome current =
        get_current_deal_info(env.chain, head->token, deal.proposal, *deal.publish_cid);
    if (current.crash) {
      record_branch(env, HandlerBranch::RecoverDealIDsDealInfoCrash);
      report_crash_and_finish(run, *current.crash);
      return;
    }
    if (!current.error.empty()) {
      ++failures;  // "getting current deal info for piece I: ..."
    }
    updates[i] = current.deal_id;
  }

  if (failures > 0) {
    if (failures + padding_pieces == info.pieces.size()) {
      // "removing sector N: all deals expired or unrecoverable"
      record_branch(env, HandlerBranch::RecoverDealIDsAllFailedRemove);
      send_and_finish(run, SectorRemove{});
      return;
    }
    record_branch(env, HandlerBranch::RecoverDealIDsSomeFailedStall);
    run->finish();  // STALL: "failed to recover some deals"
    return;
  }
  record_branch(env, HandlerBranch::RecoverDealIDsUpdateDealIds);
  send_and_finish(run, SectorUpdateDealIDs{std::move(updates)});
}

}  // namespace sealsim::sealing
