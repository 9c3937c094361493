// poseidon_constants.hpp: the parameters of a Poseidon instance as neptune 3.0 derives them (spec
// proofs.md §6.1-6.3): round numbers, Grain-LFSR round constants and the Cauchy MDS matrix.
// Everything is computed from first principles; nothing is pasted from neptune's tables.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/field_fr.hpp"

namespace sealsim {

// neptune's Strength: Strengthened (never used on chain) has 25% more partial rounds and its own
// domain tags.
enum class PoseidonStrength { Standard, Strengthened };

// Arities sealsim accepts: 1 .. 36 (36 is neptune's largest tested arity, used by hash_md).
inline constexpr unsigned kPoseidonMaxArity = 36;
inline constexpr unsigned kPoseidonMaxWidth = kPoseidonMaxArity + 1;

struct PoseidonRoundNumbers {
  unsigned full_rounds = 0;     // R_F, split half before and half after the partial rounds
  unsigned partial_rounds = 0;  // R_P

  friend bool operator==(const PoseidonRoundNumbers&, const PoseidonRoundNumbers&) = default;
};

// neptune calc_round_numbers(t = width, security_margin = true), evaluated in 32-bit floats as
// neptune does; Strengthened multiplies R_P by 1.25, rounding up. width >= 2.
PoseidonRoundNumbers poseidon_round_numbers(unsigned width, PoseidonStrength strength);

// The width·(R_F + R_P) round constants from the Grain LFSR of the Poseidon reference script with
// neptune's parameters (field 1, S-box 1, 255-bit field), rejection-sampled below r.
std::vector<Fr> poseidon_round_constants(unsigned width, PoseidonRoundNumbers rounds);

// The width × width Cauchy matrix M[i][j] = 1 / (i + j + width), row-major.
std::vector<Fr> poseidon_mds_matrix(unsigned width);

// Everything one Poseidon instance needs, built once and shared read-only by its hashers.
struct PoseidonConstants {
  unsigned arity = 0;
  unsigned width = 0;  // arity + 1
  PoseidonStrength strength = PoseidonStrength::Standard;
  PoseidonRoundNumbers rounds;
  std::vector<Fr> round_constants;  // [round · width + element]
  std::vector<Fr> mds;              // row-major width × width

  // The same permutation rescheduled for speed (Poseidon paper appendix B, neptune's
  // "OptimizedStatic"; spec §6.4 allows it as long as it matches): partial rounds add one
  // constant to s[0] only, and their dense MDS is factored into sparse matrices, so a partial round
  // costs 2·width - 1 multiplications instead of width².
  struct SparseMatrix {
    // new s[0] = Σ_i first_row[i]·s[i]; new s[i] = s[i] + first_column[i]·s[0] for i >= 1.
    std::vector<Fr> first_row;     // width entries
    std::vector<Fr> first_column;  // width entries, entry 0 unused
  };
  // Full rounds of the first half: width each; partial rounds: 1 each; second half: width each.
  std::vector<Fr> optimized_round_constants;
  std::vector<Fr> pre_sparse_matrix;         // row-major, the last first-half full round's mix
  std::vector<SparseMatrix> sparse_matrices;  // one per partial round, in round order
};

// Derives the optimised schedule's fields from round_constants and mds; throws ModelError if a
// sub-matrix to invert is singular (it never is for the Cauchy matrices above).
void optimize_poseidon_constants(PoseidonConstants& constants);

// Builds the constants of an arity (1..kPoseidonMaxArity); throws ModelError otherwise.
std::shared_ptr<const PoseidonConstants> make_poseidon_constants(
    unsigned arity, PoseidonStrength strength = PoseidonStrength::Standard);

}  // namespace sealsim
