// on_deal_complete.cpp: OnDealComplete's add-piece loop on the simulated clock.
#include "sealing/market/on_deal_complete.hpp"

#include <optional>
#include <utility>

namespace sealsim::market {

struct OnDealCompleteAdapter::Attempt {
  std::string proposal_cid;
  UnpaddedPieceSize size;
  Bytes data;
  PieceDealInfo info;
  Callback<PackingResult> done;
  std::optional<sealing::SimSeconds> first_returned;  // Go's curTime: after the first AddPiece
};

OnDealCompleteAdapter::OnDealCompleteAdapter(DealSectorInput& input, sealing::Clock& clock)
    : input_(input), clock_(clock) {}

OnDealCompleteAdapter::~OnDealCompleteAdapter() {
  *alive_ = false;
  for (const auto id : timers_) {
    clock_.cancel(id);
  }
}

void OnDealCompleteAdapter::on_deal_complete(const MinerDeal& deal, UnpaddedPieceSize size,
                                             Bytes data, Callback<PackingResult> done) {
  if (deal.publish_cid.empty()) {
    done(Result<PackingResult>::fail("deal.PublishCid can't be nil"));
    return;
  }
  auto attempt = std::make_shared<Attempt>();
  attempt->proposal_cid = deal.proposal_cid;
  attempt->size = size;
  attempt->data = std::move(data);
  const DealProposal& p = deal.proposal();
  attempt->info = PieceDealInfo{deal.proposal_cid, deal.deal_id, p, deal.publish_cid,
                                p.start_epoch, p.end_epoch, deal.fast_retrieval};
  attempt->done = std::move(done);
  call(std::move(attempt));
}

void OnDealCompleteAdapter::call(std::shared_ptr<Attempt> attempt) {
  ++add_piece_calls_;
  std::weak_ptr<bool> alive = alive_;
  input_.add_piece_to_any_sector(attempt->size, attempt->data, attempt->info,
                                 [this, alive, attempt](AddPieceOutcome outcome) {
                                   if (alive.expired()) {
                                     return;
                                   }
                                   handle(attempt, std::move(outcome));
                                 });
}

void OnDealCompleteAdapter::handle(std::shared_ptr<Attempt> attempt, AddPieceOutcome outcome) {
  const sealing::SimSeconds now = clock_.now();
  if (!attempt->first_returned) {
    attempt->first_returned = now;
  }
  // for time.Since(curTime) < addPieceRetryTimeout { if !Is(err, ErrTooManySectorsSealing) break; ... }
  if (now - *attempt->first_returned < kAddPieceRetryTimeout && !outcome.placed &&
      outcome.too_many_sectors_sealing) {
    findings_.push_back(
        {MarketFindingKind::LatentBug, attempt->proposal_cid,
         "OnDealComplete retries AddPiece after ErrTooManySectorsSealing with the same reader "
         "(already read by the failed attempt); unreachable in Lotus v1.11 without fault injection",
         {}});
    timers_.push_back(clock_.schedule_at(now + kAddPieceRetryWait, [this, attempt] { call(attempt); }));
    return;
  }
  if (!outcome.placed) {
    attempt->done(Result<PackingResult>::fail("AddPiece failed: " + outcome.error));
    return;
  }
  attempt->done(Result<PackingResult>::ok(
      PackingResult{outcome.placed->sector, outcome.placed->offset, attempt->size.padded()}));
}

}  // namespace sealsim::market
