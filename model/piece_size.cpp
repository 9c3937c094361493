#include "model/piece_size.hpp"

#include <bit>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {

PaddedPieceSize UnpaddedPieceSize::padded() const { return PaddedPieceSize(bytes_ + bytes_ / 127); }

void UnpaddedPieceSize::validate() const {
  if (bytes_ < 127) {
    throw ModelError("minimum piece size is 127 bytes (got " + std::to_string(bytes_) + ")");
  }
  // Shifting out the trailing zeros must leave exactly 127.
  if ((bytes_ >> std::countr_zero(bytes_)) != 127) {
    throw ModelError("unpadded piece size must be a power of 2 multiple of 127 (got " +
                     std::to_string(bytes_) + ")");
  }
}

bool UnpaddedPieceSize::is_valid() const {
  return bytes_ >= 127 && (bytes_ >> std::countr_zero(bytes_)) == 127;
}

UnpaddedPieceSize PaddedPieceSize::unpadded() const {
  return UnpaddedPieceSize(bytes_ - bytes_ / 128);
}

void PaddedPieceSize::validate() const {
  if (bytes_ < 128) {
    throw ModelError("minimum padded piece size is 128 bytes (got " + std::to_string(bytes_) + ")");
  }
  if (std::popcount(bytes_) != 1) {
    throw ModelError("padded piece size must be a power of 2 (got " + std::to_string(bytes_) + ")");
  }
}

bool PaddedPieceSize::is_valid() const { return bytes_ >= 128 && std::popcount(bytes_) == 1; }

unsigned PaddedPieceSize::log2() const { return static_cast<unsigned>(std::countr_zero(bytes_)); }

UnpaddedPieceSize padded_size_for_payload(std::uint64_t payload_bytes) {
  for (unsigned shift = 7; shift < 64; ++shift) {
    std::uint64_t padded = std::uint64_t{1} << shift;
    if (padded - padded / 128 >= payload_bytes) {
      return PaddedPieceSize(padded).unpadded();
    }
  }
  throw ModelError("payload of " + std::to_string(payload_bytes) +
                   " bytes does not fit any piece size");
}

}  // namespace sealsim
