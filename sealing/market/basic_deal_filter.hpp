// basic_deal_filter.hpp: Lotus's BasicDealFilter (node/modules/storageminer.go, market-fsm §3.2),
// the DealDecider a Lotus miner installs: the Consider* switches, the piece CID blocklist, the
// start-epoch window from ExpectedSealDuration and MaxDealStartDelay, then an optional external
// filter. Defaults are Lotus v1.11's [Dealmaking] defaults.
#pragma once

#include <string>
#include <vector>

#include "sealing/clock.hpp"
#include "sealing/market/deal_decider.hpp"
#include "sealing/market/provider_node.hpp"

namespace sealsim::market {

struct DealFilterConfig {
  bool consider_online_storage_deals = true;
  bool consider_offline_storage_deals = true;
  bool consider_verified_storage_deals = true;
  bool consider_unverified_storage_deals = true;
  std::vector<std::string> piece_cid_blocklist;
  sealing::SimSeconds expected_seal_duration = 24 * 3600;
  sealing::SimSeconds max_deal_start_delay = 14 * 24 * 3600;
  sealing::SimSeconds block_delay = 30;  // mainnet; 4 s on a 2k build
};

class BasicDealFilter final : public DealDecider {
 public:
  // `external`: the Dealmaking.Filter command's stand-in, or null.
  BasicDealFilter(DealFilterConfig config, ProviderNode& node, DealDecider* external = nullptr)
      : config_(std::move(config)), node_(node), external_(external) {}
  Result<DealDecision> decide(const MinerDeal& deal) override;

 private:
  DealFilterConfig config_;
  ProviderNode& node_;
  DealDecider* external_;
};

}  // namespace sealsim::market
