// cached_merkle_tree_test.cpp: level-cache trees against the full-row builders of the model
// (build_tree_levels, tree_root, compound_tree_root, padded_tree_root): same roots whatever rows
// are discarded, and every leaf's inclusion proof verifies, proves its index and breaks when
// tampered with; the compound shapes of 32 GiB (8/8/0) and 64 GiB (8/8/2) on small trees.
#include "model/cached_merkle_tree.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/field_fr.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"
#include "model/sdr_replica.hpp"

namespace sealsim {
namespace {

const PoseidonTreeHashers& hashers() {
  static const PoseidonTreeHashers instance;
  return instance;
}

std::vector<Node32> field_leaves(std::size_t count, std::uint64_t salt) {
  std::vector<Node32> leaves;
  for (std::uint64_t i = 0; i < count; ++i) {
    leaves.push_back((Fr::from_u64(i * 0x9e3779b97f4a7c15ULL + salt).square()).to_bytes_le());
  }
  return leaves;
}

TEST(CachedMerkleTree, OctreeRootAndProofsForEveryDiscardDepth) {
  const std::vector<Node32> leaves = field_leaves(512, 1);
  const std::vector<Node32> rows = build_tree_levels(leaves, hashers().h8);
  const MerkleHashing hashing = MerkleHashing::poseidon(hashers());
  for (unsigned discard = 0; discard <= 3; ++discard) {
    const CachedMerkleTree tree = CachedMerkleTree::build(512, 8, discard, hashing, node_leaves(leaves));
    EXPECT_EQ(tree.root(), rows.back()) << "discard " << discard;
    for (std::uint64_t i = 0; i < leaves.size(); i += 37) {
      const MerkleInclusionProof proof = tree.prove(i, hashing, node_leaves(leaves));
      EXPECT_EQ(proof.leaf, leaves[i]);
      EXPECT_EQ(proof.leaf_index(), i);
      EXPECT_EQ(proof.arities(), (std::vector<unsigned>{8, 8, 8}));
      EXPECT_TRUE(proof.verify(hashing));
      // The level-1 sibling block is row 1 of the full tree.
      EXPECT_EQ(proof.path[1].siblings.front(), rows[512 + (i / 64) * 8 + ((i / 64) * 8 == i / 8 ? 1 : 0)]);
      MerkleInclusionProof tampered = proof;
      tampered.path[2].siblings[3][0] ^= 1;
      EXPECT_FALSE(tampered.verify(hashing));
    }
  }
  // Spec §7.4: min(row_count − 2, 2), 1 for three rows, 0 for two.
  EXPECT_EQ(CachedMerkleTree::default_rows_to_discard(512, 8), 2u);
  EXPECT_EQ(CachedMerkleTree::default_rows_to_discard(64, 8), 1u);
  EXPECT_EQ(CachedMerkleTree::default_rows_to_discard(std::uint64_t{1} << 27, 8), 2u);
  EXPECT_EQ(CachedMerkleTree::default_rows_to_discard(8, 8), 0u);
}

TEST(CachedMerkleTree, BinarySha254TreeIsTreeD) {
  Bytes padded(32 * 256);
  for (std::size_t i = 0; i < padded.size(); ++i) padded[i] = static_cast<std::uint8_t>((i * 31) % 251);
  for (std::size_t node = 0; node < 256; ++node) padded[node * 32 + 31] &= 0x3f;
  const CachedMerkleTree tree = build_tree_d(padded);
  EXPECT_EQ(tree.root(), padded_tree_root(padded));
  for (std::uint64_t i : {0u, 1u, 127u, 128u, 255u}) {
    const MerkleInclusionProof proof = tree.prove(i, MerkleHashing::sha254(), data_leaves(padded));
    EXPECT_EQ(proof.leaf_index(), i);
    EXPECT_EQ(proof.path.size(), 8u);
    EXPECT_TRUE(proof.verify(MerkleHashing::sha254()));
  }
  EXPECT_THROW(tree.prove(256, MerkleHashing::sha254(), data_leaves(padded)), ModelError);
}

// Compound shapes: the root equals compound_tree_root of the segments' tree_root, and every leaf's
// proof carries the base, sub and top levels and verifies.
TEST(ShapedMerkleTree, CompoundShapes) {
  const std::vector<TreeShape> shapes = {{8, 0, 0, 1}, {8, 8, 0, 8}, {8, 8, 2, 16}, {8, 2, 0, 2}};
  for (const TreeShape& shape : shapes) {
    const std::size_t leaf_count = 64 * shape.base_tree_count;
    const std::vector<Node32> leaves = field_leaves(leaf_count, shape.base_tree_count);
    std::vector<Node32> roots;
    for (unsigned t = 0; t < shape.base_tree_count; ++t) {
      roots.push_back(tree_root(std::span<const Node32>(leaves).subspan(t * 64, 64), hashers().h8));
    }
    const ShapedMerkleTree tree = ShapedMerkleTree::build(leaf_count, shape, hashers(), node_leaves(leaves));
    EXPECT_EQ(tree.root(), compound_tree_root(roots, shape, hashers()));
    const auto arities = ShapedMerkleTree::path_arities(leaf_count, shape);
    for (std::uint64_t i = 0; i < leaf_count; i += 13) {
      const MerkleInclusionProof proof = tree.prove(i, hashers(), node_leaves(leaves));
      EXPECT_EQ(proof.arities(), arities);
      EXPECT_EQ(proof.leaf_index(), i);
      EXPECT_TRUE(proof.verify(MerkleHashing::poseidon(hashers()))) << "leaf " << i;
    }
  }
}

// Trees from rows hashed elsewhere (the GPU path) prove exactly as trees build() made: the rows
// come from build_tree_levels, an independent whole-tree builder.
TEST(CachedMerkleTree, FromKeptRowsProvesLikeBuild) {
  const std::vector<Node32> leaves = field_leaves(512, 7);
  const std::vector<Node32> rows = build_tree_levels(leaves, hashers().h8);  // 512 + 64 + 8 + 1
  const MerkleHashing hashing = MerkleHashing::poseidon(hashers());
  for (unsigned discard = 0; discard <= 3; ++discard) {
    const unsigned first = CachedMerkleTree::kept_row_of(512, 8, discard);
    const std::size_t skip = first == 1 ? 512 : first == 2 ? 512 + 64 : 512 + 64 + 8;
    const CachedMerkleTree built = CachedMerkleTree::build(512, 8, discard, hashing, node_leaves(leaves));
    const CachedMerkleTree given = CachedMerkleTree::from_kept_rows(
        512, 8, discard, std::vector<Node32>(rows.begin() + static_cast<std::ptrdiff_t>(skip), rows.end()));
    EXPECT_EQ(given.root(), rows.back());
    EXPECT_EQ(given.kept_bytes(), built.kept_bytes()) << "discard " << discard;
    for (std::uint64_t i = 0; i < leaves.size(); i += 29) {
      EXPECT_EQ(given.prove(i, hashing, node_leaves(leaves)), built.prove(i, hashing, node_leaves(leaves)));
    }
  }
  EXPECT_EQ(CachedMerkleTree::kept_row_of(512, 8, 0), 1u);
  EXPECT_EQ(CachedMerkleTree::kept_row_of(512, 8, 5), 3u);  // never past the root row
  EXPECT_THROW(CachedMerkleTree::from_kept_rows(512, 8, 0, std::vector<Node32>(rows.begin() + 513, rows.end())),
               ModelError);
}

TEST(ShapedMerkleTree, FromBaseTreesProvesLikeBuild) {
  const TreeShape shape{8, 8, 0, 8};
  const std::vector<Node32> leaves = field_leaves(64 * 8, 3);
  std::vector<CachedMerkleTree> bases;
  for (unsigned t = 0; t < 8; ++t) {
    const std::vector<Node32> segment(leaves.begin() + t * 64, leaves.begin() + (t + 1) * 64);
    const std::vector<Node32> rows = build_tree_levels(segment, hashers().h8);  // 64 + 8 + 1
    bases.push_back(CachedMerkleTree::from_kept_rows(64, 8, 0, std::vector<Node32>(rows.begin() + 64, rows.end())));
  }
  const ShapedMerkleTree built = ShapedMerkleTree::build(leaves.size(), shape, hashers(), node_leaves(leaves), 0);
  const ShapedMerkleTree given = ShapedMerkleTree::from_base_trees(leaves.size(), shape, hashers(), std::move(bases));
  EXPECT_EQ(given.root(), built.root());
  for (std::uint64_t i = 0; i < leaves.size(); i += 31) {
    EXPECT_EQ(given.prove(i, hashers(), node_leaves(leaves)), built.prove(i, hashers(), node_leaves(leaves)));
  }
  EXPECT_THROW(ShapedMerkleTree::from_base_trees(leaves.size(), shape, hashers(), {}), ModelError);
}

RC_GTEST_PROP(CachedMerkleTree, AnyLeafAnyDiscardVerifies, ()) {
  const unsigned height = *rc::gen::inRange(1u, 4u);
  const std::size_t count = std::size_t{1} << (3 * height);
  const unsigned discard = *rc::gen::inRange(0u, height + 1);
  const std::vector<Node32> leaves = field_leaves(count, *rc::gen::arbitrary<std::uint32_t>());
  const MerkleHashing hashing = MerkleHashing::poseidon(hashers());
  const CachedMerkleTree tree = CachedMerkleTree::build(count, 8, discard, hashing, node_leaves(leaves));
  RC_ASSERT(tree.root() == tree_root(leaves, hashers().h8));
  const std::uint64_t index = *rc::gen::inRange<std::uint64_t>(0, count);
  const MerkleInclusionProof proof = tree.prove(index, hashing, node_leaves(leaves));
  RC_ASSERT(proof.leaf_index() == index);
  RC_ASSERT(proof.verify(hashing));
}

}  // namespace
}  // namespace sealsim
