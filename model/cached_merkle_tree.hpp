// cached_merkle_tree.hpp: complete merkle trees that keep only their upper rows (the "level cache"
// trees of spec proofs.md §7.4) and rebuild the discarded lower rows from the leaves when an
// inclusion proof needs them; and the shaped (base/sub/top) trees of tree_c and tree_r_last.
//
// Leaves are never stored: a LeafSource supplies them (the sealed file for tree_r_last, column
// hashes computed from the label layers for tree_c, the padded data for tree_d), both when the
// tree is built and when a proof is made, so a 512 MiB sector's trees take a few MB.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/merkle_inclusion_proof.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim {

// Fills `out` with leaves first .. first + out.size() − 1. Must give the same leaves every call.
using LeafSource = std::function<void(std::uint64_t first, std::span<Node32> out)>;

class CachedMerkleTree {
 public:
  // Rows are counted with the leaves (row 0) and the root. Rust merkletree's default for level
  // cache trees (spec §7.4): min(row_count − 2, 2) for octrees, 1 when row_count = 3, 0 below.
  // Binary trees (tree_d, stored whole by Lotus) use the same rule with 6 instead of 2 here: a
  // proof rebuilds at most 128 leaves' subtree. Only memory depends on this, never a root or path.
  static unsigned default_rows_to_discard(std::uint64_t leaf_count, unsigned arity);

  // Builds a complete arity-`arity` tree over leaf_count leaves (a power of the arity, >= arity),
  // keeping the rows above the first rows_to_discard + 1. Throws ModelError on a bad shape.
  static CachedMerkleTree build(std::uint64_t leaf_count, unsigned arity, unsigned rows_to_discard,
                                const MerkleHashing& hashing, const LeafSource& leaves);
  // The same tree from rows hashed elsewhere (the GPU path): `kept_rows` holds exactly the rows
  // build() keeps, first kept row (kept_row_of) first, root last. Throws ModelError on a bad
  // shape or a row count that does not match.
  static CachedMerkleTree from_kept_rows(std::uint64_t leaf_count, unsigned arity,
                                         unsigned rows_to_discard, std::vector<Node32> kept_rows);
  // The first row build() keeps (rows counted from the leaves, row 0).
  static unsigned kept_row_of(std::uint64_t leaf_count, unsigned arity, unsigned rows_to_discard);

  std::uint64_t leaf_count() const { return leaf_count_; }
  unsigned arity() const { return arity_; }
  unsigned row_count() const { return row_count_; }
  const Node32& root() const { return kept_.back(); }
  // Bytes held (the kept rows).
  std::uint64_t kept_bytes() const { return kept_.size() * sizeof(Node32); }

  // Inclusion proof of leaf `index` (< leaf_count); `leaves` must be the source it was built from.
  MerkleInclusionProof prove(std::uint64_t index, const MerkleHashing& hashing,
                             const LeafSource& leaves) const;

 private:
  std::uint64_t leaf_count_ = 0;
  unsigned arity_ = 0;
  unsigned row_count_ = 0;
  unsigned first_kept_row_ = 0;
  std::vector<std::uint64_t> kept_row_offsets_;  // start of row first_kept_row_ + i in kept_
  std::vector<Node32> kept_;
};

// tree_c / tree_r_last of a proof type (spec §7.2, §7.4): shape.base_tree_count equal base octrees
// over consecutive leaf segments, joined by the sub and top arities (compound_tree_root).
class ShapedMerkleTree {
 public:
  // rows_to_discard of each base tree; default_rows_to_discard when absent.
  static ShapedMerkleTree build(std::uint64_t leaf_count, const TreeShape& shape,
                                const PoseidonTreeHashers& hashers, const LeafSource& leaves,
                                std::optional<unsigned> rows_to_discard = std::nullopt);
  // The same tree from base trees built elsewhere (the GPU path), in leaf order.
  static ShapedMerkleTree from_base_trees(std::uint64_t leaf_count, const TreeShape& shape,
                                          const PoseidonTreeHashers& hashers,
                                          std::vector<CachedMerkleTree> base_trees);

  const Node32& root() const { return root_; }
  std::uint64_t leaf_count() const { return leaf_count_; }
  // Base path ‖ sub level ‖ top level (spec §7.8).
  MerkleInclusionProof prove(std::uint64_t index, const PoseidonTreeHashers& hashers,
                             const LeafSource& leaves) const;
  // The level arities every proof of this shape and size has, leaf level first.
  static std::vector<unsigned> path_arities(std::uint64_t leaf_count, const TreeShape& shape);

 private:
  std::uint64_t leaf_count_ = 0;
  TreeShape shape_{};
  std::vector<CachedMerkleTree> base_trees_;
  std::vector<Node32> base_roots_;
  Node32 root_{};
};

// The binary tree_d levels of a proof over leaf_count leaves: log2(leaf_count) times 2.
std::vector<unsigned> binary_path_arities(std::uint64_t leaf_count);

}  // namespace sealsim
