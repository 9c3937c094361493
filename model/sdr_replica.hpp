// sdr_replica.hpp: PreCommit2 over finished SDR labels (spec proofs.md §7.2-7.5): column hashes and
// tree_c (comm_c), the encoding replica = data + last layer (mod r), tree_r_last (comm_r_last) and
// comm_r = H2(comm_c, comm_r_last); the leaf sources and level-cache trees Commit1 proves from.
#pragma once

#include <optional>
#include <vector>

#include "model/bytes.hpp"
#include "model/cached_merkle_tree.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_labels.hpp"

namespace sealsim {

// tree_c keeps the row above its leaves (Lotus keeps tree_c whole; tree_r_last discards rows as
// the spec says, CachedMerkleTree::default_rows_to_discard): a column opening then recomputes 8
// column hashes instead of 512. 64 MB at 512 MiB.
inline constexpr unsigned kTreeCRowsToDiscard = 0;

struct SealedReplica {
  std::vector<Node32> replica;  // the sealed sector, node by node (LE field elements)
  Node32 comm_c{};
  Node32 comm_r_last{};
  Node32 comm_r{};
  // The trees' kept rows (a few MB even at 512 MiB); leaves come from column_leaves(labels) and
  // node_leaves(replica).
  ShapedMerkleTree tree_c;
  ShapedMerkleTree tree_r_last;
};

// Leaf sources of the sealing trees. Each keeps a reference to its argument, which must outlive it.
// tree_d: the padded data's 32-byte nodes.
LeafSource data_leaves(ByteSpan padded_data);
// tree_r_last: the replica nodes.
LeafSource node_leaves(std::span<const Node32> nodes);
// tree_c: column hashes H_L(label_1[v], ..., label_L[v]); column_hasher.arity() == layer count.
LeafSource column_leaves(const LabelLayers& labels, const PoseidonHasher& column_hasher);

// tree_d over the padded sector (binary sha254, spec §7.1); root() is CommD. Throws ModelError
// unless the size is a power of two of at least two nodes.
CachedMerkleTree build_tree_d(ByteSpan padded_data);

// `padded_data` is the fr32-padded sector (sector size bytes, every node < r); `labels` are the
// proof's layers over the same nodes. Throws ModelError on a size mismatch or a non-field node.
SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                     RegisteredSealProof proof);
// Same with Poseidon hashers built once by the caller (building them costs ~30 ms).
SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                     RegisteredSealProof proof, const PoseidonTreeHashers& hashers);
// The column hasher H_L: hashers.h2 for 2 layers (same arity and tag), `own` built for others.
const PoseidonHasher& column_hasher_for(unsigned layers, const PoseidonTreeHashers& hashers,
                                        std::optional<PoseidonHasher>& own);

}  // namespace sealsim
