// bytes.hpp: byte-string vocabulary (32-byte nodes and commitments) and hex conversion.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sealsim {

using Bytes = std::vector<std::uint8_t>;
using ByteSpan = std::span<const std::uint8_t>;

// A 32-byte merkle node or commitment, in memory order (byte 0 first).
using Node32 = std::array<std::uint8_t, 32>;

std::string to_hex(ByteSpan bytes);
// Lower- or upper-case hex, even length; throws ModelError naming the bad character or length.
Bytes from_hex(std::string_view hex);
// Exactly 64 hex digits; throws ModelError otherwise.
Node32 node_from_hex(std::string_view hex);

inline ByteSpan as_span(const Node32& node) { return ByteSpan(node.data(), node.size()); }

}  // namespace sealsim
