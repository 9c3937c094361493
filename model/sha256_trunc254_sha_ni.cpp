// sha256_trunc254_sha_ni.cpp: node-hash kernel on the x86 SHA extensions. Two independent node
// hashes run interleaved to hide the latency of sha256rnds2, and the second block (the constant
// padding of a 64-byte message) uses its precomputed schedule. Compiled for the SHA target per
// function, so the binary still runs (on the generic kernel) where SHA-NI is absent.
#include "model/sha256_trunc254.hpp"
#include "model/sha256_trunc254_constants.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

#define SEALSIM_SHA_NI_TARGET __attribute__((target("sha,ssse3,sse4.1")))

namespace sealsim::sha256_kernels {
namespace {

SEALSIM_SHA_NI_TARGET inline __m128i load_constants(const std::uint32_t* four) {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(four));
}

// Byte order of each 32-bit word reversed (SHA-256 words are big-endian).
SEALSIM_SHA_NI_TARGET inline __m128i word_byte_swap_mask() {
  return _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
}

// Four rounds; abef / cdgh keep their roles across the call.
SEALSIM_SHA_NI_TARGET inline void four_rounds(__m128i& abef, __m128i& cdgh, __m128i wk) {
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
  abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
}

// Hashes Lanes independent 64-byte messages; every input is loaded before any output is
// stored, so outputs may alias inputs.
template <unsigned Lanes>
SEALSIM_SHA_NI_TARGET inline void hash_lanes(const std::uint8_t* children, std::uint8_t* parents) {
  const __m128i swap = word_byte_swap_mask();
  const auto& h = kInitialState;
  // sha256rnds2 keeps the state as ABEF and CDGH, named from the highest 32-bit lane down.
  const __m128i initial_abef = _mm_set_epi32(static_cast<int>(h[0]), static_cast<int>(h[1]),
                                             static_cast<int>(h[4]), static_cast<int>(h[5]));
  const __m128i initial_cdgh = _mm_set_epi32(static_cast<int>(h[2]), static_cast<int>(h[3]),
                                             static_cast<int>(h[6]), static_cast<int>(h[7]));
  __m128i w[Lanes][16];
  __m128i abef[Lanes], cdgh[Lanes];
#pragma GCC unroll 4
  for (unsigned lane = 0; lane < Lanes; ++lane) {
#pragma GCC unroll 4
    for (unsigned i = 0; i < 4; ++i) {
      w[lane][i] = _mm_shuffle_epi8(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(children + 64 * lane + 16 * i)), swap);
    }
    abef[lane] = initial_abef;
    cdgh[lane] = initial_cdgh;
  }
#pragma GCC unroll 16
  for (unsigned i = 0; i < 16; ++i) {
    const __m128i k = load_constants(kRoundConstants.data() + 4 * i);
#pragma GCC unroll 4
    for (unsigned lane = 0; lane < Lanes; ++lane) {
      if (i >= 4) {
        // W[t..t+3] = sigma1 terms + W[t-7..t-4] + sigma0 terms + W[t-16..t-13].
        const __m128i partial = _mm_add_epi32(_mm_sha256msg1_epu32(w[lane][i - 4], w[lane][i - 3]),
                                              _mm_alignr_epi8(w[lane][i - 1], w[lane][i - 2], 4));
        w[lane][i] = _mm_sha256msg2_epu32(partial, w[lane][i - 1]);
      }
      four_rounds(abef[lane], cdgh[lane], _mm_add_epi32(w[lane][i], k));
    }
  }
  __m128i middle_abef[Lanes], middle_cdgh[Lanes];
#pragma GCC unroll 4
  for (unsigned lane = 0; lane < Lanes; ++lane) {
    abef[lane] = middle_abef[lane] = _mm_add_epi32(abef[lane], initial_abef);
    cdgh[lane] = middle_cdgh[lane] = _mm_add_epi32(cdgh[lane], initial_cdgh);
  }
#pragma GCC unroll 16
  for (unsigned i = 0; i < 16; ++i) {
    const __m128i wk = load_constants(kPaddingBlockScheduleK.data() + 4 * i);
#pragma GCC unroll 4
    for (unsigned lane = 0; lane < Lanes; ++lane) four_rounds(abef[lane], cdgh[lane], wk);
  }
  const __m128i clear_top_bits = _mm_set_epi32(0x3fffffff, -1, -1, -1);
#pragma GCC unroll 4
  for (unsigned lane = 0; lane < Lanes; ++lane) {
    // Word order below is lowest 32-bit lane first.
    const __m128i fe_ba = _mm_add_epi32(abef[lane], middle_abef[lane]);  // f e b a
    const __m128i hg_dc = _mm_add_epi32(cdgh[lane], middle_cdgh[lane]);  // h g d c
    const __m128i ab_ef = _mm_shuffle_epi32(fe_ba, 0x1B);                // a b e f
    const __m128i gh_cd = _mm_shuffle_epi32(hg_dc, 0xB1);                // g h c d
    const __m128i abcd = _mm_blend_epi16(ab_ef, gh_cd, 0xF0);
    const __m128i efgh = _mm_alignr_epi8(gh_cd, ab_ef, 8);
    __m128i* out = reinterpret_cast<__m128i*>(parents + 32 * lane);
    _mm_storeu_si128(out, _mm_shuffle_epi8(abcd, swap));
    _mm_storeu_si128(out + 1, _mm_and_si128(_mm_shuffle_epi8(efgh, swap), clear_top_bits));
  }
}

}  // namespace

SEALSIM_SHA_NI_TARGET void hash_node_pairs_sha_ni(const std::uint8_t* children,
                                                  std::uint8_t* parents, std::size_t parent_count) {
  // In-place use (parents == children) is safe: pair i is read from bytes [64i, 64i + 128)
  // before bytes [32i, 32i + 64) are written, and later pairs lie beyond both.
  std::size_t i = 0;
  for (; i + 2 <= parent_count; i += 2) hash_lanes<2>(children + 64 * i, parents + 32 * i);
  if (i < parent_count) hash_lanes<1>(children + 64 * i, parents + 32 * i);
}

bool cpu_has_sha_ni() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool ssse3 = (ecx & bit_SSSE3) != 0;
  const bool sse41 = (ecx & bit_SSE4_1) != 0;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) return false;
  const bool sha = (ebx & bit_SHA) != 0;
  return ssse3 && sse41 && sha;
}

}  // namespace sealsim::sha256_kernels

#else  // not x86: only the generic kernel exists

#include "model/model_error.hpp"

namespace sealsim::sha256_kernels {

void hash_node_pairs_sha_ni(const std::uint8_t*, std::uint8_t*, std::size_t) {
  throw ModelError("the SHA-NI node-hash kernel needs an x86 CPU");
}

bool cpu_has_sha_ni() { return false; }

}  // namespace sealsim::sha256_kernels

#endif
