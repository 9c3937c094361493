// fake_publish_sender.hpp: the DealPublisher's chain side: a settable head, the worker address and
// the pushed PublishStorageDeals messages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sealing/market/deal_publisher.hpp"

namespace sealsim::market::test {

class FakePublishSender : public PublishMessageSender {
 public:
  ChainEpoch head = 10;
  std::optional<std::string> push_error;
  std::vector<PublishStorageDealsMessage> pushed;

  Result<ChainHead> get_chain_head() override { return Result<ChainHead>::ok({"tipset", head}); }
  Result<std::string> worker_address() override { return Result<std::string>::ok("t0101"); }
  Result<std::string> push(const PublishStorageDealsMessage& message) override {
    if (push_error) {
      return Result<std::string>::fail(*push_error);
    }
    pushed.push_back(message);
    return Result<std::string>::ok("bafy-publish-" + std::to_string(pushed.size()));
  }
  std::vector<std::size_t> deals_per_message() const {
    std::vector<std::size_t> out;
    for (const auto& m : pushed) {
      out.push_back(m.deals.size());
    }
    return out;
  }
};

}  // namespace sealsim::market::test
