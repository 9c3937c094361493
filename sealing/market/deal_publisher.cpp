// deal_publisher.cpp: batching rules of market-fsm §4. Publishing a batch runs "off the lock" in
// Go (a goroutine); here it is scheduled on the clock at the current time, so results reach the
// deals on the next driver step, never inside the caller's publish().
#include "sealing/market/deal_publisher.hpp"

#include <algorithm>
#include <memory>
#include <utility>

namespace sealsim::market {

namespace {
constexpr const char* kContextCanceled = "context canceled";
}

DealPublisher::DealPublisher(PublishMsgConfig config, PublishMessageSender& sender,
                             sealing::Clock& clock)
    : config_(config), sender_(sender), clock_(clock) {}

DealPublisher::~DealPublisher() {
  if (timer_) {
    clock_.cancel(*timer_);
  }
  for (const auto id : scheduled_) {
    clock_.cancel(id);
  }
}

void DealPublisher::drop_cancelled() {
  std::erase_if(pending_, [](const Pending& p) { return p.cancelled; });
}

void DealPublisher::publish(const MinerDeal& deal, Callback<std::string> done) {
  // Rule 2: drop cancelled deals first; an emptied queue stops the timer.
  drop_cancelled();
  if (pending_.empty() && timer_) {
    clock_.cancel(*timer_);
    timer_.reset();
  }
  pending_.push_back(Pending{deal, std::move(done), false});
  // Rule 3: ">=" after adding, so max 0 publishes every deal alone and at once.
  if (pending_.size() >= config_.max_deals_per_msg) {
    publish_all_pending();
    return;
  }
  // Rule 4: the period runs from the first deal of the batch.
  if (!timer_) {
    period_start_ = clock_.now();
    timer_ = clock_.schedule_at(clock_.now() + config_.period, [this] {
      timer_.reset();
      publish_all_pending();
    });
  }
}

void DealPublisher::cancel(const std::string& proposal_cid) {
  for (auto& p : pending_) {
    if (!p.cancelled && p.deal.proposal_cid == proposal_cid) {
      p.cancelled = true;
      auto done = std::move(p.done);
      done(Result<std::string>::fail(kContextCanceled));
      return;
    }
  }
}

void DealPublisher::force_publish_pending_deals() { publish_all_pending(); }

PendingDealsInfo DealPublisher::pending_deals() const {
  PendingDealsInfo info;
  for (const auto& p : pending_) {
    if (!p.cancelled) {
      info.deals.push_back(p.deal.client_deal_proposal);
    }
  }
  info.publish_period_start = period_start_;
  info.publish_period = config_.period;
  return info;
}

void DealPublisher::publish_all_pending() {
  // Rule 7: stop the timer, reset the period, publish what is queued.
  if (timer_) {
    clock_.cancel(*timer_);
    timer_.reset();
  }
  period_start_ = 0;
  std::vector<Pending> batch;
  batch.swap(pending_);
  auto shared = std::make_shared<std::vector<Pending>>(std::move(batch));
  const sealing::TimerId id = clock_.schedule_at(clock_.now(), [this, shared]() mutable {
    publish_ready(std::move(*shared));
  });
  scheduled_.push_back(id);
}

void DealPublisher::publish_ready(std::vector<Pending> batch) {
  std::erase_if(batch, [](const Pending& p) { return p.cancelled; });
  if (batch.empty()) {
    return;
  }
  const auto head = sender_.get_chain_head();
  if (!head) {
    for (auto& p : batch) {
      p.done(Result<std::string>::fail("getting chain head: " + head.error()));
    }
    return;
  }
  // Per-deal isolation: a deal whose start epoch has passed gets its own error.
  std::vector<Pending> valid;
  for (auto& p : batch) {
    const DealProposal& proposal = p.deal.proposal();
    if (head->epoch > proposal.start_epoch) {
      p.done(Result<std::string>::fail(
          "cannot publish deal with piece CID " + proposal.piece_cid + ": current epoch " +
          std::to_string(head->epoch) + " has passed deal proposal start epoch " +
          std::to_string(proposal.start_epoch)));
    } else {
      valid.push_back(std::move(p));
    }
  }
  if (valid.empty()) {
    return;
  }
  const auto fail_all = [&valid](const std::string& error) {
    for (auto& p : valid) {
      p.done(Result<std::string>::fail(error));
    }
  };
  const std::string prefix = "publishing " + std::to_string(valid.size()) + " deals failed: ";
  const std::string& provider = valid.front().deal.proposal().provider;
  for (const auto& p : valid) {
    if (p.deal.proposal().provider != provider) {
      fail_all(prefix + "not all deals are for same provider: " + provider + " and " +
               p.deal.proposal().provider);
      return;
    }
  }
  const auto from = sender_.worker_address();
  if (!from) {
    fail_all(prefix + "getting worker address: " + from.error());
    return;
  }
  PublishStorageDealsMessage message{*from, std::string(kStorageMarketActor),
                                     method::kPublishStorageDeals, {}};
  for (const auto& p : valid) {
    message.deals.push_back(p.deal.client_deal_proposal);
  }
  const auto cid = sender_.push(message);
  for (auto& p : valid) {
    p.done(cid ? Result<std::string>::ok(*cid) : Result<std::string>::fail(prefix + cid.error()));
  }
}

}  // namespace sealsim::market
