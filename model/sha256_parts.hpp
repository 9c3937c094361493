// sha256_parts.hpp: one-shot SHA-256 over a message given as several byte spans (OpenSSL), and the
// Filecoin "trunc" that makes a digest a valid field element (spec proofs.md conventions).
#pragma once

#include <initializer_list>

#include "model/bytes.hpp"

namespace sealsim {

// SHA-256 of the concatenation of `parts`, without copying them into one buffer.
Node32 sha256_of_parts(std::initializer_list<ByteSpan> parts);

// trunc(h): clears the two most significant bits of the last byte, so the node read little-endian
// is below 2^254 < r.
constexpr void truncate_to_fr(Node32& node) { node[31] &= 0x3f; }

}  // namespace sealsim
