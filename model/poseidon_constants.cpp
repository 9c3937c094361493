// poseidon_constants.cpp: round numbers, Grain LFSR round constants and MDS matrix of Poseidon
// (spec proofs.md §6.1-6.3).
#include "model/poseidon_constants.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

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
  return constants;
}

}  // namespace sealsim
