// fake_deal_publishing.hpp: PublishDeal's node call: answers at once with `result`, or holds the
// callback when result is nullopt.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sealing/market/deal_publishing.hpp"

namespace sealsim::market::test {

class FakeDealPublishing : public DealPublishing {
 public:
  std::optional<Result<std::string>> result = Result<std::string>::ok("bafy-publish-message");
  std::vector<std::string> published;  // proposal CIDs, in call order
  std::vector<Callback<std::string>> pending;

  void publish(const MinerDeal& deal, Callback<std::string> done) override {
    published.push_back(deal.proposal_cid);
    if (result) {
      done(*result);
    } else {
      pending.push_back(std::move(done));
    }
  }
};

}  // namespace sealsim::market::test
