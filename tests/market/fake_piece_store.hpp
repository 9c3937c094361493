// fake_piece_store.hpp: the retrieval piece store, recording what HandoffDeal registers and
// failing on demand.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sealing/market/piece_store.hpp"

namespace sealsim::market::test {

class FakePieceStore : public PieceStore {
 public:
  std::optional<std::string> locations_error;
  std::optional<std::string> deal_error;
  std::vector<std::vector<std::string>> locations;
  std::vector<PieceDealRecord> deals;

  sealing::Result<sealing::Unit> add_piece_block_locations(
      const std::string&, const std::vector<std::string>& l) override {
    if (locations_error) {
      return sealing::Result<sealing::Unit>::fail(*locations_error);
    }
    locations.push_back(l);
    return sealing::Result<sealing::Unit>::ok({});
  }
  sealing::Result<sealing::Unit> add_deal_for_piece(const std::string&,
                                                    const PieceDealRecord& record) override {
    if (deal_error) {
      return sealing::Result<sealing::Unit>::fail(*deal_error);
    }
    deals.push_back(record);
    return sealing::Result<sealing::Unit>::ok({});
  }
};

}  // namespace sealsim::market::test
