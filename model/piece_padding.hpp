// piece_padding.hpp: how Lotus v1.11 places pieces in a sector (spec proofs.md §3.2): padding
// pieces before a deal, filler pieces for the rest of a sector, and the rust FFI's alignment.
#pragma once

#include <cstdint>
#include <vector>

#include "model/piece_size.hpp"

namespace sealsim {

struct PaddingPieces {
  std::vector<PaddedPieceSize> pieces;  // ascending sizes
  PaddedPieceSize total;
};

// Lotus GetRequiredPadding: toFill = (−old_length) mod new_piece_length in uint64 arithmetic,
// one piece per set bit of toFill, least significant first. Throws ModelError for a zero
// new_piece_length (Go would panic on the division).
PaddingPieces required_padding(PaddedPieceSize old_length, PaddedPieceSize new_piece_length);

// Lotus fillersFromRem: the filler pieces (ascending) that fill `remaining` unpadded bytes.
// Throws ModelError when `remaining` is not a multiple of 127 (no valid pieces sum to it).
std::vector<UnpaddedPieceSize> fillers_from_remaining(UnpaddedPieceSize remaining);

// rust get_piece_alignment: unpadded bytes to insert before and after a piece so that it sits at
// a multiple of its own power-of-two size (127 · 2^k).
struct PieceAlignment {
  std::uint64_t left_bytes;
  std::uint64_t right_bytes;
};
PieceAlignment piece_alignment(std::uint64_t written_unpadded, std::uint64_t piece_unpadded);

}  // namespace sealsim
