// deal_payloads.hpp: the deals' piece bytes between the market's hand-off and the sector
// manager's AddPiece. The market hands over the inflated payload (Lotus passes the padreader as
// AddPiece's io.Reader); the sealing input files only the deal id (PieceData), so the sector
// manager asks this store for the bytes (real-data runs) or for the PieceCID (sizes-only runs).
#pragma once

#include <map>

#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "model/sector_id.hpp"
#include "sealing/storage/fsm_sector_manager.hpp"

namespace sealsim::sealing {

class DealPayloads final : public PieceDataSource {
 public:
  // Remembers the deal's payload (exactly the piece's unpadded size) and raw CommP.
  void put(DealId deal, Bytes payload, const Node32& piece_commitment);
  // Forgets it once the sealing input has answered the deal (written or refused): a retried
  // hand-off puts it again.
  void drop(DealId deal);
  bool holds(DealId deal) const { return payloads_.count(deal) != 0; }

  // PieceDataSource. Both throw std::runtime_error naming the deal when it is unknown or the size
  // does not match: the sector manager turns that into the AddPiece error.
  Bytes deal_bytes(DealId deal, UnpaddedPieceSize size) override;
  Node32 deal_commitment(DealId deal, UnpaddedPieceSize size) override;

 private:
  struct Payload {
    Bytes bytes;
    Node32 commitment{};
  };
  const Payload& find(DealId deal, UnpaddedPieceSize size) const;

  std::map<DealId, Payload> payloads_;
};

}  // namespace sealsim::sealing
