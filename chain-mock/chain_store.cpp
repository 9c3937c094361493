// chain_store.cpp: canonical chain storage and height lookups.
#include "chain-mock/chain_store.hpp"

#include <algorithm>

namespace sealsim::chain {

ChainStore::ChainStore(ChainNode genesis) { append(std::move(genesis)); }

const ChainNode* ChainStore::at_or_before(ChainEpoch height) const {
  if (height > head().tipset.height || height < 0) return nullptr;
  auto it = std::upper_bound(nodes_.begin(), nodes_.end(), height,
                             [](ChainEpoch h, const ChainNode& n) { return h < n.tipset.height; });
  return &*std::prev(it);
}

const ChainNode* ChainStore::at_or_after(ChainEpoch height) const {
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), height,
                             [](const ChainNode& n, ChainEpoch h) { return n.tipset.height < h; });
  return it == nodes_.end() ? nullptr : &*it;
}

const ChainNode* ChainStore::find(const TipSetKey& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &nodes_[it->second];
}

void ChainStore::append(ChainNode node) {
  index_[node.tipset.key] = nodes_.size();
  nodes_.push_back(std::move(node));
}

std::vector<ChainNode> ChainStore::truncate(std::size_t depth) {
  std::vector<ChainNode> removed;
  for (std::size_t i = nodes_.size() - depth; i < nodes_.size(); ++i) {
    index_.erase(nodes_[i].tipset.key);
    removed.push_back(std::move(nodes_[i]));
  }
  nodes_.resize(nodes_.size() - depth);
  return removed;
}

void ChainStore::prune_states(std::size_t retention) {
  if (nodes_.size() <= retention) return;
  // Nodes are pruned in order, so walking back from the boundary stops at the first pruned one.
  for (std::size_t i = nodes_.size() - retention; i-- > 0;) {
    if (!nodes_[i].state) break;
    nodes_[i].state.reset();
  }
}

}  // namespace sealsim::chain
