// piece_store.hpp: the retrieval piece store HandoffDeal records a handed-off piece in
// (go-fil-markets piecestore): block locations and the deal's place in its sector.
#pragma once

#include <string>
#include <vector>

#include "model/piece_size.hpp"
#include "model/sector_id.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

struct PieceDealRecord {
  DealId deal_id = 0;
  SectorNumber sector = 0;
  PaddedPieceSize offset;
  PaddedPieceSize length;
  friend bool operator==(const PieceDealRecord&, const PieceDealRecord&) = default;
};

class PieceStore {
 public:
  virtual ~PieceStore() = default;
  // `locations`: the block entries of the payload (the metadata file, or the root CID alone).
  virtual sealing::Result<sealing::Unit> add_piece_block_locations(
      const std::string& piece_cid, const std::vector<std::string>& locations) = 0;
  virtual sealing::Result<sealing::Unit> add_deal_for_piece(const std::string& piece_cid,
                                                            const PieceDealRecord& record) = 0;
};

}  // namespace sealsim::market
