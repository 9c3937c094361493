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

// Where a piece goes: the unsealed file (found, or allocated and reserved for the first piece) and
// the padded offset after the existing pieces. The reservation lasts until the piece is written or
// the target is destroyed.
struct UnsealedPieceTarget {
  AcquiredSector acquired;
  StoragePathId path = 0;
  std::uint64_t padded_offset = 0;
  bool new_file = false;
};

// The start of Lotus's AddPiece: size checks, then the unsealed file. No existing pieces:
// allocates the unsealed file (sealing path, PathFull/NoSuitablePath when there is no room);
// otherwise the sector's unsealed file must exist (FileMissing, ...). Throws ProofBackendError for
// a piece that does not fit ("can't add N byte piece to sector s-t0M-S with E bytes of existing
// pieces") or an invalid size, StorageError for storage faults (nothing stays reserved then).
UnsealedPieceTarget acquire_unsealed_for_piece(StorageIndex& index, const ProofSectorRef& sector,
                                               std::span<const UnpaddedPieceSize> existing,
                                               UnpaddedPieceSize size,
                                               std::optional<WorkerId> worker = std::nullopt);

// Writes fr32(data) at the target's offset (when the index keeps bytes), declares a new file and
// returns the chunked piece commitment. `data` must hold exactly `size` bytes.
AddedPiece write_piece(StorageIndex& index, const ProofSectorRef& sector,
                       UnsealedPieceTarget& target, UnpaddedPieceSize size, ByteSpan data);

// Sizes-only simulation (big sectors): declares a new file without writing bytes and returns the
// piece with the commitment it was given (a zero piece's, or the deal's PieceCID).
AddedPiece declare_piece_without_data(StorageIndex& index, const ProofSectorRef& sector,
                                      UnsealedPieceTarget& target, UnpaddedPieceSize size,
                                      const Node32& commitment);

// acquire_unsealed_for_piece + write_piece in one step. `data` must hold exactly `size` bytes.
AddedPiece add_piece_to_unsealed(StorageIndex& index, const ProofSectorRef& sector,
                                 std::span<const UnpaddedPieceSize> existing,
                                 UnpaddedPieceSize size, ByteSpan data,
                                 std::optional<WorkerId> worker = std::nullopt);

// The chunked commitment alone (what AddPiece returns for `data` as one piece of `size`).
Node32 chunked_piece_commitment(std::uint64_t sector_size, UnpaddedPieceSize size, ByteSpan data);

}  // namespace sealsim::sealing
