// fr32.cpp: fr32 padding (spec proofs.md §1) with 64-bit word shifts; little-endian hosts only.
#include "model/fr32.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <string>

#include "model/model_error.hpp"

namespace sealsim::fr32 {
namespace {

static_assert(std::endian::native == std::endian::little,
              "fr32 word shifts assume a little-endian host");

constexpr std::uint64_t kNodeTopBitsMask = ~(std::uint64_t{3} << 62);  // bits 254, 255 of a node

std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void store64(std::uint8_t* p, std::uint64_t v) { std::memcpy(p, &v, sizeof v); }

// Padded bytes of a partial block of m < 127 unpadded bytes, as rust to_padded_bytes.
std::uint64_t padded_bytes_within_block(std::uint64_t m) {
  std::uint64_t bits = 8 * m;
  std::uint64_t padded_bits = (bits / 254) * 256 + bits % 254;
  return (padded_bits + 7) / 8;
}

// Nodes Fr32Reader emits for a partial block of m < 127 bytes: ceil(8m / 254).
std::uint64_t nodes_within_block(std::uint64_t m) { return (8 * m + 253) / 254; }

}  // namespace

void pad_block(const std::uint8_t* in127, std::uint8_t* out128) {
  // Node k carries input bits [254k, 254k + 254): start byte 254k / 8, bit shift 254k % 8.
  // A zeroed tail lets every node read 40 bytes from its start byte.
  std::uint8_t in[kUnpaddedBlockBytes + 9];
  std::memcpy(in, in127, kUnpaddedBlockBytes);
  std::memset(in + kUnpaddedBlockBytes, 0, sizeof in - kUnpaddedBlockBytes);
  for (unsigned node = 0; node < 4; ++node) {
    const unsigned start_bit = 254 * node;
    const std::uint8_t* src = in + start_bit / 8;
    const unsigned shift = start_bit % 8;
    for (unsigned word = 0; word < 4; ++word) {
      std::uint64_t value = load64(src + 8 * word);
      if (shift != 0) {
        value = (value >> shift) | (load64(src + 8 * word + 8) << (64 - shift));
      }
      if (word == 3) value &= kNodeTopBitsMask;
      store64(out128 + 32 * node + 8 * word, value);
    }
  }
}

void unpad_block(const std::uint8_t* in128, std::uint8_t* out127) {
  // Output words; node k lands at bit 254k. One spare word takes the shifted-out top bits.
  std::uint64_t out[17] = {};
  for (unsigned node = 0; node < 4; ++node) {
    const unsigned start_bit = 254 * node;
    const unsigned first_word = start_bit / 64;
    const unsigned shift = start_bit % 64;
    for (unsigned word = 0; word < 4; ++word) {
      std::uint64_t value = load64(in128 + 32 * node + 8 * word);
      if (word == 3) value &= kNodeTopBitsMask;
      out[first_word + word] |= value << shift;
      if (shift != 0) out[first_word + word + 1] |= value >> (64 - shift);
    }
  }
  std::memcpy(out127, out, kUnpaddedBlockBytes);
}

std::uint64_t padded_bytes(std::uint64_t unpadded) {
  // 127 bytes are exactly 4 units of 254 bits, so whole blocks convert exactly and the
  // formula of §1.2 only has to be applied to the remainder (no 8n overflow).
  return (unpadded / kUnpaddedBlockBytes) * kPaddedBlockBytes +
         padded_bytes_within_block(unpadded % kUnpaddedBlockBytes);
}

std::uint64_t unpadded_bytes(std::uint64_t padded) {
  const std::uint64_t bits = 8 * (padded % kPaddedBlockBytes);
  const std::uint64_t unpadded_bits = (bits / 256) * 254 + bits % 256;
  return (padded / kPaddedBlockBytes) * kUnpaddedBlockBytes + unpadded_bits / 8;
}

Bytes pad(ByteSpan unpadded) {
  Bytes out;
  out.reserve(
      static_cast<std::size_t>((unpadded.size() / kUnpaddedBlockBytes) * kPaddedBlockBytes +
                               32 * nodes_within_block(unpadded.size() % kUnpaddedBlockBytes)));
  Fr32Padder padder;
  padder.write(unpadded, out);
  padder.finish(out);
  return out;
}

Bytes unpad(ByteSpan padded, std::uint64_t unpadded_length) {
  Bytes out;
  out.reserve(static_cast<std::size_t>(unpadded_length));
  Fr32Unpadder unpadder(unpadded_length);
  unpadder.write(padded, out);
  unpadder.finish(out);
  return out;
}

void Fr32Padder::write(ByteSpan unpadded, Bytes& out) {
  if (unpadded.empty()) return;  // data() may be null
  total_unpadded_ += unpadded.size();
  std::size_t offset = 0;
  if (pending_size_ > 0) {
    const std::size_t take = std::min(kUnpaddedBlockBytes - pending_size_, unpadded.size());
    std::memcpy(pending_.data() + pending_size_, unpadded.data(), take);
    pending_size_ += take;
    offset = take;
    if (pending_size_ < kUnpaddedBlockBytes) return;
    const std::size_t at = out.size();
    out.resize(at + kPaddedBlockBytes);
    pad_block(pending_.data(), out.data() + at);
    pending_size_ = 0;
  }
  const std::size_t blocks = (unpadded.size() - offset) / kUnpaddedBlockBytes;
  std::size_t at = out.size();
  out.resize(at + blocks * kPaddedBlockBytes);
  for (std::size_t b = 0; b < blocks; ++b) {
    pad_block(unpadded.data() + offset, out.data() + at);
    offset += kUnpaddedBlockBytes;
    at += kPaddedBlockBytes;
  }
  pending_size_ = unpadded.size() - offset;
  if (pending_size_ > 0) std::memcpy(pending_.data(), unpadded.data() + offset, pending_size_);
}

void Fr32Padder::finish(Bytes& out) {
  if (pending_size_ > 0) {
    std::fill(pending_.begin() + static_cast<std::ptrdiff_t>(pending_size_), pending_.end(),
              std::uint8_t{0});
    std::uint8_t block[kPaddedBlockBytes];
    pad_block(pending_.data(), block);
    const std::size_t bytes = static_cast<std::size_t>(32 * nodes_within_block(pending_size_));
    out.insert(out.end(), block, block + bytes);
  }
  pending_size_ = 0;
  total_unpadded_ = 0;
}

void Fr32Unpadder::write(ByteSpan padded, Bytes& out) {
  for (std::size_t offset = 0; offset < padded.size() && remaining_ > 0;) {
    const std::size_t take = std::min(kPaddedBlockBytes - pending_size_, padded.size() - offset);
    std::memcpy(pending_.data() + pending_size_, padded.data() + offset, take);
    pending_size_ += take;
    offset += take;
    if (pending_size_ < kPaddedBlockBytes) return;
    std::uint8_t block[kUnpaddedBlockBytes];
    unpad_block(pending_.data(), block);
    const std::size_t emit =
        static_cast<std::size_t>(std::min<std::uint64_t>(kUnpaddedBlockBytes, remaining_));
    out.insert(out.end(), block, block + emit);
    remaining_ -= emit;
    emitted_ += emit;
    pending_size_ = 0;
  }
}

void Fr32Unpadder::finish(Bytes& out) {
  if (remaining_ == 0) return;
  // remaining_ < 127 here: a full block would have been emitted by write().
  const std::uint64_t needed = padded_bytes_within_block(remaining_);
  if (pending_size_ < needed) {
    const std::uint64_t total = emitted_ + remaining_;
    throw ModelError("fr32 unpad: " + std::to_string(padded_bytes(emitted_) + pending_size_) +
                     " padded bytes cannot hold " + std::to_string(total) +
                     " unpadded bytes (need " + std::to_string(padded_bytes(total)) + ")");
  }
  std::fill(pending_.begin() + static_cast<std::ptrdiff_t>(pending_size_), pending_.end(),
            std::uint8_t{0});
  std::uint8_t block[kUnpaddedBlockBytes];
  unpad_block(pending_.data(), block);
  out.insert(out.end(), block, block + remaining_);
  emitted_ += remaining_;
  remaining_ = 0;
  pending_size_ = 0;
}

bool is_valid_field_element(const Node32& le_value) {
  // r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001, little-endian bytes.
  static constexpr std::array<std::uint8_t, 32> kModulusLe = {
      0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xfe, 0x5b, 0xfe,
      0xff, 0x02, 0xa4, 0xbd, 0x53, 0x05, 0xd8, 0xa1, 0x09, 0x08, 0xd8,
      0x39, 0x33, 0x48, 0x7d, 0x9d, 0x29, 0x53, 0xa7, 0xed, 0x73};
  for (std::size_t i = 32; i-- > 0;) {
    if (le_value[i] != kModulusLe[i]) return le_value[i] < kModulusLe[i];
  }
  return false;  // equal to r
}

}  // namespace sealsim::fr32
