// sector_input.hpp: the narrow interface through which the market hands a published deal's piece
// to the sealing input side (Lotus SectorBlocks.AddPiece → Sealing.SectorAddPieceToAny). The
// sealing input (WaitDeals, packing, deal sectors) implements it; the market never sees sectors
// beyond the number and offset it gets back.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "model/sector_id.hpp"
#include "sealing/market/miner_deal.hpp"

namespace sealsim::market {

// api.PieceDealInfo: what the sector records about the deal behind a piece.
struct PieceDealInfo {
  std::string proposal_cid;  // Lotus keys pendingPieces by it ("piece for deal %s already pending")
  DealId deal_id = 0;
  DealProposal proposal;
  std::string publish_cid;
  ChainEpoch start_epoch = 0;  // DealSchedule
  ChainEpoch end_epoch = 0;
  bool keep_unsealed = false;
};

struct SectorOffset {
  SectorNumber sector = 0;
  PaddedPieceSize offset;  // padded offset of the piece in the sector
  friend bool operator==(const SectorOffset&, const SectorOffset&) = default;
};

// The outcome of one AddPiece call. too_many_sectors_sealing marks sealing.ErrTooManySectorsSealing
// (compared with xerrors.Is in Lotus), the only error OnDealComplete retries.
struct AddPieceOutcome {
  std::optional<SectorOffset> placed;
  std::string error;
  bool too_many_sectors_sealing = false;

  static AddPieceOutcome ok(SectorOffset offset) { return {offset, {}, false}; }
  static AddPieceOutcome fail(std::string message) { return {std::nullopt, std::move(message), false}; }
  static AddPieceOutcome too_many_sealing() {
    return {std::nullopt, "too many sectors sealing", true};
  }
};

class DealSectorInput {
 public:
  virtual ~DealSectorInput() = default;
  // Adds the piece (`data`: exactly size bytes, the Inflator's output) to some deal sector. In
  // Lotus v1.11 this blocks until a sector accepts the piece: `done` runs when it does (or fails).
  virtual void add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data, PieceDealInfo info,
                                       std::function<void(AddPieceOutcome)> done) = 0;
};

}  // namespace sealsim::market
