// data_commitment.hpp: the market actor's ComputeDataCommitment: CommD over a sector's deal pieces
// in order, with Lotus's alignment padding (GenerateUnsealedCID, proofs.md §3.1-3.2), and the
// zero-piece commitments it pads with (SHA-256 truncated to 254 bits over all-zero trees).
#pragma once

#include <cstdint>
#include <span>

#include "model/bytes.hpp"
#include "model/piece_info.hpp"

namespace sealsim::chain {

// The commitment of an all-zero piece of the given padded size (a power of two >= 32).
Node32 zero_piece_commitment(std::uint64_t padded_size);
// node(left, right) = SHA-256(left ‖ right) with the two top bits of the last byte cleared.
Node32 piece_node(const Node32& left, const Node32& right);
// CommD of a sector holding the pieces in order; no pieces → the all-zero sector. Throws
// ChainError(InvalidArgument) for a size that is not a power of two or pieces larger than the sector.
Node32 unsealed_sector_commitment(std::uint64_t sector_size, std::span<const PieceInfo> pieces);

}  // namespace sealsim::chain
