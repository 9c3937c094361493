// unsealed_commitment.hpp: CommD, the unsealed sector commitment, from the pieces of a sector
// (spec proofs.md §3.1 rust compute_comm_d, §3.2 Lotus ffiwrapper.GenerateUnsealedCID).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/piece_info.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim {

// rust compute_comm_d: the stack algorithm over the pieces as given, zero subtrees inserted only
// where a larger piece follows or to complete the tree; it does not pad up to the sector. No
// pieces: the zero commitment of the sector. Throws ModelError with rust's messages plus the
// numbers: "Too many pieces", "Piece is larger than sector.", "Piece size (…) must be a power
// of 2."; also for a piece below 128 padded bytes (rust would fail in its zero padding).
Node32 compute_comm_d(std::uint64_t sector_size, std::span<const PieceInfo> pieces);

// The piece list Lotus hands to the FFI: GetRequiredPadding zero pieces before each piece and up
// to the sector size at the end; one zero piece of the whole sector when there are no pieces.
// Throws ModelError when a piece size is invalid or the pieces do not fit the sector.
std::vector<PieceInfo> pieces_with_lotus_padding(std::uint64_t sector_size,
                                                 std::span<const PieceInfo> pieces);

// Lotus ffiwrapper.GenerateUnsealedCID: compute_comm_d over pieces_with_lotus_padding.
Node32 generate_unsealed_commitment(RegisteredSealProof proof, std::span<const PieceInfo> pieces);

}  // namespace sealsim
