// labeling_proof.cpp: single-node labeling for Commit1 proofs and their verification (spec §5.5).
#include "model/labeling_proof.hpp"

#include <array>
#include <string>

#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {

Node32 label_from_parents(const Node32& replica_id, std::uint32_t layer, std::uint64_t node,
                          std::span<const Node32> parents) {
  std::array<std::uint8_t, kLabelPrefixBytes - 32> prefix_tail{};
  for (unsigned i = 0; i < 4; ++i) prefix_tail[i] = static_cast<std::uint8_t>(layer >> (24 - 8 * i));
  for (unsigned i = 0; i < 8; ++i) prefix_tail[4 + i] = static_cast<std::uint8_t>(node >> (56 - 8 * i));
  const ByteSpan parent_bytes(parents.empty() ? nullptr : parents.data()->data(), parents.size() * 32);
  Node32 label = sha256_of_parts({as_span(replica_id), prefix_tail, parent_bytes});
  truncate_to_fr(label);
  return label;
}

std::vector<Node32> labeling_parents(const ParentCache& cache, const LabelLayers& labels,
                                     std::uint32_t layer, std::uint64_t node) {
  if (layer < 1 || layer > labels.layer_count() || node >= labels.nodes()) {
    throw ModelError("labeling parents of layer " + std::to_string(layer) + " node " +
                     std::to_string(node) + " outside " + std::to_string(labels.layer_count()) +
                     " layers of " + std::to_string(labels.nodes()) + " nodes");
  }
  if (node == 0) return {};
  const auto parents = cache.parents(node);
  std::vector<Node32> q;
  for (std::size_t j = 0; j < SdrGraph::kBaseDegree; ++j) q.push_back(labels.layer(layer)[parents[j]]);
  if (layer > 1) {
    for (std::size_t j = SdrGraph::kBaseDegree; j < SdrGraph::kParentCount; ++j) {
      q.push_back(labels.layer(layer - 1)[parents[j]]);
    }
  }
  std::vector<Node32> out;
  out.reserve(kLabelParentRepeats);
  while (out.size() < kLabelParentRepeats) out.push_back(q[out.size() % q.size()]);
  return out;
}

}  // namespace sealsim
