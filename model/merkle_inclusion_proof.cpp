// merkle_inclusion_proof.cpp: node hashing by kind and arity, and path verification (spec §7.8).
#include "model/merkle_inclusion_proof.hpp"

#include <string>

#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {

Node32 MerkleHashing::hash(std::span<const Node32> children) const {
  if (kind_ == MerkleHashKind::Sha254) {
    if (children.size() != 2) {
      throw ModelError("sha254 merkle trees are binary, got " + std::to_string(children.size()) +
                       " children");
    }
    return hash_node_pair(children[0], children[1]);
  }
  return hashers_->for_arity(static_cast<unsigned>(children.size())).hash_nodes(children);
}

void MerkleHashing::hash_row(std::span<const Node32> row, unsigned arity, std::span<Node32> next) const {
  if (row.size() < next.size() * arity) {
    throw ModelError("merkle row of " + std::to_string(row.size()) + " nodes cannot give " +
                     std::to_string(next.size()) + " parents of arity " + std::to_string(arity));
  }
  if (kind_ == MerkleHashKind::Sha254 && arity == 2) {
    // The bulk kernel (SHA-NI where the CPU has it); Node32 rows are contiguous bytes.
    hash_node_pairs(row.data()->data(), next.data()->data(), next.size());
    return;
  }
  for (std::size_t i = 0; i < next.size(); ++i) next[i] = hash(row.subspan(i * arity, arity));
}

std::uint64_t MerkleInclusionProof::leaf_index() const {
  std::uint64_t index = 0;
  std::uint64_t stride = 1;
  for (const MerklePathLevel& level : path) {
    index += level.index * stride;
    stride *= level.arity();
  }
  return index;
}

std::vector<unsigned> MerkleInclusionProof::arities() const {
  std::vector<unsigned> out;
  for (const MerklePathLevel& level : path) out.push_back(level.arity());
  return out;
}

Node32 MerkleInclusionProof::computed_root(const MerkleHashing& hashing) const {
  Node32 running = leaf;
  std::vector<Node32> children;
  for (std::size_t l = 0; l < path.size(); ++l) {
    const MerklePathLevel& level = path[l];
    if (level.index >= level.arity()) {
      throw ModelError("merkle path level " + std::to_string(l) + " has index " +
                       std::to_string(level.index) + " for arity " + std::to_string(level.arity()));
    }
    children.assign(level.siblings.begin(), level.siblings.end());
    children.insert(children.begin() + level.index, running);
    running = hashing.hash(children);
  }
  return running;
}

bool MerkleInclusionProof::verify(const MerkleHashing& hashing) const {
  for (const MerklePathLevel& level : path) {
    if (level.index >= level.arity()) return false;
  }
  return computed_root(hashing) == root;
}

}  // namespace sealsim
