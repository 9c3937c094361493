// piece_size.hpp: unpadded (user bytes) and padded (fr32, power-of-two) piece sizes, with the
// validation and conversions of go-state-types abi/piece.go (spec proofs.md §1.3).
#pragma once

#include <compare>
#include <cstdint>

namespace sealsim {

class PaddedPieceSize;

// User bytes of a piece: 127 · 2^k when valid.
class UnpaddedPieceSize {
 public:
  constexpr UnpaddedPieceSize() = default;
  constexpr explicit UnpaddedPieceSize(std::uint64_t bytes) : bytes_(bytes) {}

  constexpr std::uint64_t bytes() const { return bytes_; }
  // s + s/127 (integer division), as abi.UnpaddedPieceSize.Padded(); no validation.
  PaddedPieceSize padded() const;
  // Throws ModelError: "minimum piece size is 127 bytes" /
  // "unpadded piece size must be a power of 2 multiple of 127", with the value.
  void validate() const;
  bool is_valid() const;

  friend constexpr auto operator<=>(UnpaddedPieceSize, UnpaddedPieceSize) = default;

 private:
  std::uint64_t bytes_ = 0;
};

// Bytes of a piece after fr32 padding: 128 · 2^k when valid.
class PaddedPieceSize {
 public:
  constexpr PaddedPieceSize() = default;
  constexpr explicit PaddedPieceSize(std::uint64_t bytes) : bytes_(bytes) {}

  constexpr std::uint64_t bytes() const { return bytes_; }
  // s - s/128, as abi.PaddedPieceSize.Unpadded(); no validation.
  UnpaddedPieceSize unpadded() const;
  // Throws ModelError: "minimum padded piece size is 128 bytes" /
  // "padded piece size must be a power of 2", with the value.
  void validate() const;
  bool is_valid() const;
  // log2 of the size; only meaningful for valid sizes.
  unsigned log2() const;

  friend constexpr auto operator<=>(PaddedPieceSize, PaddedPieceSize) = default;

 private:
  std::uint64_t bytes_ = 0;
};

// go-padreader PaddedSize(n): the unpadded size of the smallest valid piece that holds n payload
// bytes (127 for n <= 127). Throws ModelError when no piece up to 2^63 padded bytes holds n.
UnpaddedPieceSize padded_size_for_payload(std::uint64_t payload_bytes);

}  // namespace sealsim
