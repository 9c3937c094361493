// poseidon_flat_constants.cpp: flattening of model's Poseidon constants for the device.
#include "gpu/poseidon_flat_constants.hpp"

#include <cstring>

namespace sealsim::gpu {
namespace {

FrLimbs limbs_of(const Fr& value) {
  static_assert(sizeof(Fr::Limbs) == sizeof(FrLimbs));
  FrLimbs out;
  std::memcpy(out.limb, value.montgomery_limbs().data(), sizeof(out.limb));
  return out;
}

void append(std::vector<FrLimbs>& out, const std::vector<Fr>& values) {
  for (const Fr& value : values) out.push_back(limbs_of(value));
}

}  // namespace

FlatPoseidonConstants flatten_poseidon_constants(const PoseidonHasher& hasher) {
  const PoseidonConstants& c = hasher.constants();
  FlatPoseidonConstants flat;
  flat.arity = c.arity;
  flat.width = c.width;
  flat.half_full_rounds = c.rounds.full_rounds / 2;
  flat.partial_rounds = c.rounds.partial_rounds;
  flat.domain_tag = limbs_of(hasher.domain_tag());
  append(flat.values, c.optimized_round_constants);
  flat.mds_offset = flat.values.size();
  append(flat.values, c.mds);
  flat.pre_sparse_offset = flat.values.size();
  append(flat.values, c.pre_sparse_matrix);
  flat.sparse_offset = flat.values.size();
  for (const PoseidonConstants::SparseMatrix& sparse : c.sparse_matrices) {
    append(flat.values, sparse.first_row);
    append(flat.values, sparse.first_column);
  }
  return flat;
}

}  // namespace sealsim::gpu
