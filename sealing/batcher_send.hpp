// batcher_send.hpp: the tail every batch attempt of the three batchers ends with (spec §11):
// StateMinerInfo, AddrSel for the message's funds, SendMsg from the chosen address, each failure
// worded as Lotus words it.
#pragma once

#include <string_view>

#include "model/cid.hpp"
#include "model/token_amount.hpp"
#include "sealing/address_selector.hpp"
#include "sealing/batcher_api.hpp"
#include "sealing/result.hpp"

namespace sealsim::sealing {

// How the address and send failures read. The batches (processBatch of the precommit and commit
// batchers, the terminate batcher's processBatch) share one wording; the commit batcher's
// single-sector path (processSingle) has its own.
struct BatcherSendWording {
  std::string_view no_address;
  std::string_view send_failed;
};
inline constexpr BatcherSendWording kBatchSendWording{"no good address found: ", "sending message failed: "};
inline constexpr BatcherSendWording kSingleCommitSendWording{"no good address to send commit message from: ",
                                                             "pushing message to mpool: "};

// StateMinerInfo, its failure worded "couldn't get miner info: …".
Result<MinerInfo> batcher_miner_info(BatcherMessageApi& api);

// AddrSel(info, use, goodFunds, minFunds) then SendMsg from the chosen address (which this sets
// as `message.from`). goodFunds is what the message can spend at most, its value plus its max fee:
// every batcher send in Lotus asks for exactly that.
Result<Cid> send_from_selected_address(BatcherMessageApi& api, AddressSelector& addresses, const MinerInfo& info,
                                       AddressUse use, const TokenAmount& min_funds, BatcherMessage message,
                                       const BatcherSendWording& wording = kBatchSendWording);

// The whole tail: batcher_miner_info, then send_from_selected_address with the batch wording.
Result<Cid> send_batch_message(BatcherMessageApi& api, AddressSelector& addresses, AddressUse use,
                               const TokenAmount& min_funds, BatcherMessage message);

}  // namespace sealsim::sealing
