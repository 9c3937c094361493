// field_fr.cpp: conversions, exponentiation and inversion of F_r (the hot arithmetic is inline in
// the header).
#include "model/field_fr.hpp"

#include <cstdio>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

bool is_below_modulus(const Fr::Limbs& value) {
  for (std::size_t i = 4; i-- > 0;) {
    if (value[i] != Fr::kModulus[i]) {
      return value[i] < Fr::kModulus[i];
    }
  }
  return false;  // equal to r
}

Fr::Limbs limbs_from_bytes_le(const Node32& bytes) {
  Fr::Limbs limbs{};
  for (std::size_t i = 0; i < 32; ++i) {
    limbs[i / 8] |= std::uint64_t{bytes[i]} << (8 * (i % 8));
  }
  return limbs;
}

std::string limbs_to_hex_be(const Fr::Limbs& limbs) {
  char hex[67];
  std::snprintf(hex, sizeof hex, "0x%016llx%016llx%016llx%016llx",
                static_cast<unsigned long long>(limbs[3]), static_cast<unsigned long long>(limbs[2]),
                static_cast<unsigned long long>(limbs[1]), static_cast<unsigned long long>(limbs[0]));
  return hex;
}

}  // namespace

namespace fr_detail {

void throw_length_mismatch(std::size_t a_size, std::size_t b_size) {
  throw ModelError("sum of products over spans of different lengths: " + std::to_string(a_size) +
                   " and " + std::to_string(b_size));
}

}  // namespace fr_detail

Fr Fr::from_u64(std::uint64_t value) { return from_limbs(Limbs{value, 0, 0, 0}); }

std::optional<Fr> Fr::try_from_limbs(const Limbs& canonical) {
  if (!is_below_modulus(canonical)) {
    return std::nullopt;
  }
  return Fr(fr_detail::montgomery_multiply(canonical, kMontgomeryR2));
}

Fr Fr::from_limbs(const Limbs& canonical) {
  if (auto value = try_from_limbs(canonical)) {
    return *value;
  }
  throw ModelError("field element " + limbs_to_hex_be(canonical) +
                   " is not canonical: it must be below the BLS12-381 scalar field order r");
}

std::optional<Fr> Fr::try_from_bytes_le(const Node32& bytes) {
  return try_from_limbs(limbs_from_bytes_le(bytes));
}

Fr Fr::from_bytes_le(const Node32& bytes) {
  if (auto value = try_from_bytes_le(bytes)) {
    return *value;
  }
  throw ModelError("32-byte node " + to_hex(as_span(bytes)) +
                   " is not a field element: read little-endian it is not below the BLS12-381 "
                   "scalar field order r");
}

Fr::Limbs Fr::to_limbs() const {
  // Multiplying by plain 1 divides by 2^256, leaving Montgomery form; the result is < r.
  return fr_detail::montgomery_multiply(montgomery_, Limbs{1, 0, 0, 0});
}

Node32 Fr::to_bytes_le() const {
  const Limbs limbs = to_limbs();
  Node32 bytes{};
  for (std::size_t i = 0; i < 32; ++i) {
    bytes[i] = static_cast<std::uint8_t>(limbs[i / 8] >> (8 * (i % 8)));
  }
  return bytes;
}

std::string Fr::to_hex_be() const { return limbs_to_hex_be(to_limbs()); }

Fr Fr::pow(const Limbs& exponent) const {
  Fr result = one();
  for (std::size_t bit = 256; bit-- > 0;) {
    result = result.square();
    if (((exponent[bit / 64] >> (bit % 64)) & 1U) != 0) {
      result = result * *this;
    }
  }
  return result;
}

Fr Fr::inverse() const {
  if (is_zero()) {
    throw ModelError("the zero field element has no inverse");
  }
  Limbs exponent = kModulus;  // r - 2; limb 0 of r is far above 2, so no borrow
  exponent[0] -= 2;
  return pow(exponent);
}

}  // namespace sealsim
