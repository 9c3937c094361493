// zero_commitment.hpp: commitments of all-zero data (spec proofs.md §2.2), derived by hashing:
// Z[0] = 32 zero bytes, Z[k+1] = node(Z[k], Z[k]), the root of 2^(k+5) zero bytes.
#pragma once

#include "model/bytes.hpp"
#include "model/piece_size.hpp"

namespace sealsim {

// Levels up to 58 (2^63 bytes); throws ModelError above.
inline constexpr unsigned kMaxZeroCommitmentLevel = 58;

Node32 zero_commitment(unsigned level);
// CommP of a zero piece: Z[log2(size) - 5]. Throws ModelError for an invalid piece size.
Node32 zero_piece_commitment(PaddedPieceSize size);

}  // namespace sealsim
