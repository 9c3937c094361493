// poseidon_constants.cpp: round numbers, Grain LFSR round constants and MDS matrix of Poseidon
// (spec proofs.md §6.1-6.3).
#include "model/poseidon_constants.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// The security inequalities of the Poseidon paper for a 256-bit field and 128-bit security, in
// f32 like neptune (a different float width could move a boundary case).
bool round_numbers_are_secure(unsigned width, unsigned full_rounds, unsigned partial_rounds) {
  const float rp = static_cast<float>(partial_rounds);
  const float t = static_cast<float>(width);
  constexpr float kFieldBits = 256.0F;
  constexpr float kSecurityBits = 128.0F;
  const float rf_statistical = kSecurityBits <= (kFieldBits - 3.0F) * (t + 1.0F) ? 6.0F : 10.0F;
  const float rf_interpolation = 0.43F * kSecurityBits + std::log2(t) - rp;
  const float rf_groebner_1 = 0.21F * kFieldBits - rp;
  const float rf_groebner_2 = (0.14F * kFieldBits - 1.0F - rp) / (t - 1.0F);
  float rf_max = 0.0F;
  for (const float bound : {rf_statistical, rf_interpolation, rf_groebner_1, rf_groebner_2}) {
    // neptune casts each ceiling to usize, which saturates negative values at 0.
    rf_max = std::max(rf_max, std::max(0.0F, std::ceil(bound)));
  }
  return static_cast<float>(full_rounds) >= rf_max;
}

// Grain LFSR in self-shrinking mode (Poseidon reference script create_rcs_grain.sage).
class GrainLfsr {
 public:
  GrainLfsr(unsigned width, PoseidonRoundNumbers rounds) {
    append_bits(1, 2);     // field: prime order
    append_bits(1, 4);     // S-box: neptune's value for x^5
    append_bits(255, 12);  // field size in bits
    append_bits(width, 12);
    append_bits(rounds.full_rounds, 10);
    append_bits(rounds.partial_rounds, 10);
    append_bits((1U << 30) - 1U, 30);
    for (int i = 0; i < 160; ++i) {
      step();
    }
  }

  // The next 255 output bits, most significant first, as an integer in four limbs.
  Fr::Limbs next_255_bits() {
    Fr::Limbs limbs{};
    for (std::size_t bit = 255; bit-- > 0;) {
      if (next_output_bit()) {
        limbs[bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
    }
    return limbs;
  }

 private:
  void append_bits(unsigned value, unsigned count) {
    for (unsigned i = count; i-- > 0;) {
      state_[filled_++] = ((value >> i) & 1U) != 0;
    }
  }

  // b[i+80] = b[i+62] ^ b[i+51] ^ b[i+38] ^ b[i+23] ^ b[i+13] ^ b[i]; the 80 bits live in a ring.
  bool step() {
    auto at = [this](std::size_t offset) { return state_[(head_ + offset) % 80]; };
    const bool bit = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
    state_[head_] = bit;  // the oldest bit's slot becomes the newest
    head_ = (head_ + 1) % 80;
    return bit;
  }

  bool next_output_bit() {
    for (;;) {
      const bool selector = step();
      const bool bit = step();
      if (selector) {
        return bit;
      }
    }
  }

  std::array<bool, 80> state_{};
  std::size_t filled_ = 0;
  std::size_t head_ = 0;
};

using Matrix = std::vector<std::vector<Fr>>;

Matrix to_matrix(const std::vector<Fr>& row_major, std::size_t size) {
  Matrix matrix(size, std::vector<Fr>(size));
  for (std::size_t i = 0; i < size; ++i) {
    for (std::size_t j = 0; j < size; ++j) matrix[i][j] = row_major[i * size + j];
  }
  return matrix;
}

Matrix multiply(const Matrix& a, const Matrix& b) {
  const std::size_t size = a.size();
  Matrix product(size, std::vector<Fr>(size));
  for (std::size_t i = 0; i < size; ++i) {
    for (std::size_t j = 0; j < size; ++j) {
      Fr sum;
      for (std::size_t k = 0; k < size; ++k) sum += a[i][k] * b[k][j];
      product[i][j] = sum;
    }
  }
  return product;
}

// Gauss-Jordan inverse; throws ModelError if the matrix is singular.
Matrix invert(Matrix matrix) {
  const std::size_t size = matrix.size();
  Matrix inverse(size, std::vector<Fr>(size));
  for (std::size_t i = 0; i < size; ++i) inverse[i][i] = Fr::one();
  for (std::size_t column = 0; column < size; ++column) {
    std::size_t pivot = column;
    while (pivot < size && matrix[pivot][column].is_zero()) ++pivot;
    if (pivot == size) throw ModelError("Poseidon MDS sub-matrix is singular");
    std::swap(matrix[pivot], matrix[column]);
    std::swap(inverse[pivot], inverse[column]);
    const Fr scale = matrix[column][column].inverse();
    for (std::size_t j = 0; j < size; ++j) {
      matrix[column][j] *= scale;
      inverse[column][j] *= scale;
    }
    for (std::size_t row = 0; row < size; ++row) {
      if (row == column || matrix[row][column].is_zero()) continue;
      const Fr factor = matrix[row][column];
      for (std::size_t j = 0; j < size; ++j) {
        matrix[row][j] -= factor * matrix[column][j];
        inverse[row][j] -= factor * inverse[column][j];
      }
    }
  }
  return inverse;
}

void check_width(unsigned width) {
  if (width < 2 || width > kPoseidonMaxWidth) {
    throw ModelError("Poseidon width " + std::to_string(width) + " is outside 2.." +
                     std::to_string(kPoseidonMaxWidth));
  }
}

}  // namespace

PoseidonRoundNumbers poseidon_round_numbers(unsigned width, PoseidonStrength strength) {
  check_width(width);
  PoseidonRoundNumbers best;
  unsigned best_sbox_count = std::numeric_limits<unsigned>::max();
  for (unsigned full_rounds = 2; full_rounds <= 1000; full_rounds += 2) {
    for (unsigned partial_rounds = 4; partial_rounds < 200; ++partial_rounds) {
      if (!round_numbers_are_secure(width, full_rounds, partial_rounds)) {
        continue;
      }
      // Security margin: two more full rounds and 7.5% more partial rounds.
      const unsigned margin_full = full_rounds + 2;
      const auto margin_partial =
          static_cast<unsigned>(std::ceil(1.075F * static_cast<float>(partial_rounds)));
      const unsigned sbox_count = width * margin_full + margin_partial;
      if (sbox_count < best_sbox_count ||
          (sbox_count == best_sbox_count && margin_full < best.full_rounds)) {
        best = {margin_full, margin_partial};
        best_sbox_count = sbox_count;
      }
    }
  }
  if (strength == PoseidonStrength::Strengthened) {
    best.partial_rounds = (best.partial_rounds * 5 + 3) / 4;  // ceil(1.25 · R_P)
  }
  return best;
}

std::vector<Fr> poseidon_round_constants(unsigned width, PoseidonRoundNumbers rounds) {
  check_width(width);
  const std::size_t count = std::size_t{width} * (rounds.full_rounds + rounds.partial_rounds);
  GrainLfsr grain(width, rounds);
  std::vector<Fr> constants;
  constants.reserve(count);
  while (constants.size() < count) {
    if (auto constant = Fr::try_from_limbs(grain.next_255_bits())) {
      constants.push_back(*constant);
    }
  }
  return constants;
}

std::vector<Fr> poseidon_mds_matrix(unsigned width) {
  check_width(width);
  std::vector<Fr> matrix;
  matrix.reserve(std::size_t{width} * width);
  for (unsigned i = 0; i < width; ++i) {
    for (unsigned j = 0; j < width; ++j) {
      matrix.push_back(Fr::from_u64(i + j + width).inverse());
    }
  }
  return matrix;
}

void optimize_poseidon_constants(PoseidonConstants& constants) {
  const std::size_t width = constants.width;
  const std::size_t half_full = constants.rounds.full_rounds / 2;
  const std::size_t partial = constants.rounds.partial_rounds;
  const Matrix mds = to_matrix(constants.mds, width);

  // 1. Constants: in a partial round only s[0] meets the S-box, so the constants of s[1..] can be
  // added after the mix instead, as M·(0, c[1..]), i.e. folded into the next round's constants.
  // Moving them forward round by round leaves one constant per partial round; the remainder lands
  // on the first full round of the second half.
  std::vector<Fr> round_constants = constants.round_constants;
  for (std::size_t round = half_full; round < half_full + partial; ++round) {
    Fr* current = &round_constants[round * width];
    Fr* next = current + width;
    for (std::size_t j = 0; j < width; ++j) {
      for (std::size_t i = 1; i < width; ++i) next[j] += mds[j][i] * current[i];
    }
    for (std::size_t i = 1; i < width; ++i) current[i] = Fr::zero();
  }
  constants.optimized_round_constants.clear();
  for (std::size_t round = 0; round < 2 * half_full + partial; ++round) {
    const bool is_partial = round >= half_full && round < half_full + partial;
    const Fr* first = &round_constants[round * width];
    constants.optimized_round_constants.insert(constants.optimized_round_constants.end(), first,
                                               first + (is_partial ? 1 : width));
  }

  // 2. Matrices: write a partial round's mix as A = S·P with P = diag(1, D) (D = A without its
  // first row and column) and S = A·P⁻¹ = [[a00, b·D⁻¹], [c, I]] sparse. P leaves s[0] alone, so it
  // commutes with that round's constant and S-box and joins the previous round's mix: going from
  // the last partial round back, A_round = P_(round+1)·M, and the first round's P ends in the last
  // first-half full round, whose mix becomes P·M.
  constants.sparse_matrices.assign(partial, {});
  Matrix carried = mds;  // A of the round being factored
  for (std::size_t round = partial; round-- > 0;) {
    Matrix lower(width - 1, std::vector<Fr>(width - 1));
    for (std::size_t i = 1; i < width; ++i) {
      for (std::size_t j = 1; j < width; ++j) lower[i - 1][j - 1] = carried[i][j];
    }
    const Matrix lower_inverse = invert(lower);
    PoseidonConstants::SparseMatrix& sparse = constants.sparse_matrices[round];
    sparse.first_row.assign(width, Fr::zero());
    sparse.first_column.assign(width, Fr::zero());
    sparse.first_row[0] = carried[0][0];
    for (std::size_t j = 1; j < width; ++j) {
      Fr sum;
      for (std::size_t k = 1; k < width; ++k) sum += carried[0][k] * lower_inverse[k - 1][j - 1];
      sparse.first_row[j] = sum;
      sparse.first_column[j] = carried[j][0];
    }
    Matrix block_diagonal(width, std::vector<Fr>(width));
    block_diagonal[0][0] = Fr::one();
    for (std::size_t i = 1; i < width; ++i) {
      for (std::size_t j = 1; j < width; ++j) block_diagonal[i][j] = carried[i][j];
    }
    carried = multiply(block_diagonal, mds);
  }
  constants.pre_sparse_matrix.clear();
  for (const std::vector<Fr>& row : carried) {
    constants.pre_sparse_matrix.insert(constants.pre_sparse_matrix.end(), row.begin(), row.end());
  }
}

std::shared_ptr<const PoseidonConstants> make_poseidon_constants(unsigned arity,
                                                                 PoseidonStrength strength) {
  if (arity < 1 || arity > kPoseidonMaxArity) {
    throw ModelError("Poseidon arity " + std::to_string(arity) + " is outside 1.." +
                     std::to_string(kPoseidonMaxArity));
  }
  auto constants = std::make_shared<PoseidonConstants>();
  constants->arity = arity;
  constants->width = arity + 1;
  constants->strength = strength;
  constants->rounds = poseidon_round_numbers(constants->width, strength);
  constants->round_constants = poseidon_round_constants(constants->width, constants->rounds);
  constants->mds = poseidon_mds_matrix(constants->width);
  optimize_poseidon_constants(*constants);
  return constants;
}

}  // namespace sealsim
