// poseidon.cpp: the Poseidon permutation and hash (spec proofs.md §6.4).
#include "model/poseidon.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

Fr quintic(const Fr& x) {
  const Fr x2 = x.square();
  return x2.square() * x;
}

// state = matrix · state for a row-major width × width matrix (for the symmetric MDS this also
// equals neptune's state · M).
void multiply_dense(const std::vector<Fr>& matrix, std::span<Fr> state) {
  const std::size_t width = state.size();
  std::array<Fr, kPoseidonMaxWidth> mixed{};
  for (std::size_t j = 0; j < width; ++j) {
    mixed[j] = Fr::sum_of_products(std::span<const Fr>(&matrix[j * width], width), state);
  }
  std::copy_n(mixed.begin(), width, state.begin());
}

void multiply_sparse(const PoseidonConstants::SparseMatrix& matrix, std::span<Fr> state) {
  const Fr first = state[0];
  state[0] = Fr::sum_of_products(matrix.first_row, state);
  for (std::size_t i = 1; i < state.size(); ++i) {
    state[i] += matrix.first_column[i] * first;
  }
}

// The optimised schedule of make_poseidon_constants (equal to poseidon_permute_reference).
void permute_optimized(const PoseidonConstants& constants, std::span<Fr> state) {
  const std::size_t width = constants.width;
  const unsigned half_full = constants.rounds.full_rounds / 2;
  const Fr* round_constant = constants.optimized_round_constants.data();
  auto full_round = [&](const std::vector<Fr>& matrix) {
    for (std::size_t i = 0; i < width; ++i) {
      state[i] = quintic(state[i] + round_constant[i]);
    }
    round_constant += width;
    multiply_dense(matrix, state);
  };
  for (unsigned round = 0; round + 1 < half_full; ++round) {
    full_round(constants.mds);
  }
  full_round(constants.pre_sparse_matrix);
  for (const PoseidonConstants::SparseMatrix& sparse : constants.sparse_matrices) {
    state[0] = quintic(state[0] + *round_constant++);
    multiply_sparse(sparse, state);
  }
  for (unsigned round = 0; round < half_full; ++round) {
    full_round(constants.mds);
  }
}

}  // namespace

void poseidon_permute_reference(const PoseidonConstants& constants, std::span<Fr> state) {
  const std::size_t width = constants.width;
  if (state.size() != width) {
    throw ModelError("Poseidon state of " + std::to_string(state.size()) +
                     " elements given to a width-" + std::to_string(width) + " permutation");
  }
  const unsigned half_full = constants.rounds.full_rounds / 2;
  const Fr* round_constant = constants.round_constants.data();
  auto full_round = [&] {
    for (std::size_t i = 0; i < width; ++i) {
      state[i] = quintic(state[i] + round_constant[i]);
    }
    round_constant += width;
    multiply_dense(constants.mds, state);
  };
  for (unsigned round = 0; round < half_full; ++round) {
    full_round();
  }
  for (unsigned round = 0; round < constants.rounds.partial_rounds; ++round) {
    for (std::size_t i = 0; i < width; ++i) {
      state[i] += round_constant[i];
    }
    round_constant += width;
    state[0] = quintic(state[0]);
    multiply_dense(constants.mds, state);
  }
  for (unsigned round = 0; round < half_full; ++round) {
    full_round();
  }
}

PoseidonHasher::PoseidonHasher(unsigned arity)
    : PoseidonHasher(arity, PoseidonHashType::merkle_tree()) {}

PoseidonHasher::PoseidonHasher(unsigned arity, PoseidonHashType type, PoseidonStrength strength)
    : PoseidonHasher(make_poseidon_constants(arity, strength), type) {}

PoseidonHasher::PoseidonHasher(std::shared_ptr<const PoseidonConstants> constants,
                               PoseidonHashType type)
    : constants_(std::move(constants)),
      type_(type),
      domain_tag_(poseidon_domain_tag(type, constants_->arity, constants_->strength)) {}

std::size_t PoseidonHasher::expected_input_count() const {
  switch (type_.kind) {
    case PoseidonHashKind::ConstantLength:
      return static_cast<std::size_t>(type_.parameter);
    case PoseidonHashKind::Encryption:
      throw ModelError("the Poseidon Encryption domain tag is not a hash type");
    case PoseidonHashKind::MerkleTree:
    case PoseidonHashKind::Custom:
      break;
  }
  return constants_->arity;
}

Fr PoseidonHasher::hash(std::span<const Fr> inputs) const {
  const std::size_t expected = expected_input_count();
  if (inputs.size() != expected) {
    throw ModelError("Poseidon arity-" + std::to_string(constants_->arity) + " hash given " +
                     std::to_string(inputs.size()) + " inputs, expected " +
                     std::to_string(expected));
  }
  std::array<Fr, kPoseidonMaxWidth> state{};
  state[0] = domain_tag_;
  std::copy(inputs.begin(), inputs.end(), state.begin() + 1);
  permute_optimized(*constants_, std::span<Fr>(state.data(), constants_->width));
  return state[1];
}

Node32 PoseidonHasher::hash_nodes(std::span<const Node32> children) const {
  std::array<Fr, kPoseidonMaxArity> inputs{};
  if (children.size() > inputs.size()) {
    throw ModelError("Poseidon hash given " + std::to_string(children.size()) + " nodes, at most " +
                     std::to_string(kPoseidonMaxArity) + " are possible");
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    inputs[i] = Fr::from_bytes_le(children[i]);
  }
  return hash(std::span<const Fr>(inputs.data(), children.size())).to_bytes_le();
}

}  // namespace sealsim
