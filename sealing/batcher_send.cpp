// batcher_send.cpp: miner info, address selection and SendMsg of a batch message.
#include "sealing/batcher_send.hpp"

#include <string>
#include <utility>

namespace sealsim::sealing {

Result<MinerInfo> batcher_miner_info(BatcherMessageApi& api) {
  Result<MinerInfo> info = api.state_miner_info();
  if (!info) {
    return Result<MinerInfo>::fail("couldn't get miner info: " + info.error());
  }
  return info;
}

Result<Cid> send_from_selected_address(BatcherMessageApi& api, AddressSelector& addresses, const MinerInfo& info,
                                       AddressUse use, const TokenAmount& min_funds, BatcherMessage message,
                                       const BatcherSendWording& wording) {
  const Result<ActorId> from = addresses.select(info, use, message.value + message.max_fee, min_funds);
  if (!from) {
    return Result<Cid>::fail(std::string(wording.no_address) + from.error());
  }
  message.from = *from;
  const Result<Cid> sent = api.send_msg(message);
  if (!sent) {
    return Result<Cid>::fail(std::string(wording.send_failed) + sent.error());
  }
  return sent;
}

Result<Cid> send_batch_message(BatcherMessageApi& api, AddressSelector& addresses, AddressUse use,
                               const TokenAmount& min_funds, BatcherMessage message) {
  const Result<MinerInfo> info = batcher_miner_info(api);
  if (!info) {
    return Result<Cid>::fail(info.error());
  }
  return send_from_selected_address(api, addresses, *info, use, min_funds, std::move(message));
}

}  // namespace sealsim::sealing
