// deal_publisher.hpp: Lotus v1.11.1's DealPublisher (markets/storageadapter/dealpublisher.go,
// market-fsm §4) on the simulated clock: deals queue for PublishMsgPeriod from the first deal of a
// batch, a batch reaching MaxDealsPerPublishMsg goes at once (max 0: every deal alone, at once),
// deals whose start epoch has passed or whose caller gave up are dropped from the batch with their
// own error while the rest is published in one PublishStorageDeals message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/actor_methods.hpp"
#include "sealing/clock.hpp"
#include "sealing/market/deal_publishing.hpp"
#include "sealing/market/provider_node.hpp"

namespace sealsim::market {

struct PublishMsgConfig {
  sealing::SimSeconds period = 3600;  // PublishMsgPeriod, default 1 h
  std::uint64_t max_deals_per_msg = 8;
};

inline constexpr std::string_view kStorageMarketActor = "t05";

struct PublishStorageDealsMessage {
  std::string from;
  std::string to;
  std::uint64_t method = 0;
  std::vector<ClientDealProposal> deals;
};

// The chain side of the publisher: head height, sender, mpool push.
class PublishMessageSender {
 public:
  virtual ~PublishMessageSender() = default;
  virtual Result<ChainHead> get_chain_head() = 0;
  // The sender address (no address selector configured: the worker).
  virtual Result<std::string> worker_address() = 0;
  // MpoolPushMessage; the message CID.
  virtual Result<std::string> push(const PublishStorageDealsMessage& message) = 0;
};

struct PendingDealsInfo {
  std::vector<ClientDealProposal> deals;
  sealing::SimSeconds publish_period_start = 0;
  sealing::SimSeconds publish_period = 0;
};

class DealPublisher final : public DealPublishing {
 public:
  DealPublisher(PublishMsgConfig config, PublishMessageSender& sender, sealing::Clock& clock);
  ~DealPublisher() override;

  void publish(const MinerDeal& deal, Callback<std::string> done) override;
  // The caller's context ended (Go: ctx cancelled): the deal leaves the queue with ctx's error.
  void cancel(const std::string& proposal_cid);
  // ForcePublishPendingDeals.
  void force_publish_pending_deals();
  PendingDealsInfo pending_deals() const;

 private:
  struct Pending {
    MinerDeal deal;
    Callback<std::string> done;
    bool cancelled = false;
  };
  void drop_cancelled();
  void publish_all_pending();
  void publish_ready(std::vector<Pending> batch);

  PublishMsgConfig config_;
  PublishMessageSender& sender_;
  sealing::Clock& clock_;
  std::vector<Pending> pending_;
  std::optional<sealing::TimerId> timer_;
  sealing::SimSeconds period_start_ = 0;
  std::vector<sealing::TimerId> scheduled_;  // batches being published (off the lock in Go)
};

}  // namespace sealsim::market
