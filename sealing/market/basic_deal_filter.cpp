// basic_deal_filter.cpp: the rules of Lotus's BasicDealFilter in their order (market-fsm §3.2).
#include "sealing/market/basic_deal_filter.hpp"

#include <algorithm>

namespace sealsim::market {

namespace {
Result<DealDecision> reject(std::string reason) {
  return Result<DealDecision>::ok(DealDecision{false, std::move(reason)});
}
}  // namespace

Result<DealDecision> BasicDealFilter::decide(const MinerDeal& deal) {
  const DealProposal& p = deal.proposal();
  if (!deal.ref.is_manual() && !config_.consider_online_storage_deals) {
    return reject("miner is not considering online storage deals");
  }
  if (deal.ref.is_manual() && !config_.consider_offline_storage_deals) {
    return reject("miner is not accepting offline storage deals");
  }
  if (p.verified_deal && !config_.consider_verified_storage_deals) {
    return reject("miner is not accepting verified storage deals");
  }
  if (!p.verified_deal && !config_.consider_unverified_storage_deals) {
    return reject("miner is not accepting unverified storage deals");
  }
  const auto& blocked = config_.piece_cid_blocklist;
  if (std::find(blocked.begin(), blocked.end(), p.piece_cid) != blocked.end()) {
    return reject("miner has blocklisted piece CID " + p.piece_cid);
  }
  // A failing chain head is returned as an error: the FSM then rejects with "custom deal
  // decision logic failed: <err>" and the filter's own reason string is lost.
  const auto head = node_.get_chain_head();
  if (!head) {
    return Result<DealDecision>::fail(head.error());
  }
  const ChainEpoch earliest = head->epoch + config_.expected_seal_duration / config_.block_delay;
  if (p.start_epoch < earliest) {
    return reject("cannot seal a sector before " + std::to_string(p.start_epoch));
  }
  const ChainEpoch latest = earliest + config_.max_deal_start_delay / config_.block_delay;
  if (p.start_epoch > latest) {
    return reject("deal start epoch is too far in the future: " + std::to_string(p.start_epoch) +
                  " > " + std::to_string(latest));
  }
  if (external_ != nullptr) {
    return external_->decide(deal);
  }
  return Result<DealDecision>::ok(DealDecision{true, ""});
}

}  // namespace sealsim::market
