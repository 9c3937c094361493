// unsealed_piece_writer.hpp: AddPiece as Lotus v1.11.0 ffiwrapper Sealer.AddPiece does it (seed
// 000_b986d87cfedcc987, spec proofs.md §3.3): the piece goes after the existing pieces, fr32-padded
// into the sector's unsealed file on a sealing path, and its commitment is computed per 4 MiB
// (padded) chunk and the chunk commitments combined into one (rust compute_comm_d over the chunks,
// zero-padded to the piece size when the chunks fall short).
#pragma once

#include <optional>
#include <span>

#include "model/piece_info.hpp"
#include "model/piece_size.hpp"
#include "sealing/storage/proof_backend.hpp"
#include "sealing/storage/storage_index.hpp"

namespace sealsim::sealing {

// Padded bytes per commitment chunk (Lotus: "chunk := abi.PaddedPieceSize(4 << 20)").
inline constexpr std::uint64_t kAddPieceChunkPaddedBytes = std::uint64_t{4} << 20;

struct AddedPiece {
  PieceInfo piece;
  StoragePathId path = 0;  // where the unsealed file is
};

// No existing pieces: allocates the unsealed file (sealing path, PathFull/NoSuitablePath when
// there is no room); otherwise the sector's unsealed file must exist (FileMissing, ...).
// `data` must hold exactly `size` bytes. Bytes are written when the index has a content store.
// Throws StorageError for storage faults and ProofBackendError for a piece that does not fit
// ("can't add N byte piece to sector s-t0M-S with E bytes of existing pieces") or bad sizes.
AddedPiece add_piece_to_unsealed(StorageIndex& index, const ProofSectorRef& sector,
                                 std::span<const UnpaddedPieceSize> existing,
                                 UnpaddedPieceSize size, ByteSpan data,
                                 std::optional<WorkerId> worker = std::nullopt);

// The chunked commitment alone (what AddPiece returns for `data` as one piece of `size`).
Node32 chunked_piece_commitment(std::uint64_t sector_size, UnpaddedPieceSize size, ByteSpan data);

}  // namespace sealsim::sealing
