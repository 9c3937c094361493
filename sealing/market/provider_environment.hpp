// provider_environment.hpp: everything the provider's entry functions act through
// (go-fil-markets providerDealEnvironment): the node, the deal streams, the publisher, the
// handoff to sealing, the stores, the ask and the optional decision hook.
#pragma once

#include <string>

#include "model/network_constants.hpp"
#include "sealing/market/deal_connections.hpp"
#include "sealing/market/deal_decider.hpp"
#include "sealing/market/deal_handoff.hpp"
#include "sealing/market/deal_publishing.hpp"
#include "sealing/market/file_store.hpp"
#include "sealing/market/piece_committer.hpp"
#include "sealing/market/piece_store.hpp"
#include "sealing/market/provider_node.hpp"
#include "sealing/market/staging_store.hpp"
#include "sealing/market/storage_ask.hpp"

namespace sealsim::market {

// Market policy constants of specs-actors v5 used by ValidateDealProposal (market-fsm §3.1), from
// the network's one table (the same on every network sealsim simulates).
inline constexpr std::size_t kDealMaxLabelSize = NetworkConstants::mainnet().deal_max_label_size;
inline constexpr ChainEpoch kDealMinDuration = NetworkConstants::mainnet().deal_min_duration;
inline constexpr ChainEpoch kDealMaxDuration = NetworkConstants::mainnet().deal_max_duration;

struct ProviderEnvironment {
  std::string actor_address;  // the miner actor ("t01000")
  std::string miner_peer;
  ProviderNode* node = nullptr;
  DealConnections* connections = nullptr;
  DealPublishing* publisher = nullptr;
  DealHandoff* handoff = nullptr;
  FileStore* files = nullptr;
  StagingStore* staging = nullptr;
  PieceStore* pieces = nullptr;
  PieceCommitter* committer = nullptr;
  DealDecider* decider = nullptr;  // none: accept every deal that validates
  StorageAsk ask;
};

}  // namespace sealsim::market
