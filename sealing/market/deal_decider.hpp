// deal_decider.hpp: the custom deal decision hook of DecideOnProposal (go-fil-markets
// CustomDealDecisionLogic); Lotus installs its BasicDealFilter here (basic_deal_filter.hpp).
#pragma once

#include <string>

#include "sealing/market/miner_deal.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

struct DealDecision {
  bool accept = false;
  std::string reason;  // why not, when !accept
};

class DealDecider {
 public:
  virtual ~DealDecider() = default;
  virtual sealing::Result<DealDecision> decide(const MinerDeal& deal) = 0;
};

}  // namespace sealsim::market
