// fake_deal_connections.hpp: records peer tags, responses and disconnects; fails sends on demand.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sealing/market/deal_connections.hpp"

namespace sealsim::market::test {

class FakeDealConnections : public DealConnections {
 public:
  std::optional<std::string> send_error;
  std::vector<std::string> tagged;    // peers, in call order
  std::vector<std::string> untagged;
  std::vector<SignedResponse> responses;
  int disconnects = 0;

  void tag_peer(const std::string& peer, const std::string&) override { tagged.push_back(peer); }
  void untag_peer(const std::string& peer, const std::string&) override { untagged.push_back(peer); }
  sealing::Result<sealing::Unit> send_signed_response(const std::string&,
                                                      const SignedResponse& response) override {
    if (send_error) {
      return sealing::Result<sealing::Unit>::fail(*send_error);
    }
    responses.push_back(response);
    return sealing::Result<sealing::Unit>::ok({});
  }
  sealing::Result<sealing::Unit> disconnect(const std::string&) override {
    ++disconnects;
    return sealing::Result<sealing::Unit>::ok({});
  }
};

}  // namespace sealsim::market::test
