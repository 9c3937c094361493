// piece_padding.cpp: Lotus padding and filler pieces, rust piece alignment.
#include "model/piece_padding.hpp"

#include <bit>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// One power of two per set bit, least significant first.
std::vector<std::uint64_t> set_bits_ascending(std::uint64_t value) {
  std::vector<std::uint64_t> out;
  out.reserve(static_cast<std::size_t>(std::popcount(value)));
  while (value != 0) {
    const std::uint64_t lowest = value & (~value + 1);
    out.push_back(lowest);
    value ^= lowest;
  }
  return out;
}

}  // namespace

PaddingPieces required_padding(PaddedPieceSize old_length, PaddedPieceSize new_piece_length) {
  if (new_piece_length.bytes() == 0) {
    throw ModelError("required padding: new piece length is 0 (old length " +
                     std::to_string(old_length.bytes()) + ")");
  }
  const std::uint64_t to_fill = (std::uint64_t{0} - old_length.bytes()) % new_piece_length.bytes();
  PaddingPieces result;
  for (std::uint64_t size : set_bits_ascending(to_fill)) {
    result.pieces.emplace_back(size);
  }
  result.total = PaddedPieceSize(to_fill);
  return result;
}

std::vector<UnpaddedPieceSize> fillers_from_remaining(UnpaddedPieceSize remaining) {
  if (remaining.bytes() % 127 != 0) {
    throw ModelError("cannot fill " + std::to_string(remaining.bytes()) +
                     " unpadded bytes with pieces: not a multiple of 127");
  }
  std::vector<UnpaddedPieceSize> fillers;
  for (std::uint64_t padded : set_bits_ascending(remaining.padded().bytes())) {
    fillers.push_back(PaddedPieceSize(padded).unpadded());
  }
  return fillers;
}

PieceAlignment piece_alignment(std::uint64_t written_unpadded, std::uint64_t piece_unpadded) {
  // The smallest 127 · 2^k that holds the piece: its room in a fully aligned sector.
  constexpr std::uint64_t kLargestRoom = std::uint64_t{127} << 57;
  if (piece_unpadded > kLargestRoom) {
    throw ModelError("piece of " + std::to_string(piece_unpadded) +
                     " unpadded bytes is larger than any piece size");
  }
  std::uint64_t room = 127;
  while (room < piece_unpadded) room *= 2;
  const std::uint64_t encroaching = written_unpadded % room;
  return PieceAlignment{encroaching > 0 ? room - encroaching : 0, room - piece_unpadded};
}

}  // namespace sealsim
