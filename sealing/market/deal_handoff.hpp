// deal_handoff.hpp: the provider node's OnDealComplete as HandoffDeal calls it: hand the inflated
// piece to the sealing input and report where it went (go-fil-markets PackingResult).
#pragma once

#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "sealing/market/miner_deal.hpp"
#include "sealing/market/provider_node.hpp"

namespace sealsim::market {

struct PackingResult {
  SectorNumber sector = 0;
  PaddedPieceSize offset;
  PaddedPieceSize size;
  friend bool operator==(const PackingResult&, const PackingResult&) = default;
};

class DealHandoff {
 public:
  virtual ~DealHandoff() = default;
  virtual void on_deal_complete(const MinerDeal& deal, UnpaddedPieceSize size, Bytes data,
                                Callback<PackingResult> done) = 0;
};

}  // namespace sealsim::market
