// fake_deal_decider.hpp: the custom decision hook with a fixed answer.
#pragma once

#include "sealing/market/deal_decider.hpp"

namespace sealsim::market::test {

class FakeDealDecider : public DealDecider {
 public:
  sealing::Result<DealDecision> answer = sealing::Result<DealDecision>::ok({true, ""});
  int calls = 0;
  sealing::Result<DealDecision> decide(const MinerDeal&) override {
    ++calls;
    return answer;
  }
};

}  // namespace sealsim::market::test
