// fr32.hpp: fr32 bit padding of user data into 254-bit field-element nodes and its inverse
// (spec proofs.md §1): one-shot, streaming, byte-offset conversions and the Fr validity check.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "model/bytes.hpp"

namespace sealsim::fr32 {

inline constexpr std::size_t kUnpaddedBlockBytes = 127, kPaddedBlockBytes = 128;

// One 127-byte block to 128 bytes (four nodes of 254 data bits and 2 zero bits).
void pad_block(const std::uint8_t* in127, std::uint8_t* out128);
// The inverse: drops bits 254 and 255 of each node. Those bits are not checked.
void unpad_block(const std::uint8_t* in128, std::uint8_t* out127);

// rust to_padded_bytes / to_unpadded_bytes: byte offsets across the padding (§1.2).
std::uint64_t padded_bytes(std::uint64_t unpadded);
std::uint64_t unpadded_bytes(std::uint64_t padded);

// Fr32Reader semantics: ceil(8n/254) whole 32-byte nodes, the last one zero-extended.
Bytes pad(ByteSpan unpadded);
// The first unpadded_length bytes of the data padded into `padded`. Throws ModelError when
// `padded` is shorter than padded_bytes(unpadded_length); bytes past that point do not matter.
Bytes unpad(ByteSpan padded, std::uint64_t unpadded_length);

// Streaming pad: any chunking of the input gives the same output as pad() of the concatenation.
class Fr32Padder {
 public:
  // Appends the padding of every completed 127-byte block to `out`; keeps the remainder.
  void write(ByteSpan unpadded, Bytes& out);
  // Appends the buffered partial block as pad() would (ceil(8m/254) nodes) and resets the padder.
  void finish(Bytes& out);
  std::uint64_t unpadded_bytes_written() const { return total_unpadded_; }

 private:
  std::array<std::uint8_t, kUnpaddedBlockBytes> pending_{};
  std::size_t pending_size_ = 0;
  std::uint64_t total_unpadded_ = 0;
};

// Streaming unpad of a known total length: any chunking gives the same bytes as unpad().
class Fr32Unpadder {
 public:
  explicit Fr32Unpadder(std::uint64_t unpadded_length) : remaining_(unpadded_length) {}

  // Appends the unpadded bytes of every completed 128-byte block (never more than the length).
  void write(ByteSpan padded, Bytes& out);
  // Appends the bytes held in the partial last block. Throws ModelError when fewer than
  // padded_bytes(unpadded_length) padded bytes were written.
  void finish(Bytes& out);

 private:
  std::array<std::uint8_t, kPaddedBlockBytes> pending_{};
  std::size_t pending_size_ = 0;
  std::uint64_t remaining_;    // unpadded bytes still to emit
  std::uint64_t emitted_ = 0;  // unpadded bytes emitted so far
};

// Whether the 32 bytes, read as a little-endian integer, are below the BLS12-381 scalar field
// order r (rust bytes_into_fr accepts exactly these; V-FR32-5).
bool is_valid_field_element(const Node32& le_value);

}  // namespace sealsim::fr32
