// data_transfer.cpp: the provider subscriber mapping and the chunked online push.
#include "sealing/market/data_transfer.hpp"

#include <algorithm>

namespace sealsim::market {

// GCC 12 reports a false stringop-overflow when a vector of this variant grows by an empty
// alternative (the empty structs' one-byte storage inside the variant's union).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif
std::vector<ProviderEvent> provider_events_for(const DataTransferEvent& event) {
  std::vector<ProviderEvent> out;
  if (!event.storage_voucher) {
    return out;
  }
  if (event.status == ChannelStatus::Completed) {
    out.emplace_back(ev::DataTransferCompleted{});
  }
  switch (event.code) {
    case DataTransferEventCode::Cancel:
      out.emplace_back(ev::DataTransferCancelled{});
      break;
    case DataTransferEventCode::Restart:
      out.emplace_back(ev::DataTransferRestarted{{event.channel_id}});
      break;
    case DataTransferEventCode::Disconnected:
      out.emplace_back(ev::DataTransferStalled{});
      break;
    case DataTransferEventCode::Open:
      out.emplace_back(ev::DataTransferInitiated{{event.channel_id}});
      break;
    case DataTransferEventCode::Error:
      out.emplace_back(ev::DataTransferFailed{{"deal data transfer failed: " + event.message}});
      break;
    default:
      break;  // progress, DataReceived, Accept, ...: ignored
  }
  return out;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

Result<Unit> validate_push(const ProviderDeals& provider, const std::string& proposal_cid,
                           const std::string& base_cid) {
  const auto deal = provider.deal(proposal_cid);
  if (!deal) {
    return Result<Unit>::fail("Proposal CID " + proposal_cid + ": no deal found for this proposal");
  }
  if (deal->ref.root != base_cid) {
    return Result<Unit>::fail("Deal Payload CID " + deal->proposal().piece_cid + ", Data Transfer CID " +
                              base_cid + ": base CID for deal does not match CID for piece");
  }
  switch (deal->state) {
    case DealStatus::Validating:
    case DealStatus::WaitingForData:
    case DealStatus::Unknown:
    case DealStatus::Transferring:
    case DealStatus::ProviderTransferAwaitRestart:
      return Result<Unit>::ok({});
    default:
      return Result<Unit>::fail("Deal State " + std::string(deal_status_name(deal->state)) +
                                ": deal is not in a state where deals are accepted");
  }
}

Result<Unit> validate_pull() {
  return Result<Unit>::fail("provider should not send data for a storage deal");
}

OnlineTransfers::OnlineTransfers(ProviderDeals& provider, StagingStore& staging,
                                 sealing::Clock& clock)
    : provider_(provider), staging_(staging), clock_(clock) {}

OnlineTransfers::~OnlineTransfers() {
  for (auto& [id, channel] : channels_) {
    stop(channel);
  }
}

void OnlineTransfers::deliver(const Channel& channel, const DataTransferEvent& event) {
  for (auto& e : provider_events_for(event)) {
    provider_.send(channel.proposal_cid, std::move(e));
  }
}

std::string OnlineTransfers::push(const std::string& proposal_cid, std::uint64_t store_id,
                                  Bytes payload, std::size_t chunk_bytes,
                                  sealing::SimSeconds chunk_interval) {
  const std::string id = "chan-" + std::to_string(next_channel_++);
  Channel channel;
  channel.proposal_cid = proposal_cid;
  channel.store_id = store_id;
  channel.payload = std::move(payload);
  channel.chunk_bytes = std::max<std::size_t>(chunk_bytes, 1);
  channel.interval = chunk_interval;
  auto& stored = channels_.insert_or_assign(id, std::move(channel)).first->second;
  deliver(stored, {DataTransferEventCode::Open, ChannelStatus::Requested, id, {}, true});
  schedule_next(id);
  return id;
}

void OnlineTransfers::schedule_next(const std::string& channel_id) {
  Channel& channel = channels_.at(channel_id);
  channel.timer = clock_.schedule_at(clock_.now() + channel.interval,
                                     [this, channel_id] { send_chunk(channel_id); });
}

void OnlineTransfers::send_chunk(const std::string& channel_id) {
  Channel& channel = channels_.at(channel_id);
  channel.timer.reset();
  if (channel.paused || channel.done) {
    return;
  }
  const std::size_t n = std::min(channel.chunk_bytes, channel.payload.size() - channel.sent);
  staging_.append(channel.store_id, ByteSpan(channel.payload.data() + channel.sent, n));
  channel.sent += n;
  if (channel.sent < channel.payload.size()) {
    deliver(channel, {DataTransferEventCode::DataReceived, ChannelStatus::Ongoing, channel_id, {}, true});
    schedule_next(channel_id);
    return;
  }
  channel.done = true;
  deliver(channel, {DataTransferEventCode::Complete, ChannelStatus::Completed, channel_id, {}, true});
}

void OnlineTransfers::stop(Channel& channel) {
  if (channel.timer) {
    clock_.cancel(*channel.timer);
    channel.timer.reset();
  }
}

void OnlineTransfers::disconnect(const std::string& channel_id) {
  Channel& channel = channels_.at(channel_id);
  channel.paused = true;
  stop(channel);
  deliver(channel, {DataTransferEventCode::Disconnected, ChannelStatus::Ongoing, channel_id, {}, true});
}

void OnlineTransfers::reconnect(const std::string& channel_id) {
  Channel& channel = channels_.at(channel_id);
  channel.paused = false;
  deliver(channel, {DataTransferEventCode::Restart, ChannelStatus::Ongoing, channel_id, {}, true});
  if (!channel.done && !channel.timer) {
    schedule_next(channel_id);
  }
}

void OnlineTransfers::cancel(const std::string& channel_id) {
  Channel& channel = channels_.at(channel_id);
  channel.done = true;
  stop(channel);
  deliver(channel, {DataTransferEventCode::Cancel, ChannelStatus::Cancelled, channel_id, {}, true});
}

void OnlineTransfers::fail(const std::string& channel_id, const std::string& message) {
  Channel& channel = channels_.at(channel_id);
  channel.done = true;
  stop(channel);
  deliver(channel, {DataTransferEventCode::Error, ChannelStatus::Failed, channel_id, message, true});
}

bool OnlineTransfers::finished(const std::string& channel_id) const {
  return channels_.at(channel_id).done;
}

}  // namespace sealsim::market
