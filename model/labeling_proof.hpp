// labeling_proof.hpp: one node's label recomputed from its parent labels (spec proofs.md §5.5), the
// labeling and encoding proofs of Commit1 (§8.2) and their check (§8.3 steps 4 and 5).
#pragma once

#include <cstdint>
#include <vector>

#include "model/bytes.hpp"
#include "model/parent_cache.hpp"
#include "model/sdr_labels.hpp"

namespace sealsim {

struct LabelingProof {
  std::uint32_t layer = 0;        // 1..L
  std::uint64_t node = 0;
  std::vector<Node32> parents;    // the 37 parent labels in hashing order (none for node 0)
  friend bool operator==(const LabelingProof&, const LabelingProof&) = default;
};

// trunc(SHA-256(replica_id ‖ BE32(layer) ‖ BE64(node) ‖ 20 zero bytes ‖ parents)).
Node32 label_from_parents(const Node32& replica_id, std::uint32_t layer, std::uint64_t node,
                          std::span<const Node32> parents);

// The 37 parent labels of `node` in `layer` as labeling hashes them: layer 1 the 6 base parents'
// layer-1 labels repeated to 37; layer >= 2 Q = 6 base (layer ℓ) + 8 expander (layer ℓ − 1)
// labels, then Q ‖ Q ‖ first 9 of Q. Node 0: none.
std::vector<Node32> labeling_parents(const ParentCache& cache, const LabelLayers& labels,
                                     std::uint32_t layer, std::uint64_t node);

inline Node32 label_from_proof(const Node32& replica_id, const LabelingProof& proof) {
  return label_from_parents(replica_id, proof.layer, proof.node, proof.parents);
}

}  // namespace sealsim
