#include "model/cid.hpp"

#include "model/model_error.hpp"

namespace sealsim {
namespace {

constexpr char kBase32Alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

void append_varint(Bytes& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<std::uint8_t>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<std::uint8_t>(value));
}

// Unsigned LEB128, at most 9 bytes (multiformats unsigned-varint), minimal encoding.
std::uint64_t read_varint(ByteSpan bytes, std::size_t& offset, const char* what) {
  std::uint64_t value = 0;
  for (unsigned i = 0; i < 9; ++i) {
    if (offset >= bytes.size()) {
      throw ModelError(std::string("truncated varint (") + what + ")");
    }
    std::uint8_t b = bytes[offset++];
    value |= static_cast<std::uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      if (b == 0 && i > 0) throw ModelError(std::string("non-minimal varint (") + what + ")");
      return value;
    }
  }
  throw ModelError(std::string("varint longer than 9 bytes (") + what + ")");
}

std::string hex_number(std::uint64_t value) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), digits[value & 0xf]);
    value >>= 4;
  } while (value != 0);
  return "0x" + out;
}

std::uint64_t codec_of(CommitmentKind kind) {
  return kind == CommitmentKind::Unsealed ? multicodec::kFilCommitmentUnsealed
                                          : multicodec::kFilCommitmentSealed;
}

std::uint64_t hash_of(CommitmentKind kind) {
  return kind == CommitmentKind::Unsealed ? multicodec::kSha2_256Trunc254Padded
                                          : multicodec::kPoseidonBls12_381A2Fc1;
}

}  // namespace

std::string base32_encode(ByteSpan bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  unsigned bits = 0;
  for (std::uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

Bytes base32_decode(std::string_view text) {
  Bytes out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  unsigned bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    unsigned value;
    if (c >= 'a' && c <= 'z') {
      value = static_cast<unsigned>(c - 'a');
    } else if (c >= '2' && c <= '7') {
      value = static_cast<unsigned>(c - '2') + 26;
    } else {
      throw ModelError("invalid base32 character '" + std::string(1, c) + "' at offset " +
                       std::to_string(i) + " (expected a-z or 2-7)");
    }
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  // A canonical encoding leaves fewer than 5 bits over, all zero.
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) {
    throw ModelError("base32 string has non-canonical trailing bits");
  }
  return out;
}

Bytes Cid::to_bytes() const {
  Bytes out;
  append_varint(out, multicodec::kCidV1);
  append_varint(out, codec);
  append_varint(out, multihash_code);
  append_varint(out, digest.size());
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

std::string Cid::to_string() const { return "b" + base32_encode(to_bytes()); }

Cid cid_from_bytes(ByteSpan bytes) {
  std::size_t offset = 0;
  std::uint64_t version = read_varint(bytes, offset, "CID version");
  if (version != multicodec::kCidV1) {
    throw ModelError("unsupported CID version " + std::to_string(version) + " (expected 1)");
  }
  Cid cid;
  cid.codec = read_varint(bytes, offset, "codec");
  cid.multihash_code = read_varint(bytes, offset, "multihash code");
  std::uint64_t length = read_varint(bytes, offset, "multihash length");
  if (length != bytes.size() - offset) {
    throw ModelError("multihash length " + std::to_string(length) + " does not match the " +
                     std::to_string(bytes.size() - offset) + " digest bytes present");
  }
  cid.digest.assign(bytes.begin() + static_cast<std::ptrdiff_t>(offset), bytes.end());
  return cid;
}

Cid parse_cid(std::string_view text) {
  if (text.empty()) throw ModelError("empty CID string");
  if (text.front() != 'b') {
    throw ModelError("unsupported multibase prefix '" + std::string(1, text.front()) +
                     "' (expected 'b', base32 lower-case)");
  }
  Bytes bytes = base32_decode(text.substr(1));
  return cid_from_bytes(bytes);
}

Cid commitment_to_cid(CommitmentKind kind, const Node32& commitment) {
  return Cid{codec_of(kind), hash_of(kind), Bytes(commitment.begin(), commitment.end())};
}

Node32 cid_to_commitment(CommitmentKind kind, const Cid& cid) {
  if (cid.codec != codec_of(kind)) {
    throw ModelError("unexpected commitment codec " + hex_number(cid.codec) + " (expected " +
                     (kind == CommitmentKind::Unsealed ? "fil-commitment-unsealed 0xf101"
                                                       : "fil-commitment-sealed 0xf102") + ")");
  }
  if (cid.multihash_code != hash_of(kind)) {
    throw ModelError("incorrect hashing function for data commitment (multihash " +
                     hex_number(cid.multihash_code) + ")");
  }
  if (cid.digest.size() != 32) {
    throw ModelError("commitments must be 32 bytes long (got " + std::to_string(cid.digest.size()) +
                     ")");
  }
  Node32 out{};
  std::copy(cid.digest.begin(), cid.digest.end(), out.begin());
  return out;
}

Node32 parse_commitment_cid(CommitmentKind kind, std::string_view text) {
  try {
    return cid_to_commitment(kind, parse_cid(text));
  } catch (const ModelError& e) {
    throw ModelError("invalid " +
                     std::string(kind == CommitmentKind::Unsealed ? "piece/unsealed" : "sealed") +
                     " CID '" + std::string(text) + "': " + e.what());
  }
}

}  // namespace sealsim
