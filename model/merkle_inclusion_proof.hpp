// merkle_inclusion_proof.hpp: the hashes of the sealing trees by arity (sha254 binary for tree_d,
// Poseidon H2/H8 for tree_c and tree_r_last) and the vanilla merkle inclusion proof (spec proofs.md
// §7.8): a leaf, the claimed root and, per level from the leaf upward, the other children of the
// running node and the running node's index among them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/poseidon_tree.hpp"

namespace sealsim {

enum class MerkleHashKind {
  Sha254,    // tree_d: trunc(SHA-256(left ‖ right)), binary only
  Poseidon,  // tree_c, tree_r_last: Poseidon MerkleTree hash of the level's arity (2 or 8)
};

// Hashes the children of one tree node. Holds a reference to the Poseidon hashers, which must
// outlive it (they are costly to build; share one PoseidonTreeHashers).
class MerkleHashing {
 public:
  static MerkleHashing sha254() { return MerkleHashing(MerkleHashKind::Sha254, nullptr); }
  static MerkleHashing poseidon(const PoseidonTreeHashers& hashers) {
    return MerkleHashing(MerkleHashKind::Poseidon, &hashers);
  }

  MerkleHashKind kind() const { return kind_; }
  // Hash of children.size() children (the arity). Throws ModelError for an arity the kind lacks.
  Node32 hash(std::span<const Node32> children) const;
  // next[i] = hash(row[arity·i .. arity·i + arity − 1]) for every i < next.size().
  void hash_row(std::span<const Node32> row, unsigned arity, std::span<Node32> next) const;

 private:
  MerkleHashing(MerkleHashKind kind, const PoseidonTreeHashers* hashers) : kind_(kind), hashers_(hashers) {}
  MerkleHashKind kind_;
  const PoseidonTreeHashers* hashers_;
};

struct MerklePathLevel {
  std::vector<Node32> siblings;  // arity − 1 hashes, in child order without the running node
  std::uint32_t index = 0;       // position of the running node among the arity children
  unsigned arity() const { return static_cast<unsigned>(siblings.size() + 1); }
  friend bool operator==(const MerklePathLevel&, const MerklePathLevel&) = default;
};

struct MerkleInclusionProof {
  Node32 leaf{};
  Node32 root{};
  std::vector<MerklePathLevel> path;  // leaf level first

  // Σ index_level · Π arities of the levels below it (the leaf position the path proves; for
  // compound trees this is base index + sub_index·base_leaves + top_index·base_leaves·sub_arity).
  std::uint64_t leaf_index() const;
  std::vector<unsigned> arities() const;
  // The root rebuilt from leaf and path (each level: insert the running hash at `index` among
  // the siblings and hash). Throws ModelError when an index is not below its level's arity.
  Node32 computed_root(const MerkleHashing& hashing) const;
  // computed_root == root, and indices valid.
  bool verify(const MerkleHashing& hashing) const;
  friend bool operator==(const MerkleInclusionProof&, const MerkleInclusionProof&) = default;
};

}  // namespace sealsim
