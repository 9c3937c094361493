#include "model/bytes.hpp"

#include "model/model_error.hpp"

namespace sealsim {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(ByteSpan bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0f]);
  }
  return out;
}

Bytes from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    throw ModelError("hex string has odd length " + std::to_string(hex.size()));
  }
  Bytes out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = hex_value(hex[2 * i]);
    int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      std::size_t at = hi < 0 ? 2 * i : 2 * i + 1;
      throw ModelError("invalid hex character '" + std::string(1, hex[at]) + "' at offset " +
                       std::to_string(at));
    }
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return out;
}

Node32 node_from_hex(std::string_view hex) {
  if (hex.size() != 64) {
    throw ModelError("expected 64 hex digits (32 bytes), got " + std::to_string(hex.size()));
  }
  Bytes bytes = from_hex(hex);
  Node32 node{};
  std::copy(bytes.begin(), bytes.end(), node.begin());
  return node;
}

}  // namespace sealsim
