// poseidon_hash_type.hpp: Poseidon domain separation (neptune HashType, spec proofs.md §6.5). The
// tag is the first state element; every Poseidon hash in sealing uses MerkleTree.
#pragma once

#include <cstdint>

#include "model/field_fr.hpp"
#include "model/poseidon_constants.hpp"

namespace sealsim {

enum class PoseidonHashKind {
  MerkleTree,      // 2^arity - 1; exactly `arity` inputs
  ConstantLength,  // length · 2^64; `length` inputs, the rest of the state zero
  Encryption,      // 2^32; neptune's encryption mode (the tag only: it is not a hash)
  Custom,          // identifier · 2^32 (SnapDeals uses Custom(1)); strength does not change it
};

struct PoseidonHashType {
  PoseidonHashKind kind = PoseidonHashKind::MerkleTree;
  std::uint64_t parameter = 0;  // length for ConstantLength, identifier for Custom, else 0

  static PoseidonHashType merkle_tree() { return {PoseidonHashKind::MerkleTree, 0}; }
  static PoseidonHashType constant_length(std::uint64_t length) {
    return {PoseidonHashKind::ConstantLength, length};
  }
  static PoseidonHashType encryption() { return {PoseidonHashKind::Encryption, 0}; }
  static PoseidonHashType custom(std::uint64_t identifier) {
    return {PoseidonHashKind::Custom, identifier};
  }

  friend bool operator==(const PoseidonHashType&, const PoseidonHashType&) = default;
};

// The domain tag of a hash type for an arity; Strengthened adds 2^32 (except to Custom, as in
// neptune). Throws ModelError for a ConstantLength outside 1..arity or an arity outside
// 1..kPoseidonMaxArity.
Fr poseidon_domain_tag(PoseidonHashType type, unsigned arity, PoseidonStrength strength);

}  // namespace sealsim
