// on_deal_complete.hpp: Lotus's ProviderNodeAdapter.OnDealComplete (markets/storageadapter/
// provider.go, market-fsm §6): builds the PieceDealInfo, calls AddPieceToAnySector, and retries
// every 5 minutes for up to 6 hours of simulated time while the error is
// ErrTooManySectorsSealing. In Lotus v1.11 nothing returns that error (AddPiece blocks instead), so
// the retry runs only under fault injection; each retry is recorded as a finding because it hands
// the same, possibly partially consumed, reader to AddPiece again.
#pragma once

#include <memory>
#include <vector>

#include "sealing/clock.hpp"
#include "sealing/market/deal_handoff.hpp"
#include "sealing/market/market_finding.hpp"
#include "sealing/market/sector_input.hpp"

namespace sealsim::market {

inline constexpr sealing::SimSeconds kAddPieceRetryWait = 5 * 60;
inline constexpr sealing::SimSeconds kAddPieceRetryTimeout = 6 * 60 * 60;

class OnDealCompleteAdapter final : public DealHandoff {
 public:
  OnDealCompleteAdapter(DealSectorInput& input, sealing::Clock& clock);
  ~OnDealCompleteAdapter() override;

  void on_deal_complete(const MinerDeal& deal, UnpaddedPieceSize size, Bytes data,
                        Callback<PackingResult> done) override;

  const std::vector<MarketFinding>& findings() const { return findings_; }
  // AddPiece calls made, retries included.
  std::size_t add_piece_calls() const { return add_piece_calls_; }

 private:
  struct Attempt;
  void call(std::shared_ptr<Attempt> attempt);
  void handle(std::shared_ptr<Attempt> attempt, AddPieceOutcome outcome);

  DealSectorInput& input_;
  sealing::Clock& clock_;
  std::vector<MarketFinding> findings_;
  std::size_t add_piece_calls_ = 0;
  std::vector<sealing::TimerId> timers_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sealsim::market
