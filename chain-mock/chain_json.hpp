// chain_json.hpp: deterministic JSON of the chain's values (messages, receipts, tipsets, actor
// state). Fields are emitted in a fixed order (nlohmann::ordered_json); amounts are decimal strings,
// hashes lower-case hex. The message CID is the SHA-256 of message_json(m).dump().
#pragma once

#include <nlohmann/json.hpp>

#include "chain-mock/actor_state.hpp"
#include "chain-mock/message.hpp"
#include "chain-mock/receipt.hpp"
#include "chain-mock/tipset.hpp"

namespace sealsim::chain {

using Json = nlohmann::ordered_json;

std::string hex32(const Node32& node);
Json params_json(const MessageParams& params);
Json message_json(const Message& message);
Json receipt_json(const MessageReceipt& receipt);
Json tipset_json(const TipSet& tipset);
Json miner_state_json(const MinerState& miner);
Json market_state_json(const MarketState& market);
Json state_tree_json(const StateTree& state);

}  // namespace sealsim::chain
