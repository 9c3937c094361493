// fake_deal_handoff.hpp: OnDealComplete as HandoffDeal sees it: records each call and answers
// with `result` (or holds the callback when nullopt).
#pragma once

#include <optional>
#include <vector>

#include "sealing/market/deal_handoff.hpp"

namespace sealsim::market::test {

class FakeDealHandoff : public DealHandoff {
 public:
  struct Call {
    MinerDeal deal;
    UnpaddedPieceSize size;
    Bytes data;
  };
  std::optional<Result<PackingResult>> result = Result<PackingResult>::ok(
      PackingResult{7, PaddedPieceSize(0), PaddedPieceSize(1 << 20)});
  std::vector<Call> calls;
  std::vector<Callback<PackingResult>> pending;

  void on_deal_complete(const MinerDeal& deal, UnpaddedPieceSize size, Bytes data,
                        Callback<PackingResult> done) override {
    calls.push_back({deal, size, std::move(data)});
    if (result) {
      done(*result);
    } else {
      pending.push_back(std::move(done));
    }
  }
};

}  // namespace sealsim::market::test
