// poseidon_tree.hpp: the Poseidon merkle trees of sealing (spec proofs.md §7.2-7.5): complete
// arity-n trees over nodes (tree_c over column hashes, tree_r_last over replica nodes), the
// compound sub/top roots of large sectors, the column hash and comm_r = H2(comm_c, comm_r_last).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/poseidon.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim {

// Number of nodes of a complete tree with leaf_count leaves: all rows, leaves and root included.
// Throws ModelError unless leaf_count = arity^k with k >= 1.
std::size_t poseidon_tree_node_count(std::size_t leaf_count, unsigned arity);

// Every row of the complete tree over `leaves` (count = arity^k, k >= 1, arity = the hasher's),
// concatenated leaves first and root last, the layout of the rust merkletree store: row h+1 node i
// hashes row h nodes arity·i .. arity·i + arity - 1. Keeps what inclusion proofs need.
std::vector<Node32> build_tree_levels(std::span<const Node32> leaves, const PoseidonHasher& hasher);

// The root of the same tree, keeping only one row at a time.
Node32 tree_root(std::span<const Node32> leaves, const PoseidonHasher& hasher);

// The hashers a sealing tree needs, each built once: H8 for octrees, H2 for binary compound tops
// and comm_r.
struct PoseidonTreeHashers {
  PoseidonHasher h2{2};
  PoseidonHasher h8{8};

  // h2 or h8; throws ModelError for another arity.
  const PoseidonHasher& for_arity(unsigned arity) const;
};

// Compound root from the base-tree roots, in order (merkletree from_sub_trees / from_trees):
// no sub arity: the single base root; sub arity s: H_s of the roots; sub s and top u:
// H_u(H_s(first s roots), H_s(next s), ...). base_roots.size() must be shape.base_tree_count.
Node32 compound_tree_root(std::span<const Node32> base_roots, const TreeShape& shape,
                          const PoseidonTreeHashers& hashers);

// Column hash C[v] = H_L(label_1[v], ..., label_L[v]) with the MerkleTree tag of arity L; the
// hasher's arity must equal the column length (L = 2 or 11 in sealing).
Node32 column_hash(std::span<const Node32> column, const PoseidonHasher& hasher);

// C[v] for every node: layers[l][v] is the layer-(l+1) label of node v; all layers the same length
// and layers.size() the hasher's arity.
std::vector<Node32> column_hashes(std::span<const std::vector<Node32>> layers,
                                  const PoseidonHasher& hasher);

// comm_r = H2(comm_c, comm_r_last) (spec §7.5); h2 must have arity 2.
Node32 compute_comm_r(const Node32& comm_c, const Node32& comm_r_last, const PoseidonHasher& h2);

}  // namespace sealsim
