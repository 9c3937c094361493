// data_transfer.hpp: the data-transfer stand-in. go-data-transfer/graphsync are out of scope
// (issue 6): an online deal's payload is raw bytes pushed to the provider's staging store in chunks
// over simulated time, raising the data-transfer events the provider subscriber maps to FSM events
// (dtutils.ProviderDataTransferSubscriber, market-fsm §2 and §8.14). Offline deals skip this and
// use ProviderDeals::import_data_for_deal.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/bytes.hpp"
#include "sealing/clock.hpp"
#include "sealing/market/provider_deals.hpp"
#include "sealing/market/staging_store.hpp"

namespace sealsim::market {

enum class DataTransferEventCode {
  Open, Accept, Restart, Disconnected, DataReceived, DataSent, Progress, Cancel, Error, Complete,
  TransferRequestQueued
};
enum class ChannelStatus { Requested, Ongoing, Completed, Failed, Cancelled };

struct DataTransferEvent {
  DataTransferEventCode code = DataTransferEventCode::Open;
  ChannelStatus status = ChannelStatus::Requested;
  std::string channel_id;
  std::string message;          // the DT message (errors)
  bool storage_voucher = true;  // the channel's voucher is a StorageDataTransferVoucher
};

// The provider subscriber's mapping: a Completed status first, then the event code.
std::vector<ProviderEvent> provider_events_for(const DataTransferEvent& event);

// The provider's push-request validation (requestvalidation, market-fsm §3.15, §8.15): the deal
// must exist, its payload root must be the transfer's base CID, and it must be in Validating,
// WaitingForData, Unknown, Transferring or ProviderTransferAwaitRestart. Exact texts, including
// the PieceCID printed as the "Deal Payload CID".
Result<Unit> validate_push(const ProviderDeals& provider, const std::string& proposal_cid,
                           const std::string& base_cid);
// Pulls are refused on the provider side.
Result<Unit> validate_pull();

// Online push of one deal's payload: Open at once, one chunk per `chunk_interval`, Complete after
// the last. Faults: disconnect (transfer pauses, Disconnected), reconnect (Restart, resumes),
// cancel, fail.
class OnlineTransfers {
 public:
  OnlineTransfers(ProviderDeals& provider, StagingStore& staging, sealing::Clock& clock);
  ~OnlineTransfers();

  // Returns the channel id.
  std::string push(const std::string& proposal_cid, std::uint64_t store_id, Bytes payload,
                   std::size_t chunk_bytes, sealing::SimSeconds chunk_interval);
  void disconnect(const std::string& channel_id);
  void reconnect(const std::string& channel_id);
  void cancel(const std::string& channel_id);
  void fail(const std::string& channel_id, const std::string& message);
  bool finished(const std::string& channel_id) const;

 private:
  struct Channel {
    std::string proposal_cid;
    std::uint64_t store_id = 0;
    Bytes payload;
    std::size_t sent = 0;
    std::size_t chunk_bytes = 1;
    sealing::SimSeconds interval = 1;
    bool paused = false;
    bool done = false;
    std::optional<sealing::TimerId> timer;
  };
  void deliver(const Channel& channel, const DataTransferEvent& event);
  void schedule_next(const std::string& channel_id);
  void send_chunk(const std::string& channel_id);
  void stop(Channel& channel);

  ProviderDeals& provider_;
  StagingStore& staging_;
  sealing::Clock& clock_;
  std::map<std::string, Channel> channels_;
  std::uint64_t next_channel_ = 1;
};

}  // namespace sealsim::market
