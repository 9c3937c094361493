// poseidon_hash_type.cpp: Poseidon domain tags (spec proofs.md §6.5, neptune hash_type.rs).
#include "model/poseidon_hash_type.hpp"

#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// value · 2^shift for shift < 128 and value < 2^64.
Fr shifted(std::uint64_t value, unsigned shift) {
  Fr::Limbs limbs{};
  limbs[shift / 64] = value << (shift % 64);
  if (shift % 64 != 0 && shift / 64 + 1 < 4) {
    limbs[shift / 64 + 1] = value >> (64 - shift % 64);
  }
  return Fr::from_limbs(limbs);
}

}  // namespace

Fr poseidon_domain_tag(PoseidonHashType type, unsigned arity, PoseidonStrength strength) {
  if (arity < 1 || arity > kPoseidonMaxArity) {
    throw ModelError("Poseidon arity " + std::to_string(arity) + " is outside 1.." +
                     std::to_string(kPoseidonMaxArity));
  }
  const Fr strength_component =
      strength == PoseidonStrength::Strengthened ? shifted(1, 32) : Fr::zero();
  switch (type.kind) {
    case PoseidonHashKind::MerkleTree:
      return Fr::from_u64((std::uint64_t{1} << arity) - 1) + strength_component;
    case PoseidonHashKind::ConstantLength:
      if (type.parameter < 1 || type.parameter > arity) {
        throw ModelError("Poseidon ConstantLength(" + std::to_string(type.parameter) +
                         ") needs a length in 1.." + std::to_string(arity) + " for arity " +
                         std::to_string(arity));
      }
      return shifted(type.parameter, 64) + strength_component;
    case PoseidonHashKind::Encryption:
      return shifted(1, 32) + strength_component;
    case PoseidonHashKind::Custom:
      return shifted(type.parameter, 32);
  }
  throw ModelError("unknown Poseidon hash kind " +
                   std::to_string(static_cast<int>(type.kind)));
}

}  // namespace sealsim
