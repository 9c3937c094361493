// fr_device.cuh: BLS12-381 F_r arithmetic for the GPU kernels, in eight 32-bit little-endian limbs
// of Montgomery form (a·2^256 mod r). The memory layout equals model's four 64-bit limbs on a
// little-endian machine and R = 2^256 in both, so Montgomery values move between model::Fr and
// the device unchanged.
//
// 32-bit limbs because the GPU multiplies 32×32→64 natively (IMAD.WIDE) while 64-bit products
// are emulated. Everything is __host__ __device__ so the same code is checked against model::Fr on
// the CPU in CI (tests/gpu/fr_device_test.cpp), where no GPU is available.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__CUDACC__)
#define SEALSIM_FR_INLINE __host__ __device__ __forceinline__
// For the large routines (the field product, a Poseidon full round): one copy instead of one per
// call site keeps ptxas's time and the instruction cache in bounds.
#define SEALSIM_FR_OUTLINE __host__ __device__ __noinline__
#define SEALSIM_UNROLL _Pragma("unroll")
#else
#define SEALSIM_FR_INLINE inline
#define SEALSIM_FR_OUTLINE inline
#define SEALSIM_UNROLL
#endif

namespace sealsim::gpu {

struct FrLimbs {
  std::uint32_t limb[8];
};

namespace fr_device {

// r = 0x73eda753 299d7d48 3339d808 09a1d805 53bda402 fffe5bfe ffffffff 00000001.
SEALSIM_FR_INLINE std::uint32_t modulus(int i) {
  constexpr std::uint32_t kModulus[8] = {0x00000001, 0xffffffff, 0xfffe5bfe, 0x53bda402,
                                         0x09a1d805, 0x3339d808, 0x299d7d48, 0x73eda753};
  return kModulus[i];
}

// value - r when value >= r (value < 2r).
SEALSIM_FR_INLINE void reduce_once(FrLimbs& value) {
  std::uint32_t reduced[8];
  std::int64_t borrow = 0;
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::int64_t difference = std::int64_t{value.limb[i]} - modulus(i) + borrow;
    reduced[i] = static_cast<std::uint32_t>(difference);
    borrow = difference >> 32;  // 0 or -1
  }
  if (borrow == 0) {
SEALSIM_UNROLL
    for (int i = 0; i < 8; ++i) value.limb[i] = reduced[i];
  }
}

SEALSIM_FR_INLINE FrLimbs add(const FrLimbs& a, const FrLimbs& b) {
  FrLimbs sum;
  std::uint64_t carry = 0;
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t s = std::uint64_t{a.limb[i]} + b.limb[i] + carry;
    sum.limb[i] = static_cast<std::uint32_t>(s);
    carry = s >> 32;
  }
  // a, b < r < 2^255: the sum fits in 256 bits and is < 2r.
  reduce_once(sum);
  return sum;
}

// Montgomery product a·b·2^-256 mod r (CIOS over 32-bit words). r's top word is below 2^31, so the
// running value needs no ninth word ("no-carry" CIOS), and r ≡ 1 (mod 2^32) makes the per-word
// factor m = -t[0] and t[0] + m·r[0] ≡ 0 with a carry of (t[0] != 0).
SEALSIM_FR_INLINE FrLimbs multiply(const FrLimbs& a, const FrLimbs& b) {
  std::uint32_t t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t bi = b.limb[i];
    std::uint64_t product = std::uint64_t{a.limb[0]} * bi + t[0];
    std::uint64_t carry_a = product >> 32;
    const std::uint32_t low = static_cast<std::uint32_t>(product);
    const std::uint64_t m = static_cast<std::uint32_t>(0u - low);
    std::uint64_t carry_m = low != 0 ? 1 : 0;
SEALSIM_UNROLL
    for (int j = 1; j < 8; ++j) {
      product = std::uint64_t{a.limb[j]} * bi + t[j] + carry_a;
      carry_a = product >> 32;
      const std::uint64_t reduction = m * modulus(j) + static_cast<std::uint32_t>(product) + carry_m;
      carry_m = reduction >> 32;
      t[j - 1] = static_cast<std::uint32_t>(reduction);
    }
    t[7] = static_cast<std::uint32_t>(carry_a + carry_m);
  }
  FrLimbs result;
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) result.limb[i] = t[i];
  reduce_once(result);
  return result;
}

// The same product out of line, for the Poseidon rounds: inlined into a width-12 round it makes
// straight-line code that ptxas needs many minutes to allocate registers for, and on an H200 the
// inlined partial rounds ran at half the speed (8.1 M vs 17.5 M arity-8 hashes/s; more registers,
// fewer resident warps).
SEALSIM_FR_OUTLINE FrLimbs multiply_outlined(const FrLimbs& a, const FrLimbs& b) {
  return multiply(a, b);
}

// A sum of Montgomery products with a single reduction, for the Poseidon matrices: the full
// 512-bit products accumulate in 17 words and one Montgomery reduction ends the sum. A product
// without its reduction costs about half of `multiply`, so a width-9 row costs about 5 products
// instead of 9 (1.46x the arity-8 hashes on an H200). reduce_wide's bounds hold for at most
// kMaxWideSumTerms products of values below r.
struct FrWideSum {
  std::uint32_t limb[17];
};
constexpr unsigned kMaxWideSumTerms = 15;

// sum += a·b.
SEALSIM_FR_INLINE void add_product(FrWideSum& sum, const FrLimbs& a, const FrLimbs& b) {
  // Each row's last carry belongs to word i + 8; collected and added once at the end.
  std::uint32_t row_carry[8];
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t bi = b.limb[i];
    std::uint64_t carry = 0;
SEALSIM_UNROLL
    for (int j = 0; j < 8; ++j) {
      const std::uint64_t t = std::uint64_t{a.limb[j]} * bi + sum.limb[i + j] + carry;
      sum.limb[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    row_carry[i] = static_cast<std::uint32_t>(carry);
  }
  std::uint64_t carry = 0;
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t t = std::uint64_t{sum.limb[8 + i]} + row_carry[i] + carry;
    sum.limb[8 + i] = static_cast<std::uint32_t>(t);
    carry = t >> 32;
  }
  sum.limb[16] += static_cast<std::uint32_t>(carry);
}

// value - multiple when value >= multiple, over nine words.
SEALSIM_FR_INLINE void subtract_if_not_below(std::uint32_t (&value)[9],
                                             const std::uint32_t (&multiple)[9]) {
  std::uint32_t difference[9];
  std::int64_t borrow = 0;
SEALSIM_UNROLL
  for (int i = 0; i < 9; ++i) {
    const std::int64_t d = std::int64_t{value[i]} - multiple[i] + borrow;
    difference[i] = static_cast<std::uint32_t>(d);
    borrow = d >> 32;  // 0 or -1
  }
  if (borrow == 0) {
SEALSIM_UNROLL
    for (int i = 0; i < 9; ++i) value[i] = difference[i];
  }
}

// sum·2^-256 mod r, fully reduced. The low half is reduced with multiply's reduction steps:
// q = (low + m·r) / 2^256 <= r. The high half is below n·r²/2^256 < 0.453·n·r for n terms, so
// high + q < 8r for n <= 15, and subtracting 4r, 2r and r where they fit leaves a value below r.
SEALSIM_FR_INLINE FrLimbs reduce_wide(const FrWideSum& sum) {
  std::uint32_t t[8];
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) t[i] = sum.limb[i];
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t m = static_cast<std::uint32_t>(0u - t[0]);
    std::uint64_t carry = t[0] != 0 ? 1 : 0;
SEALSIM_UNROLL
    for (int j = 1; j < 8; ++j) {
      const std::uint64_t x = m * modulus(j) + t[j] + carry;
      t[j - 1] = static_cast<std::uint32_t>(x);
      carry = x >> 32;
    }
    t[7] = static_cast<std::uint32_t>(carry);
  }
  std::uint32_t value[9];
  std::uint64_t carry = 0;
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) {
    const std::uint64_t x = std::uint64_t{sum.limb[8 + i]} + t[i] + carry;
    value[i] = static_cast<std::uint32_t>(x);
    carry = x >> 32;
  }
  value[8] = sum.limb[16] + static_cast<std::uint32_t>(carry);
  constexpr std::uint32_t kFourR[9] = {0x00000004, 0xfffffffc, 0xfff96ffb, 0x4ef6900b, 0x26876015,
                                       0xcce76020, 0xa675f520, 0xcfb69d4c, 0x00000001};
  constexpr std::uint32_t kTwoR[9] = {0x00000002, 0xfffffffe, 0xfffcb7fd, 0xa77b4805, 0x1343b00a,
                                      0x6673b010, 0x533afa90, 0xe7db4ea6, 0x00000000};
  constexpr std::uint32_t kR[9] = {0x00000001, 0xffffffff, 0xfffe5bfe, 0x53bda402, 0x09a1d805,
                                   0x3339d808, 0x299d7d48, 0x73eda753, 0x00000000};
  subtract_if_not_below(value, kFourR);
  subtract_if_not_below(value, kTwoR);
  subtract_if_not_below(value, kR);
  FrLimbs result;
SEALSIM_UNROLL
  for (int i = 0; i < 8; ++i) result.limb[i] = value[i];
  return result;
}

SEALSIM_FR_INLINE FrLimbs square(const FrLimbs& a) { return multiply(a, a); }

// The Poseidon S-box x^5.
SEALSIM_FR_INLINE FrLimbs quintic(const FrLimbs& x) {
  const FrLimbs x2 = multiply_outlined(x, x);
  return multiply_outlined(multiply_outlined(x2, x2), x);
}

// R^2 mod r in Montgomery-of-Montgomery terms: multiply(canonical, R2) = canonical·R mod r.
SEALSIM_FR_INLINE FrLimbs montgomery_r2() {
  return FrLimbs{{0xf3f29c6d, 0xc999e990, 0x87925c23, 0x2b6cedcb, 0x7254398f, 0x05d31496,
                  0x9f59ff11, 0x0748d9d9}};
}

// Canonical (LE bytes as limbs) → Montgomery, and back (multiply by 1).
SEALSIM_FR_INLINE FrLimbs to_montgomery(const FrLimbs& canonical) {
  return multiply(canonical, montgomery_r2());
}
SEALSIM_FR_INLINE FrLimbs from_montgomery(const FrLimbs& value) {
  return multiply(value, FrLimbs{{1, 0, 0, 0, 0, 0, 0, 0}});
}

}  // namespace fr_device
}  // namespace sealsim::gpu
