// sha256_node.cuh: SHA-256-trunc254 of one 64-byte node pair on the device (spec proofs.md §2.1).
// Nodes are kept as eight 32-bit words in memory byte order (little-endian loads); SHA-256 reads
// big-endian words, so words are byte-swapped on the way in and out. A 64-byte message is one data
// block plus a constant padding block, whose schedule (K + W) is folded into one table.
#pragma once

#include <cstdint>

namespace sealsim::gpu::detail {

__device__ __forceinline__ std::uint32_t rotate_right(std::uint32_t x, unsigned n) {
  return __funnelshift_r(x, x, n);
}

__device__ __forceinline__ std::uint32_t byte_swap(std::uint32_t x) { return __byte_perm(x, 0, 0x0123); }

// FIPS 180-4 round constants and K + W of the padding block of a 64-byte message, uploaded by the
// host from model/sha256_trunc254_constants.hpp (the one copy of both) before the first launch.
static __device__ __constant__ std::uint32_t kRoundConstants[64];

static __device__ __constant__ std::uint32_t kPaddingBlockSchedule[64];

__device__ __forceinline__ void sha256_round(std::uint32_t (&s)[8], std::uint32_t k_plus_w) {
  const std::uint32_t s1 = rotate_right(s[4], 6) ^ rotate_right(s[4], 11) ^ rotate_right(s[4], 25);
  const std::uint32_t ch = (s[4] & s[5]) ^ (~s[4] & s[6]);
  const std::uint32_t t1 = s[7] + s1 + ch + k_plus_w;
  const std::uint32_t s0 = rotate_right(s[0], 2) ^ rotate_right(s[0], 13) ^ rotate_right(s[0], 22);
  const std::uint32_t maj = (s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]);
  s[7] = s[6];
  s[6] = s[5];
  s[5] = s[4];
  s[4] = s[3] + t1;
  s[3] = s[2];
  s[2] = s[1];
  s[1] = s[0];
  s[0] = t1 + s0 + maj;
}

// out = trunc(SHA-256(left ‖ right)), all in memory-order words.
__device__ __forceinline__ void hash_node_pair(const std::uint32_t (&left)[8], const std::uint32_t (&right)[8],
                                               std::uint32_t (&out)[8]) {
  std::uint32_t w[16];
#pragma unroll
  for (int i = 0; i < 8; ++i) {
    w[i] = byte_swap(left[i]);
    w[i + 8] = byte_swap(right[i]);
  }
  std::uint32_t s[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
#pragma unroll
  for (int i = 0; i < 64; ++i) {
    std::uint32_t wi;
    if (i < 16) {
      wi = w[i];
    } else {
      const std::uint32_t w15 = w[(i - 15) & 15];
      const std::uint32_t w2 = w[(i - 2) & 15];
      const std::uint32_t sigma0 = rotate_right(w15, 7) ^ rotate_right(w15, 18) ^ (w15 >> 3);
      const std::uint32_t sigma1 = rotate_right(w2, 17) ^ rotate_right(w2, 19) ^ (w2 >> 10);
      wi = w[i & 15] + sigma0 + w[(i - 7) & 15] + sigma1;
      w[i & 15] = wi;
    }
    sha256_round(s, kRoundConstants[i] + wi);
  }
  std::uint32_t mid[8];
#pragma unroll
  for (int i = 0; i < 8; ++i) mid[i] = s[i];
  // Add the first block's input state, then run the padding block.
  const std::uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
#pragma unroll
  for (int i = 0; i < 8; ++i) {
    mid[i] += iv[i];
    s[i] = mid[i];
  }
#pragma unroll
  for (int i = 0; i < 64; ++i) sha256_round(s, kPaddingBlockSchedule[i]);
#pragma unroll
  for (int i = 0; i < 8; ++i) out[i] = byte_swap(s[i] + mid[i]);
  out[7] &= 0x3fffffffu;  // clear the two top bits of byte 31
}

}  // namespace sealsim::gpu::detail
