// unsealed_piece_writer.cpp: AddPiece into the unsealed file.
#include "sealing/storage/unsealed_piece_writer.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"
#include "model/unsealed_commitment.hpp"

namespace sealsim::sealing {

Node32 chunked_piece_commitment(std::uint64_t sector_size, UnpaddedPieceSize size, ByteSpan data) {
  const std::uint64_t chunk_unpadded = PaddedPieceSize(kAddPieceChunkPaddedBytes).unpadded().bytes();
  std::vector<PieceInfo> chunks;
  std::uint64_t rounded = 0;
  for (std::uint64_t offset = 0; offset < data.size(); offset += chunk_unpadded) {
    const std::uint64_t length = std::min<std::uint64_t>(chunk_unpadded, data.size() - offset);
    const UnpaddedPieceSize chunk_size(length);
    chunk_size.validate();  // the FFI accepts only valid piece sizes per chunk
    const PieceCommitment chunk =
        compute_piece_commitment(data.subspan(offset, length), chunk_size.padded());
    chunks.push_back(PieceInfo{chunk_size.padded(), chunk.commitment});
    rounded += chunk_size.padded().bytes();
  }
  if (chunks.size() == 1) return chunks.front().commitment;
  Node32 combined = compute_comm_d(sector_size, chunks);
  if (rounded < size.padded().bytes()) {
    combined = zero_pad_piece_commitment(combined, PaddedPieceSize(rounded), size.padded());
  }
  return combined;
}

UnsealedPieceTarget acquire_unsealed_for_piece(StorageIndex& index, const ProofSectorRef& sector,
                                               std::span<const UnpaddedPieceSize> existing,
                                               UnpaddedPieceSize size,
                                               std::optional<WorkerId> worker) {
  try {
    size.validate();
  } catch (const ModelError& error) {
    throw ProofBackendError(std::string("add piece: ") + error.what());
  }
  std::uint64_t offset = 0;
  for (const UnpaddedPieceSize& piece : existing) offset += piece.bytes();
  const std::uint64_t sector_size = seal_proof_info(sector.proof).sector_size;
  const std::uint64_t padded_offset = UnpaddedPieceSize(offset).padded().bytes();
  if (padded_offset + size.padded().bytes() > sector_size) {
    throw ProofBackendError("can't add " + std::to_string(size.bytes()) + " byte piece to sector " +
                            sector_file_name(sector.id) + " with " + std::to_string(offset) +
                            " bytes of existing pieces");
  }
  UnsealedPieceTarget target;
  target.new_file = existing.empty();
  target.acquired =
      target.new_file
          ? index.acquire(sector.id, sector.proof, {}, {SectorFileType::Unsealed}, PathKind::Sealing,
                          worker)
          : index.acquire(sector.id, sector.proof, {SectorFileType::Unsealed}, {},
                          PathKind::Sealing, worker);
  target.path = target.acquired.paths.at(SectorFileType::Unsealed);
  target.padded_offset = padded_offset;
  return target;
}

namespace {

void declare_new_file(StorageIndex& index, const ProofSectorRef& sector,
                      UnsealedPieceTarget& target) {
  if (!target.new_file) return;
  const std::uint64_t sector_size = seal_proof_info(sector.proof).sector_size;
  index.declare(target.acquired.reservation, sector.id, SectorFileType::Unsealed, target.path,
                sealing_file_size(SectorFileType::Unsealed, sector_size));
  target.new_file = false;
}

}  // namespace

AddedPiece write_piece(StorageIndex& index, const ProofSectorRef& sector,
                       UnsealedPieceTarget& target, UnpaddedPieceSize size, ByteSpan data) {
  if (data.size() != size.bytes()) {
    throw ProofBackendError("add piece: got " + std::to_string(data.size()) +
                            " bytes of data for a piece of " + std::to_string(size.bytes()));
  }
  const std::uint64_t sector_size = seal_proof_info(sector.proof).sector_size;
  const Node32 commitment = chunked_piece_commitment(sector_size, size, data);
  if (SectorFileContent* content = index.content()) {
    const Bytes padded = fr32::pad(data);
    content->write(SectorFileKey{sector.id, SectorFileType::Unsealed, target.path},
                   target.padded_offset, padded);
  }
  declare_new_file(index, sector, target);
  return AddedPiece{PieceInfo{size.padded(), commitment}, target.path};
}

AddedPiece declare_piece_without_data(StorageIndex& index, const ProofSectorRef& sector,
                                      UnsealedPieceTarget& target, UnpaddedPieceSize size,
                                      const Node32& commitment) {
  declare_new_file(index, sector, target);
  return AddedPiece{PieceInfo{size.padded(), commitment}, target.path};
}

AddedPiece add_piece_to_unsealed(StorageIndex& index, const ProofSectorRef& sector,
                                 std::span<const UnpaddedPieceSize> existing,
                                 UnpaddedPieceSize size, ByteSpan data,
                                 std::optional<WorkerId> worker) {
  if (data.size() != size.bytes()) {
    throw ProofBackendError("add piece: got " + std::to_string(data.size()) +
                            " bytes of data for a piece of " + std::to_string(size.bytes()));
  }
  UnsealedPieceTarget target = acquire_unsealed_for_piece(index, sector, existing, size, worker);
  return write_piece(index, sector, target, size, data);
}

}  // namespace sealsim::sealing
