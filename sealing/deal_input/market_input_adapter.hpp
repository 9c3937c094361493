// market_input_adapter.hpp: market::DealSectorInput over the sealing node: what Lotus's
// SectorBlocks.AddPiece does between OnDealComplete and Sealing.AddPieceToAnySector. It turns the
// market's PieceDealInfo into the sector record's DealInfo, files the payload with DealPayloads
// (the sector manager's piece data source) under the deal id, and turns the node's answer back into
// an AddPieceOutcome, keeping Lotus's ErrTooManySectorsSealing recognisable for the retry loop.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "sealing/deal_input/deal_payloads.hpp"
#include "sealing/market/sector_input.hpp"
#include "sealing/result.hpp"
#include "sealing/sealing_node.hpp"

namespace sealsim::sealing {

// sealing.ErrTooManySectorsSealing's text. Lotus compares with xerrors.Is, so the sentinel itself
// or a wrap of it ("...: too many sectors sealing") is the condition; PledgeSector's formatted
// "too many sectors sealing (curSealing: N, max: M)" is a different error and is not.
inline constexpr const char* kErrTooManySectorsSealing = "too many sectors sealing";
bool is_too_many_sectors_sealing(const std::string& error);

// api.PieceDealInfo → the sector record's DealInfo. Fails, naming the field, when the proposal's
// PieceCID is not an unsealed-commitment CID, the publish CID does not parse, or an address is
// not an ID address (t0…/f0…).
Result<DealInfo> to_sector_deal_info(const market::PieceDealInfo& info);

// The node's answer → the market's outcome.
market::AddPieceOutcome to_add_piece_outcome(const Result<SectorOffset>& answer);

class MarketInputAdapter final : public market::DealSectorInput {
 public:
  // `payloads` must be the piece data source of the node's sector manager.
  MarketInputAdapter(SealingNode& node, DealPayloads& payloads);
  ~MarketInputAdapter() override;
  MarketInputAdapter(const MarketInputAdapter&) = delete;
  MarketInputAdapter& operator=(const MarketInputAdapter&) = delete;

  // A mapping failure is answered at once with its text; otherwise the node answers later.
  void add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data, market::PieceDealInfo info,
                               std::function<void(market::AddPieceOutcome)> done) override;

 private:
  SealingNode& node_;
  DealPayloads& payloads_;
  std::map<DealId, std::size_t> outstanding_;  // hand-offs of the deal not yet answered
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sealsim::sealing
