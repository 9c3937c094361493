// poseidon.hpp: the Poseidon hash over F_r as neptune 3.0 computes it for Filecoin (spec proofs.md
// §6.4): state [domain tag, inputs...], R_F/2 full rounds, R_P partial rounds, R_F/2 full rounds,
// output = state element 1. H2, H8 and H11 of the spec are PoseidonHasher(2), (8), (11).
#pragma once

#include <memory>
#include <span>

#include "model/bytes.hpp"
#include "model/field_fr.hpp"
#include "model/poseidon_constants.hpp"
#include "model/poseidon_hash_type.hpp"

namespace sealsim {

// Immutable after construction, so one hasher may be shared by any number of threads. Building
// one computes the instance's constants (about 5 ms for arity 2, 20-30 ms for arities 8 and 11):
// keep hashers, do not rebuild them per hash.
class PoseidonHasher {
 public:
  // MerkleTree domain tag, Standard strength: the hash of every Poseidon tree in sealing.
  explicit PoseidonHasher(unsigned arity);
  PoseidonHasher(unsigned arity, PoseidonHashType type,
                 PoseidonStrength strength = PoseidonStrength::Standard);
  // Shares constants built once (make_poseidon_constants) between hashers of different types.
  PoseidonHasher(std::shared_ptr<const PoseidonConstants> constants, PoseidonHashType type);

  // inputs.size() must be the arity (MerkleTree, Custom) or the length (ConstantLength); throws
  // ModelError otherwise, and for the Encryption type, which is not a hash.
  Fr hash(std::span<const Fr> inputs) const;
  // MerkleTree-style hash of 32-byte nodes (canonical LE field elements); throws ModelError naming
  // a node that is not below r.
  Node32 hash_nodes(std::span<const Node32> children) const;

  unsigned arity() const { return constants_->arity; }
  PoseidonHashType type() const { return type_; }
  const PoseidonConstants& constants() const { return *constants_; }
  const Fr& domain_tag() const { return domain_tag_; }

 private:
  std::size_t expected_input_count() const;

  std::shared_ptr<const PoseidonConstants> constants_;
  PoseidonHashType type_;
  Fr domain_tag_;
};

// The permutation alone (spec §6.4, unoptimised reference schedule), applied in place to a state
// of constants.width elements. Exposed so tests can check the optimised hasher against it.
void poseidon_permute_reference(const PoseidonConstants& constants, std::span<Fr> state);

}  // namespace sealsim
