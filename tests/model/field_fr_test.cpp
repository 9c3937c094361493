// field_fr_test.cpp: F_r against published constants (spec proofs.md conventions, V-FR32-5) and,
// by RapidCheck, against OpenSSL's BIGNUM arithmetic mod r as an independent reference.
#include "model/field_fr.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <rapidcheck/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

constexpr const char* kModulusDecimal =
    "52435875175126190479447740508185965837690552500527637822603658699938581184513";

// --- independent reference: OpenSSL BIGNUM ------------------------------------------------------

struct BignumDeleter {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bignum = std::unique_ptr<BIGNUM, BignumDeleter>;

struct BnCtxDeleter {
  void operator()(BN_CTX* ctx) const { BN_CTX_free(ctx); }
};

Bignum bignum_from_decimal(const char* decimal) {
  BIGNUM* bn = nullptr;
  BN_dec2bn(&bn, decimal);
  return Bignum(bn);
}

Bignum bignum_from_bytes_le(const Node32& bytes) {
  return Bignum(BN_lebin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
}

Node32 bignum_to_bytes_le(const BIGNUM* bn) {
  Node32 bytes{};
  EXPECT_EQ(BN_bn2lebinpad(bn, bytes.data(), static_cast<int>(bytes.size())), 32);
  return bytes;
}

class ModularReference {
 public:
  ModularReference() : modulus_(bignum_from_decimal(kModulusDecimal)), ctx_(BN_CTX_new()) {}

  const BIGNUM* modulus() const { return modulus_.get(); }

  Node32 reduce(const Node32& bytes) const {
    Bignum value = bignum_from_bytes_le(bytes);
    Bignum reduced(BN_new());
    BN_nnmod(reduced.get(), value.get(), modulus_.get(), ctx_.get());
    return bignum_to_bytes_le(reduced.get());
  }

  enum class Op { Add, Sub, Mul };
  Node32 apply(Op op, const Node32& a, const Node32& b) const {
    Bignum x = bignum_from_bytes_le(a);
    Bignum y = bignum_from_bytes_le(b);
    Bignum result(BN_new());
    switch (op) {
      case Op::Add: BN_mod_add(result.get(), x.get(), y.get(), modulus_.get(), ctx_.get()); break;
      case Op::Sub: BN_mod_sub(result.get(), x.get(), y.get(), modulus_.get(), ctx_.get()); break;
      case Op::Mul: BN_mod_mul(result.get(), x.get(), y.get(), modulus_.get(), ctx_.get()); break;
    }
    return bignum_to_bytes_le(result.get());
  }

  Node32 inverse(const Node32& a) const {
    Bignum x = bignum_from_bytes_le(a);
    Bignum result(BN_new());
    EXPECT_NE(BN_mod_inverse(result.get(), x.get(), modulus_.get(), ctx_.get()), nullptr);
    return bignum_to_bytes_le(result.get());
  }

  Node32 power(const Node32& base, std::uint64_t exponent) const {
    Bignum x = bignum_from_bytes_le(base);
    Bignum e(BN_new());
    BN_set_word(e.get(), exponent);
    Bignum result(BN_new());
    BN_mod_exp(result.get(), x.get(), e.get(), modulus_.get(), ctx_.get());
    return bignum_to_bytes_le(result.get());
  }

  Node32 power_of_two(int exponent) const {
    Bignum result(BN_new());
    BN_set_bit(result.get(), exponent);
    BN_nnmod(result.get(), result.get(), modulus_.get(), ctx_.get());
    return bignum_to_bytes_le(result.get());
  }

 private:
  Bignum modulus_;
  std::unique_ptr<BN_CTX, BnCtxDeleter> ctx_;
};

const ModularReference& reference() {
  static const ModularReference instance;
  return instance;
}

// An arbitrary canonical element: 32 random bytes reduced by the reference.
rc::Gen<Node32> canonical_node() {
  return rc::gen::map(rc::gen::arbitrary<Node32>(),
                      [](const Node32& bytes) { return reference().reduce(bytes); });
}

Fr::Limbs limbs_of(const BIGNUM* bn) {
  const Node32 bytes = bignum_to_bytes_le(bn);
  Fr::Limbs limbs{};
  for (std::size_t i = 0; i < 32; ++i) {
    limbs[i / 8] |= std::uint64_t{bytes[i]} << (8 * (i % 8));
  }
  return limbs;
}

// --- published constants ---------------------------------------------------------------------

TEST(FieldFr, ModulusMatchesPublishedOrder) {
  // spec proofs.md: r in hex and decimal are the same number.
  EXPECT_EQ(limbs_of(reference().modulus()), Fr::kModulus);
  EXPECT_EQ(Fr::kModulus[3], 0x73eda753299d7d48U);
  EXPECT_EQ(Fr::kModulus[0], 0xffffffff00000001U);
}

TEST(FieldFr, MontgomeryConstantsAreTwoPowersModR) {
  Fr::Limbs r{};
  const Node32 r_bytes = reference().power_of_two(256);
  for (std::size_t i = 0; i < 32; ++i) r[i / 8] |= std::uint64_t{r_bytes[i]} << (8 * (i % 8));
  EXPECT_EQ(r, Fr::kMontgomeryR);
  // Published for BLS12-381 (zkcrypto bls12_381 scalar.rs R and R2).
  EXPECT_EQ(Fr::kMontgomeryR, (Fr::Limbs{0x00000001fffffffe, 0x5884b7fa00034802,
                                         0x998c4fefecbc4ff5, 0x1824b159acc5056f}));
  const Node32 r2_bytes = reference().power_of_two(512);
  Fr::Limbs r2{};
  for (std::size_t i = 0; i < 32; ++i) r2[i / 8] |= std::uint64_t{r2_bytes[i]} << (8 * (i % 8));
  EXPECT_EQ(r2, Fr::kMontgomeryR2);
  // -r^-1 mod 2^64: r · inv ≡ -1.
  EXPECT_EQ(Fr::kModulus[0] * Fr::kMontgomeryInverse, ~std::uint64_t{0});
}

TEST(FieldFr, ValidityOfPublishedEncodings) {
  // V-FR32-5 (rust-fil-proofs fr32/src/convert.rs test_bytes_into_fr_into_bytes).
  Node32 counting{};
  for (std::size_t i = 0; i < 32; ++i) counting[i] = static_cast<std::uint8_t>(i);
  ASSERT_TRUE(Fr::try_from_bytes_le(counting));
  EXPECT_EQ(Fr::from_bytes_le(counting).to_bytes_le(), counting);

  auto filled = [](std::uint8_t byte30, std::uint8_t byte31, bool fill30) {
    Node32 node{};
    node.fill(0xff);
    if (fill30) node[30] = byte30;
    node[31] = byte31;
    return node;
  };
  EXPECT_FALSE(Fr::try_from_bytes_le(filled(0, 0x73, false)));
  EXPECT_TRUE(Fr::try_from_bytes_le(filled(0, 0x72, false)));
  EXPECT_TRUE(Fr::try_from_bytes_le(filled(0xec, 0x73, true)));
  EXPECT_FALSE(Fr::try_from_bytes_le(filled(0xed, 0x73, true)));
  EXPECT_THROW(Fr::from_bytes_le(filled(0xed, 0x73, true)), ModelError);
  const Node32 valid = filled(0xec, 0x73, true);
  EXPECT_EQ(Fr::from_bytes_le(valid).to_bytes_le(), valid);
}

TEST(FieldFr, ModulusItselfAndAboveAreRejected) {
  EXPECT_FALSE(Fr::try_from_limbs(Fr::kModulus));
  Fr::Limbs below = Fr::kModulus;
  below[0] -= 1;
  EXPECT_EQ(Fr::from_limbs(below), -Fr::one());
  EXPECT_FALSE(Fr::try_from_limbs({~0ULL, ~0ULL, ~0ULL, ~0ULL}));
  try {
    Fr::from_limbs(Fr::kModulus);
    FAIL() << "r was accepted";
  } catch (const ModelError& error) {
    EXPECT_NE(std::string(error.what()).find(
                  "0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"),
              std::string::npos)
        << error.what();
  }
}

TEST(FieldFr, SmallValues) {
  EXPECT_EQ(Fr::zero().to_bytes_le(), Node32{});
  Node32 one{};
  one[0] = 1;
  EXPECT_EQ(Fr::one().to_bytes_le(), one);
  EXPECT_EQ(Fr::from_u64(1), Fr::one());
  EXPECT_EQ(Fr::from_u64(2) * Fr::from_u64(3), Fr::from_u64(6));
  EXPECT_EQ(Fr::from_u64(~0ULL).to_limbs(), (Fr::Limbs{~0ULL, 0, 0, 0}));
  EXPECT_EQ(Fr::from_u64(5) - Fr::from_u64(7) + Fr::from_u64(2), Fr::zero());
  EXPECT_EQ(Fr::from_u64(2).inverse() * Fr::from_u64(2), Fr::one());
  EXPECT_EQ(Fr::from_u64(3).to_hex_be(),
            "0x0000000000000000000000000000000000000000000000000000000000000003");
  EXPECT_THROW(Fr::zero().inverse(), ModelError);
  EXPECT_TRUE(Fr::zero().is_zero());
  EXPECT_FALSE(Fr::one().is_zero());
}

TEST(FieldFr, PowerOfMinusOneAndFermat) {
  const Fr minus_one = -Fr::one();
  EXPECT_EQ(minus_one.square(), Fr::one());
  EXPECT_EQ(minus_one.pow(3), minus_one);
  Fr::Limbs r_minus_one = Fr::kModulus;
  r_minus_one[0] -= 1;
  EXPECT_EQ(Fr::from_u64(7).pow(r_minus_one), Fr::one());  // a^(r-1) = 1
  EXPECT_EQ(Fr::from_u64(7).pow(0), Fr::one());
}

// --- properties against the reference ------------------------------------------------------------

RC_GTEST_PROP(FieldFr, EncodingRoundTripsAndRejectsNonCanonical, (const Node32& bytes)) {
  const Node32 reduced = reference().reduce(bytes);
  const bool canonical = reduced == bytes;
  const std::optional<Fr> decoded = Fr::try_from_bytes_le(bytes);
  RC_ASSERT(decoded.has_value() == canonical);
  if (canonical) {
    RC_ASSERT(decoded->to_bytes_le() == bytes);
  }
}

RC_GTEST_PROP(FieldFr, AdditionMatchesReference, ()) {
  const Node32 a = *canonical_node();
  const Node32 b = *canonical_node();
  RC_ASSERT((Fr::from_bytes_le(a) + Fr::from_bytes_le(b)).to_bytes_le() ==
            reference().apply(ModularReference::Op::Add, a, b));
}

RC_GTEST_PROP(FieldFr, SubtractionMatchesReference, ()) {
  const Node32 a = *canonical_node();
  const Node32 b = *canonical_node();
  RC_ASSERT((Fr::from_bytes_le(a) - Fr::from_bytes_le(b)).to_bytes_le() ==
            reference().apply(ModularReference::Op::Sub, a, b));
}

RC_GTEST_PROP(FieldFr, MultiplicationMatchesReference, ()) {
  const Node32 a = *canonical_node();
  const Node32 b = *canonical_node();
  RC_ASSERT((Fr::from_bytes_le(a) * Fr::from_bytes_le(b)).to_bytes_le() ==
            reference().apply(ModularReference::Op::Mul, a, b));
}

RC_GTEST_PROP(FieldFr, MultiplicationNearTheModulusMatchesReference, ()) {
  // r - 1 - small: exercises the largest limbs and the final subtraction.
  Fr::Limbs near = Fr::kModulus;
  near[0] -= 1 + *rc::gen::inRange<std::uint64_t>(0, 1000);
  const Node32 a = Fr::from_limbs(near).to_bytes_le();
  const Node32 b = *canonical_node();
  RC_ASSERT((Fr::from_bytes_le(a) * Fr::from_bytes_le(b)).to_bytes_le() ==
            reference().apply(ModularReference::Op::Mul, a, b));
  RC_ASSERT((Fr::from_bytes_le(a) + Fr::from_bytes_le(a)).to_bytes_le() ==
            reference().apply(ModularReference::Op::Add, a, a));
}

RC_GTEST_PROP(FieldFr, InverseAndPowerMatchReference, (std::uint64_t exponent)) {
  const Node32 a = *canonical_node();
  const Fr value = Fr::from_bytes_le(a);
  RC_ASSERT(value.pow(exponent).to_bytes_le() == reference().power(a, exponent));
  RC_PRE(!value.is_zero());
  RC_ASSERT(value.inverse().to_bytes_le() == reference().inverse(a));
}

RC_GTEST_PROP(FieldFr, SumOfProductsEqualsProductsAddedOneByOne, ()) {
  // Lengths beyond 64 cross the reduction chunks; values near r stress the unreduced bounds.
  const std::size_t length = *rc::gen::inRange<std::size_t>(0, 140);
  const bool near_modulus = *rc::gen::arbitrary<bool>();
  std::vector<Fr> a;
  std::vector<Fr> b;
  Fr expected;
  for (std::size_t i = 0; i < length; ++i) {
    Fr::Limbs high = Fr::kModulus;
    high[0] -= 1 + *rc::gen::inRange<std::uint64_t>(0, 4);
    a.push_back(near_modulus ? Fr::from_limbs(high) : Fr::from_bytes_le(*canonical_node()));
    b.push_back(near_modulus ? -Fr::from_u64(i + 1) : Fr::from_bytes_le(*canonical_node()));
    expected += a.back() * b.back();
  }
  RC_ASSERT(Fr::sum_of_products(a, b) == expected);
  b.push_back(Fr::one());
  RC_ASSERT_THROWS_AS(Fr::sum_of_products(a, b), ModelError);
}

RC_GTEST_PROP(FieldFr, FieldAxioms, ()) {
  const Fr a = Fr::from_bytes_le(*canonical_node());
  const Fr b = Fr::from_bytes_le(*canonical_node());
  const Fr c = Fr::from_bytes_le(*canonical_node());
  RC_ASSERT(a + b == b + a);
  RC_ASSERT(a * b == b * a);
  RC_ASSERT((a + b) + c == a + (b + c));
  RC_ASSERT((a * b) * c == a * (b * c));
  RC_ASSERT(a * (b + c) == a * b + a * c);
  RC_ASSERT(a + Fr::zero() == a);
  RC_ASSERT(a * Fr::one() == a);
  RC_ASSERT(a + (-a) == Fr::zero());
  RC_ASSERT(a - b == a + (-b));
  RC_ASSERT(a.square() == a * a);
  if (!a.is_zero()) {
    RC_ASSERT(a * a.inverse() == Fr::one());
  }
}

}  // namespace
}  // namespace sealsim
