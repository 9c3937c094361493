// sha256_trunc254.hpp: the one SHA-256 helper of the model: SHA-256 with the top two bits of the
// digest cleared (spec proofs.md §2.1), the node hash of piece and data trees with a SHA-NI kernel
// chosen at run time, and one-shot SHA-256 over a message given in parts (OpenSSL).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "model/bytes.hpp"

namespace sealsim {

// trunc(SHA-256(left ‖ right)).
Node32 hash_node_pair(const Node32& left, const Node32& right);
// parents[i] = trunc(SHA-256(children[2i] ‖ children[2i+1])) for i < parent_count, nodes of 32
// bytes stored contiguously. parents may equal children (in-place reduction of a tree level).
void hash_node_pairs(const std::uint8_t* children, std::uint8_t* parents, std::size_t parent_count);
// trunc(SHA-256(message)) for any message, through OpenSSL.
Node32 sha256_trunc254(ByteSpan message);

// SHA-256 (not truncated) of the concatenation of `parts`, without copying them into one buffer.
Node32 sha256_of_parts(std::initializer_list<ByteSpan> parts);
// trunc(h): clears the two most significant bits of the last byte, so the node read little-endian
// is below 2^254 < r.
constexpr void truncate_to_fr(Node32& node) { node[31] &= 0x3f; }
// The node-hash kernel in use on this CPU: "sha-ni" or "generic".
std::string_view sha256_implementation();

// The kernels behind hash_node_pairs, exposed so tests can check both on any machine that has
// them. Same contract as hash_node_pairs.
namespace sha256_kernels {
void hash_node_pairs_generic(const std::uint8_t* children, std::uint8_t* parents,
                             std::size_t parent_count);
// Only callable when cpu_has_sha_ni().
void hash_node_pairs_sha_ni(const std::uint8_t* children, std::uint8_t* parents,
                            std::size_t parent_count);
// SHA extensions, SSSE3 and SSE4.1 reported by cpuid.
bool cpu_has_sha_ni();
}  // namespace sha256_kernels

}  // namespace sealsim
