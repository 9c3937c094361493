// cached_merkle_tree.cpp: level-cache merkle trees and the shaped sealing trees (spec §7.2-7.8).
#include "model/cached_merkle_tree.hpp"

#include <algorithm>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// k with arity^k = leaf_count, k >= 1; throws otherwise.
unsigned tree_height(std::uint64_t leaf_count, unsigned arity) {
  if (arity < 2) throw ModelError("a merkle tree needs arity >= 2, got " + std::to_string(arity));
  unsigned height = 0;
  std::uint64_t row = leaf_count;
  while (row > 1 && row % arity == 0) {
    row /= arity;
    ++height;
  }
  if (row != 1 || height == 0) {
    throw ModelError("a complete arity-" + std::to_string(arity) + " tree needs a power of " +
                     std::to_string(arity) + " leaves (at least " + std::to_string(arity) + "), got " +
                     std::to_string(leaf_count));
  }
  return height;
}

std::uint64_t power(unsigned base, unsigned exponent) {
  std::uint64_t value = 1;
  for (unsigned i = 0; i < exponent; ++i) value *= base;
  return value;
}

// The arity − 1 siblings of position `position` in `row` and its index among them.
MerklePathLevel level_of(std::span<const Node32> row, std::uint64_t position, unsigned arity) {
  MerklePathLevel level;
  const std::uint64_t first = position - position % arity;
  level.index = static_cast<std::uint32_t>(position % arity);
  for (unsigned i = 0; i < arity; ++i) {
    if (first + i != position) level.siblings.push_back(row[first + i]);
  }
  return level;
}

}  // namespace

unsigned CachedMerkleTree::default_rows_to_discard(std::uint64_t leaf_count, unsigned arity) {
  const unsigned row_count = tree_height(leaf_count, arity) + 1;
  if (row_count <= 2) return 0;
  if (row_count == 3) return 1;
  return std::min(row_count - 2, arity == 2 ? 6u : 2u);
}

CachedMerkleTree CachedMerkleTree::build(std::uint64_t leaf_count, unsigned arity,
                                         unsigned rows_to_discard, const MerkleHashing& hashing,
                                         const LeafSource& leaves) {
  CachedMerkleTree tree;
  tree.leaf_count_ = leaf_count;
  tree.arity_ = arity;
  tree.row_count_ = tree_height(leaf_count, arity) + 1;
  tree.first_kept_row_ = kept_row_of(leaf_count, arity, rows_to_discard);
  const std::uint64_t chunk = power(arity, tree.first_kept_row_);
  const std::uint64_t kept_first_row_size = leaf_count / chunk;

  // Rows above the first kept one: a geometric sum of the first kept row's size.
  std::uint64_t kept_total = 0;
  for (std::uint64_t row = kept_first_row_size; row >= 1; row /= arity) {
    tree.kept_row_offsets_.push_back(kept_total);
    kept_total += row;
    if (row == 1) break;
  }
  tree.kept_.resize(kept_total);

  // The discarded rows, a batch of whole chunks at a time, reduced in place to kept-row nodes.
  const std::uint64_t chunks_per_batch = std::max<std::uint64_t>(1, 8192 / chunk);
  std::vector<Node32> buffer(chunk * chunks_per_batch);
  for (std::uint64_t done = 0; done < kept_first_row_size; done += chunks_per_batch) {
    const std::uint64_t count = std::min(chunks_per_batch, kept_first_row_size - done);
    std::span<Node32> row(buffer.data(), count * chunk);
    leaves(done * chunk, row);
    for (unsigned r = 0; r < tree.first_kept_row_; ++r) {
      const std::span<Node32> next = row.first(row.size() / arity);
      hashing.hash_row(row, arity, next);
      row = next;
    }
    std::copy(row.begin(), row.end(), tree.kept_.begin() + static_cast<std::ptrdiff_t>(done));
  }
  for (std::size_t r = 0; r + 1 < tree.kept_row_offsets_.size(); ++r) {
    const std::uint64_t begin = tree.kept_row_offsets_[r];
    const std::uint64_t end = tree.kept_row_offsets_[r + 1];
    const std::span<const Node32> row(tree.kept_.data() + begin, end - begin);
    const std::span<Node32> next(tree.kept_.data() + end, row.size() / arity);
    hashing.hash_row(row, arity, next);
  }
  return tree;
}

unsigned CachedMerkleTree::kept_row_of(std::uint64_t leaf_count, unsigned arity,
                                       unsigned rows_to_discard) {
  return std::min(rows_to_discard + 1, tree_height(leaf_count, arity));
}

CachedMerkleTree CachedMerkleTree::from_kept_rows(std::uint64_t leaf_count, unsigned arity,
                                                  unsigned rows_to_discard,
                                                  std::vector<Node32> kept_rows) {
  CachedMerkleTree tree;
  tree.leaf_count_ = leaf_count;
  tree.arity_ = arity;
  tree.row_count_ = tree_height(leaf_count, arity) + 1;
  tree.first_kept_row_ = kept_row_of(leaf_count, arity, rows_to_discard);
  std::uint64_t kept_total = 0;
  for (std::uint64_t row = leaf_count / power(arity, tree.first_kept_row_); row >= 1; row /= arity) {
    tree.kept_row_offsets_.push_back(kept_total);
    kept_total += row;
    if (row == 1) break;
  }
  if (kept_rows.size() != kept_total) {
    throw ModelError("a tree of " + std::to_string(leaf_count) + " leaves (arity " + std::to_string(arity) +
                     ") keeps " + std::to_string(kept_total) + " nodes from row " +
                     std::to_string(tree.first_kept_row_) + ", got " + std::to_string(kept_rows.size()));
  }
  tree.kept_ = std::move(kept_rows);
  return tree;
}

MerkleInclusionProof CachedMerkleTree::prove(std::uint64_t index, const MerkleHashing& hashing,
                                             const LeafSource& leaves) const {
  if (index >= leaf_count_) {
    throw ModelError("merkle proof of leaf " + std::to_string(index) + " in a tree of " +
                     std::to_string(leaf_count_) + " leaves");
  }
  MerkleInclusionProof proof;
  proof.root = root();
  const std::uint64_t chunk = power(arity_, first_kept_row_);
  const std::uint64_t chunk_start = index - index % chunk;
  std::vector<Node32> buffer(chunk);
  leaves(chunk_start, buffer);
  proof.leaf = buffer[index - chunk_start];

  // Rebuild the discarded rows of the chunk that holds the leaf.
  std::span<Node32> row(buffer);
  std::uint64_t position = index - chunk_start;
  for (unsigned r = 0; r < first_kept_row_; ++r) {
    proof.path.push_back(level_of(row, position, arity_));
    const std::span<Node32> next = row.first(row.size() / arity_);
    hashing.hash_row(row, arity_, next);
    row = next;
    position /= arity_;
  }
  position = index / chunk;
  for (std::size_t r = 0; r + 1 < kept_row_offsets_.size(); ++r) {
    const std::uint64_t begin = kept_row_offsets_[r];
    const std::span<const Node32> kept_row(kept_.data() + begin, kept_row_offsets_[r + 1] - begin);
    proof.path.push_back(level_of(kept_row, position, arity_));
    position /= arity_;
  }
  return proof;
}

ShapedMerkleTree ShapedMerkleTree::build(std::uint64_t leaf_count, const TreeShape& shape,
                                         const PoseidonTreeHashers& hashers, const LeafSource& leaves,
                                         std::optional<unsigned> rows_to_discard) {
  if (shape.base_tree_count == 0 || leaf_count % shape.base_tree_count != 0) {
    throw ModelError("a tree of " + std::to_string(leaf_count) + " leaves cannot be split into " +
                     std::to_string(shape.base_tree_count) + " equal base trees");
  }
  ShapedMerkleTree tree;
  tree.leaf_count_ = leaf_count;
  tree.shape_ = shape;
  const std::uint64_t per_tree = leaf_count / shape.base_tree_count;
  const MerkleHashing hashing = MerkleHashing::poseidon(hashers);
  const unsigned discard =
      rows_to_discard.value_or(CachedMerkleTree::default_rows_to_discard(per_tree, shape.base_arity));
  for (unsigned t = 0; t < shape.base_tree_count; ++t) {
    const LeafSource segment = [&leaves, offset = t * per_tree](std::uint64_t first, std::span<Node32> out) {
      leaves(offset + first, out);
    };
    tree.base_trees_.push_back(CachedMerkleTree::build(per_tree, shape.base_arity, discard, hashing, segment));
    tree.base_roots_.push_back(tree.base_trees_.back().root());
  }
  tree.root_ = compound_tree_root(tree.base_roots_, shape, hashers);
  return tree;
}

ShapedMerkleTree ShapedMerkleTree::from_base_trees(std::uint64_t leaf_count, const TreeShape& shape,
                                                   const PoseidonTreeHashers& hashers,
                                                   std::vector<CachedMerkleTree> base_trees) {
  if (base_trees.size() != shape.base_tree_count || shape.base_tree_count == 0) {
    throw ModelError("a shaped tree of " + std::to_string(shape.base_tree_count) + " base trees got " +
                     std::to_string(base_trees.size()));
  }
  ShapedMerkleTree tree;
  tree.leaf_count_ = leaf_count;
  tree.shape_ = shape;
  for (const CachedMerkleTree& base : base_trees) {
    if (base.leaf_count() * shape.base_tree_count != leaf_count || base.arity() != shape.base_arity) {
      throw ModelError("a base tree of " + std::to_string(base.leaf_count()) + " leaves (arity " +
                       std::to_string(base.arity()) + ") does not fit a shaped tree of " +
                       std::to_string(leaf_count) + " leaves");
    }
    tree.base_roots_.push_back(base.root());
  }
  tree.base_trees_ = std::move(base_trees);
  tree.root_ = compound_tree_root(tree.base_roots_, shape, hashers);
  return tree;
}

MerkleInclusionProof ShapedMerkleTree::prove(std::uint64_t index, const PoseidonTreeHashers& hashers,
                                             const LeafSource& leaves) const {
  if (index >= leaf_count_) {
    throw ModelError("merkle proof of leaf " + std::to_string(index) + " in a tree of " +
                     std::to_string(leaf_count_) + " leaves");
  }
  const std::uint64_t per_tree = leaf_count_ / shape_.base_tree_count;
  const std::uint64_t t = index / per_tree;
  const LeafSource segment = [&leaves, offset = t * per_tree](std::uint64_t first, std::span<Node32> out) {
    leaves(offset + first, out);
  };
  MerkleInclusionProof proof =
      base_trees_[t].prove(index % per_tree, MerkleHashing::poseidon(hashers), segment);
  proof.root = root_;
  if (shape_.sub_arity == 0) return proof;

  const unsigned sub = shape_.sub_arity;
  const std::uint64_t group = t / sub;
  proof.path.push_back(
      level_of(std::span<const Node32>(base_roots_).subspan(group * sub, sub), t % sub, sub));
  if (shape_.top_arity == 0) return proof;

  std::vector<Node32> sub_roots(shape_.top_arity);
  MerkleHashing::poseidon(hashers).hash_row(base_roots_, sub, sub_roots);
  proof.path.push_back(level_of(sub_roots, group, shape_.top_arity));
  return proof;
}

std::vector<unsigned> ShapedMerkleTree::path_arities(std::uint64_t leaf_count, const TreeShape& shape) {
  std::vector<unsigned> arities(
      tree_height(leaf_count / std::max(1u, shape.base_tree_count), shape.base_arity), shape.base_arity);
  if (shape.sub_arity != 0) arities.push_back(shape.sub_arity);
  if (shape.top_arity != 0) arities.push_back(shape.top_arity);
  return arities;
}

std::vector<unsigned> binary_path_arities(std::uint64_t leaf_count) {
  return std::vector<unsigned>(tree_height(leaf_count, 2), 2);
}

}  // namespace sealsim
