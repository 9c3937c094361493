// chain_store.hpp: the canonical chain: tipsets in height order with their receipts and the state
// after them. Heights missing between two tipsets are null rounds. States are kept for the newest
// `retention` tipsets only (older queries and deeper reorgs are refused).
#pragma once

#include <cstring>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

#include "chain-mock/actor_state.hpp"
#include "chain-mock/receipt.hpp"
#include "chain-mock/tipset.hpp"

namespace sealsim::chain {

struct ChainNode {
  TipSet tipset;
  std::vector<MessageReceipt> receipts;  // one per tipset.messages entry
  std::shared_ptr<const StateTree> state;  // after the tipset's messages and cron; null once pruned
};

class ChainStore {
 public:
  explicit ChainStore(ChainNode genesis);

  const ChainNode& head() const { return nodes_.back(); }
  // Genesis-style setup edits the head's state in place.
  ChainNode& mutable_head() { return nodes_.back(); }
  const ChainNode& genesis() const { return nodes_.front(); }
  std::size_t size() const { return nodes_.size(); }
  const ChainNode& at_index(std::size_t i) const { return nodes_[i]; }
  // The tipset at height h or, when h is a null round, the last one before it; null above the head.
  const ChainNode* at_or_before(ChainEpoch height) const;
  // The first tipset at or above h; null above the head.
  const ChainNode* at_or_after(ChainEpoch height) const;
  const ChainNode* find(const TipSetKey& key) const;  // canonical tipsets only

  void append(ChainNode node);
  // Removes the newest `depth` tipsets and returns them, oldest first.
  std::vector<ChainNode> truncate(std::size_t depth);
  void prune_states(std::size_t retention);

 private:
  // A deque: a year of tipsets (about a million nodes) grows without the vector's doubling copies,
  // and references to nodes stay valid as the chain grows.
  std::deque<ChainNode> nodes_;
  // Tipset keys are digests, so any 8 of their bytes hash them well. Only looked up, never
  // iterated, so the container's order cannot reach an outcome; a year of epochs makes an ordered
  // map's 32-byte comparisons show in the per-epoch cost.
  struct KeyHash {
    std::size_t operator()(const TipSetKey& key) const {
      std::size_t h = 0;
      std::memcpy(&h, key.digest.data(), sizeof h);
      return h;
    }
  };
  std::unordered_map<TipSetKey, std::size_t, KeyHash> index_;
};

}  // namespace sealsim::chain
