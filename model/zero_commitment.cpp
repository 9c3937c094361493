// zero_commitment.cpp: zero commitments, hashed once into an immutable table on first use.
#include "model/zero_commitment.hpp"

#include <array>
#include <string>

#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {

Node32 zero_commitment(unsigned level) {
  if (level > kMaxZeroCommitmentLevel) {
    throw ModelError("zero commitment level " + std::to_string(level) + " is above the maximum " +
                     std::to_string(kMaxZeroCommitmentLevel));
  }
  static const std::array<Node32, kMaxZeroCommitmentLevel + 1> table = [] {
    std::array<Node32, kMaxZeroCommitmentLevel + 1> levels{};
    for (unsigned k = 1; k < levels.size(); ++k) {
      levels[k] = hash_node_pair(levels[k - 1], levels[k - 1]);
    }
    return levels;
  }();
  return table[level];
}

Node32 zero_piece_commitment(PaddedPieceSize size) {
  size.validate();
  return zero_commitment(size.log2() - 5);
}

}  // namespace sealsim
