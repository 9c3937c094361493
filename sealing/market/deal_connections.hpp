// deal_connections.hpp: the deal stream and connection manager of the provider (go-fil-markets
// network + connmanager): peer tagging, the signed response, closing the stream.
#pragma once

#include <string>

#include "sealing/market/deal_status_list.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

struct SignedResponse {
  DealStatus state = DealStatus::Unknown;
  std::string message;
  std::string proposal_cid;
  friend bool operator==(const SignedResponse&, const SignedResponse&) = default;
};

class DealConnections {
 public:
  virtual ~DealConnections() = default;
  virtual void tag_peer(const std::string& peer, const std::string& tag) = 0;
  virtual void untag_peer(const std::string& peer, const std::string& tag) = 0;
  virtual sealing::Result<sealing::Unit> send_signed_response(const std::string& proposal_cid,
                                                              const SignedResponse& response) = 0;
  virtual sealing::Result<sealing::Unit> disconnect(const std::string& proposal_cid) = 0;
};

}  // namespace sealsim::market
