// unsealed_commitment.cpp: CommD aggregation over piece commitments.
#include "model/unsealed_commitment.hpp"

#include <bit>
#include <string>

#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment_stack.hpp"
#include "model/piece_padding.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim {

Node32 compute_comm_d(std::uint64_t sector_size, std::span<const PieceInfo> pieces) {
  if (pieces.empty()) return zero_piece_commitment(PaddedPieceSize(sector_size));
  // rust: piece count <= unpadded sector bytes / MINIMUM_PIECE_SIZE (127).
  const std::uint64_t max_pieces = fr32::unpadded_bytes(sector_size) / 127;
  if (pieces.size() > max_pieces) {
    throw ModelError("Too many pieces: " + std::to_string(pieces.size()) + " for a sector of " +
                     std::to_string(sector_size) + " bytes (at most " + std::to_string(max_pieces) +
                     ")");
  }
  std::uint64_t total = 0;
  bool overflow = false;
  for (const PieceInfo& piece : pieces) {
    overflow = overflow || __builtin_add_overflow(total, piece.size.bytes(), &total);
  }
  if (overflow || total > sector_size) {
    throw ModelError("Piece is larger than sector. (pieces total " +
                     (overflow ? std::string("more than 2^64") : std::to_string(total)) +
                     " bytes, sector " + std::to_string(sector_size) + " bytes)");
  }
  PieceCommitmentStack stack;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::uint64_t size = pieces[i].size.bytes();
    if (!std::has_single_bit(size)) {
      throw ModelError("Piece size (" + std::to_string(size) + ") must be a power of 2. (piece " +
                       std::to_string(i) + ")");
    }
    if (size < 128) {
      throw ModelError("Piece size (" + std::to_string(size) +
                       ") is below the minimum padded piece size 128 (piece " + std::to_string(i) +
                       ")");
    }
    stack.push(SubtreeRoot{pieces[i].commitment, pieces[i].size.log2() - 5});
  }
  return stack.finish().root;
}

std::vector<PieceInfo> pieces_with_lotus_padding(std::uint64_t sector_size,
                                                 std::span<const PieceInfo> pieces) {
  const PaddedPieceSize sector(sector_size);
  sector.validate();
  if (pieces.empty()) return {PieceInfo{sector, zero_piece_commitment(sector)}};
  std::vector<PieceInfo> all;
  std::uint64_t sum = 0;
  const auto pad_to = [&](PaddedPieceSize next) {
    for (PaddedPieceSize pad : required_padding(PaddedPieceSize(sum), next).pieces) {
      all.push_back(PieceInfo{pad, zero_piece_commitment(pad)});
      sum += pad.bytes();
    }
  };
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const PaddedPieceSize size = pieces[i].size;
    if (!size.is_valid()) {
      try {
        size.validate();
      } catch (const ModelError& e) {
        throw ModelError("piece " + std::to_string(i) + ": " + e.what());
      }
    }
    pad_to(size);
    all.push_back(pieces[i]);
    sum += size.bytes();
    if (sum > sector_size) {
      throw ModelError("pieces do not fit the sector: piece " + std::to_string(i) + " (" +
                       std::to_string(size.bytes()) + " bytes) ends at " + std::to_string(sum) +
                       " bytes with padding, sector is " + std::to_string(sector_size) + " bytes");
    }
  }
  pad_to(sector);
  return all;
}

Node32 generate_unsealed_commitment(RegisteredSealProof proof, std::span<const PieceInfo> pieces) {
  const std::uint64_t sector_size = seal_proof_info(proof).sector_size;
  return compute_comm_d(sector_size, pieces_with_lotus_padding(sector_size, pieces));
}

}  // namespace sealsim
