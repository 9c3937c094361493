// field_fr.hpp: the BLS12-381 scalar field F_r (spec proofs.md conventions, §6, §7.3), the field of
// every Poseidon hash and of the replica encoding. Values live in Montgomery form (a·2^256 mod r)
// in four little-endian 64-bit limbs; the canonical encoding at every boundary is the value itself
// (not Montgomery) as 32 little-endian bytes, valid iff < r.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "model/bytes.hpp"

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace sealsim {

__extension__ using Uint128 = unsigned __int128;

class Fr {
 public:
  // Four little-endian 64-bit limbs.
  using Limbs = std::array<std::uint64_t, 4>;

  // r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001.
  static constexpr Limbs kModulus = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805,
                                     0x73eda753299d7d48};
  // R = 2^256 mod r (Montgomery form of 1) and R^2 mod r (converts into Montgomery form).
  static constexpr Limbs kMontgomeryR = {0x00000001fffffffe, 0x5884b7fa00034802,
                                         0x998c4fefecbc4ff5, 0x1824b159acc5056f};
  static constexpr Limbs kMontgomeryR2 = {0xc999e990f3f29c6d, 0x2b6cedcb87925c23,
                                          0x05d314967254398f, 0x0748d9d99f59ff11};
  // -r^-1 mod 2^64, the per-limb factor of Montgomery reduction.
  static constexpr std::uint64_t kMontgomeryInverse = 0xfffffffeffffffff;

  constexpr Fr() = default;  // zero

  static Fr zero() { return Fr(); }
  static Fr one() { return Fr(kMontgomeryR); }
  static Fr from_u64(std::uint64_t value);
  // Canonical little-endian integer (limb 0 least significant); throws ModelError if >= r.
  static Fr from_limbs(const Limbs& canonical);
  static std::optional<Fr> try_from_limbs(const Limbs& canonical);
  // Canonical 32 little-endian bytes; throws ModelError naming the value if it is >= r.
  static Fr from_bytes_le(const Node32& bytes);
  static std::optional<Fr> try_from_bytes_le(const Node32& bytes);

  Limbs to_limbs() const;  // canonical value
  Node32 to_bytes_le() const;
  // 0x-prefixed big-endian hex of the canonical value, 64 digits (for messages and tests).
  std::string to_hex_be() const;

  bool is_zero() const { return montgomery_ == Limbs{}; }

  friend Fr operator+(const Fr& a, const Fr& b);
  friend Fr operator-(const Fr& a, const Fr& b);
  friend Fr operator*(const Fr& a, const Fr& b);
  Fr operator-() const;
  Fr& operator+=(const Fr& other) { return *this = *this + other; }
  Fr& operator-=(const Fr& other) { return *this = *this - other; }
  Fr& operator*=(const Fr& other) { return *this = *this * other; }

  Fr square() const { return *this * *this; }
  // this^exponent, exponent as four little-endian limbs (any 256-bit value).
  Fr pow(const Limbs& exponent) const;
  Fr pow(std::uint64_t exponent) const { return pow(Limbs{exponent, 0, 0, 0}); }
  // Multiplicative inverse (Fermat: this^(r-2)); throws ModelError for zero.
  Fr inverse() const;

  // Montgomery form comparison; both sides are fully reduced, so this is value equality.
  friend bool operator==(const Fr&, const Fr&) = default;

  // Σ a[i]·b[i] over equal-length spans, with one Montgomery reduction per 64 products instead of
  // one per product (the Poseidon MDS rows). Throws ModelError if the spans differ in length.
  static Fr sum_of_products(std::span<const Fr> a, std::span<const Fr> b);

  // Raw Montgomery limbs, for code that keeps its own unreduced accumulators (Poseidon MDS).
  const Limbs& montgomery_limbs() const { return montgomery_; }

 private:
  explicit constexpr Fr(const Limbs& montgomery) : montgomery_(montgomery) {}

  Limbs montgomery_{};
};

// The arithmetic is defined inline because Poseidon spends nearly all of its time here.
namespace fr_detail {

// Carry chains through the x86 add-with-carry instructions where available: GCC does not turn
// the 128-bit formulation into adc/sbb chains, and these dominate field addition. carry and
// borrow are 0 or 1 on entry and exit.
inline std::uint64_t add_with_carry(std::uint64_t a, std::uint64_t b, std::uint64_t& carry) {
#if defined(__x86_64__)
  unsigned long long sum = 0;
  carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &sum);
  return sum;
#else
  const Uint128 sum = Uint128{a} + b + carry;
  carry = static_cast<std::uint64_t>(sum >> 64);
  return static_cast<std::uint64_t>(sum);
#endif
}

inline std::uint64_t subtract_with_borrow(std::uint64_t a, std::uint64_t b, std::uint64_t& borrow) {
#if defined(__x86_64__)
  unsigned long long difference = 0;
  borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &difference);
  return difference;
#else
  const Uint128 difference = Uint128{a} - b - borrow;
  borrow = static_cast<std::uint64_t>(difference >> 127);
  return static_cast<std::uint64_t>(difference);
#endif
}

// value - r if value >= r; value must be < 2r.
inline Fr::Limbs reduce_once(const Fr::Limbs& value) {
  std::uint64_t borrow = 0;
  Fr::Limbs reduced{};
  for (std::size_t i = 0; i < 4; ++i) {
    reduced[i] = subtract_with_borrow(value[i], Fr::kModulus[i], borrow);
  }
  return borrow != 0 ? value : reduced;
}

// a·b·2^-256 mod r for a, b < r (CIOS). Because r < 2^254 the running value never needs a fifth
// limb ("no-carry" variant), and the result is < 2r before the final subtraction.
inline Fr::Limbs montgomery_multiply(const Fr::Limbs& a, const Fr::Limbs& b) {
  Fr::Limbs t{};
  for (std::size_t i = 0; i < 4; ++i) {
    Uint128 product = Uint128{a[0]} * b[i] + t[0];
    std::uint64_t carry_a = static_cast<std::uint64_t>(product >> 64);
    const std::uint64_t m = static_cast<std::uint64_t>(product) * Fr::kMontgomeryInverse;
    Uint128 reduction = Uint128{m} * Fr::kModulus[0] + static_cast<std::uint64_t>(product);
    std::uint64_t carry_m = static_cast<std::uint64_t>(reduction >> 64);
    for (std::size_t j = 1; j < 4; ++j) {
      product = Uint128{a[j]} * b[i] + t[j] + carry_a;
      carry_a = static_cast<std::uint64_t>(product >> 64);
      reduction = Uint128{m} * Fr::kModulus[j] + static_cast<std::uint64_t>(product) + carry_m;
      carry_m = static_cast<std::uint64_t>(reduction >> 64);
      t[j - 1] = static_cast<std::uint64_t>(reduction);
    }
    t[3] = carry_a + carry_m;
  }
  return reduce_once(t);
}

// Unreduced sum of products: 9 limbs hold up to 64 products of values below r < 2^255.
using WideLimbs = std::array<std::uint64_t, 9>;

inline void add_product(const Fr::Limbs& a, const Fr::Limbs& b, WideLimbs& accumulator) {
  std::array<std::uint64_t, 8> product{};
  for (std::size_t i = 0; i < 4; ++i) {
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const Uint128 term = Uint128{a[i]} * b[j] + product[i + j] + carry;
      product[i + j] = static_cast<std::uint64_t>(term);
      carry = static_cast<std::uint64_t>(term >> 64);
    }
    product[i + 4] = carry;
  }
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    accumulator[i] = add_with_carry(accumulator[i], product[i], carry);
  }
  accumulator[8] += carry;
}

// k·r for k = 16, 8, 4, 2, 1 in five limbs, for the final correction of reduce_wide.
inline constexpr std::array<std::array<std::uint64_t, 5>, 5> kModulusMultiples = [] {
  std::array<std::array<std::uint64_t, 5>, 5> multiples{};
  for (std::size_t m = 0; m < 5; ++m) {
    const unsigned shift = static_cast<unsigned>(4 - m);
    for (std::size_t i = 0; i < 5; ++i) {
      const std::uint64_t low = i < 4 ? Fr::kModulus[i] << shift : 0;
      const std::uint64_t high = (i > 0 && shift > 0) ? Fr::kModulus[i - 1] >> (64 - shift) : 0;
      multiples[m][i] = low | high;
    }
  }
  return multiples;
}();

// Montgomery reduction of an accumulator of at most 64 products: T·2^-256 mod r, fully reduced.
inline Fr::Limbs reduce_wide(WideLimbs t) {
  for (std::size_t i = 0; i < 4; ++i) {
    const std::uint64_t m = t[i] * Fr::kMontgomeryInverse;
    std::uint64_t carry = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const Uint128 term = Uint128{m} * Fr::kModulus[j] + t[i + j] + carry;
      t[i + j] = static_cast<std::uint64_t>(term);
      carry = static_cast<std::uint64_t>(term >> 64);
    }
    // carry is a whole limb here; what ripples further up is a single bit.
    std::uint64_t carry_bit = 0;
    t[i + 4] = add_with_carry(t[i + 4], carry, carry_bit);
    for (std::size_t k = i + 5; k < 9; ++k) {
      t[k] = add_with_carry(t[k], 0, carry_bit);
    }
  }
  // (T + m·r) / 2^256 < 64·r²/2^256 + r < 31·r: subtract 16r, 8r, 4r, 2r, r where they fit.
  std::array<std::uint64_t, 5> value = {t[4], t[5], t[6], t[7], t[8]};
  for (const auto& multiple : kModulusMultiples) {
    std::uint64_t borrow = 0;
    std::array<std::uint64_t, 5> reduced{};
    for (std::size_t i = 0; i < 5; ++i) {
      reduced[i] = subtract_with_borrow(value[i], multiple[i], borrow);
    }
    if (borrow == 0) value = reduced;
  }
  return {value[0], value[1], value[2], value[3]};
}

[[noreturn]] void throw_length_mismatch(std::size_t a_size, std::size_t b_size);

}  // namespace fr_detail

inline Fr Fr::sum_of_products(std::span<const Fr> a, std::span<const Fr> b) {
  if (a.size() != b.size()) {
    fr_detail::throw_length_mismatch(a.size(), b.size());
  }
  Fr sum;
  for (std::size_t start = 0; start < a.size(); start += 64) {
    const std::size_t end = std::min(a.size(), start + 64);
    fr_detail::WideLimbs accumulator{};
    for (std::size_t i = start; i < end; ++i) {
      fr_detail::add_product(a[i].montgomery_, b[i].montgomery_, accumulator);
    }
    sum += Fr(fr_detail::reduce_wide(accumulator));
  }
  return sum;
}

inline Fr operator+(const Fr& a, const Fr& b) {
  // a, b < r < 2^255, so the sum fits in four limbs.
  std::uint64_t carry = 0;
  Fr::Limbs sum{};
  for (std::size_t i = 0; i < 4; ++i) {
    sum[i] = fr_detail::add_with_carry(a.montgomery_[i], b.montgomery_[i], carry);
  }
  return Fr(fr_detail::reduce_once(sum));
}

inline Fr operator-(const Fr& a, const Fr& b) {
  std::uint64_t borrow = 0;
  Fr::Limbs difference{};
  for (std::size_t i = 0; i < 4; ++i) {
    difference[i] = fr_detail::subtract_with_borrow(a.montgomery_[i], b.montgomery_[i], borrow);
  }
  if (borrow != 0) {
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      difference[i] = fr_detail::add_with_carry(difference[i], Fr::kModulus[i], carry);
    }
  }
  return Fr(difference);
}

inline Fr operator*(const Fr& a, const Fr& b) {
  return Fr(fr_detail::montgomery_multiply(a.montgomery_, b.montgomery_));
}

inline Fr Fr::operator-() const { return Fr() - *this; }

}  // namespace sealsim
