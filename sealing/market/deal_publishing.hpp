// deal_publishing.hpp: what PublishDeal calls (go-fil-markets node.PublishDeals, which Lotus
// routes to its DealPublisher): returns the publish message CID once the deal's batch was pushed.
#pragma once

#include <string>

#include "sealing/market/miner_deal.hpp"
#include "sealing/market/provider_node.hpp"

namespace sealsim::market {

class DealPublishing {
 public:
  virtual ~DealPublishing() = default;
  virtual void publish(const MinerDeal& deal, Callback<std::string> done) = 0;
};

}  // namespace sealsim::market
