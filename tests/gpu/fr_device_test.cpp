// fr_device_test.cpp: the GPU's field arithmetic and Poseidon permutation (gpu/fr_device.cuh,
// gpu/poseidon_device.cuh), compiled for the CPU, against model's Fr and PoseidonHasher on random
// values. This runs in CI without a GPU; the GPU check (gpu_check.cpp) compares the kernels'
// results on the device.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "gpu/poseidon_flat_constants.hpp"
#include "model/deterministic_rng.hpp"
#include "model/field_fr.hpp"
#include "model/poseidon.hpp"

namespace sealsim::gpu {
namespace {

FrLimbs montgomery_limbs(const Fr& value) {
  FrLimbs out;
  std::memcpy(out.limb, value.montgomery_limbs().data(), 32);
  return out;
}

FrLimbs canonical_limbs(const Fr& value) {
  const Node32 bytes = value.to_bytes_le();
  FrLimbs out;
  std::memcpy(out.limb, bytes.data(), 32);
  return out;
}

bool same(const FrLimbs& a, const FrLimbs& b) { return std::memcmp(a.limb, b.limb, 32) == 0; }

// Uniform-ish field elements plus the edges the carry chains care about.
std::vector<Fr> sample_values(DeterministicRng& rng, std::size_t count) {
  std::vector<Fr> values = {Fr::zero(), Fr::one(), -Fr::one(), Fr::from_u64(0xffffffff),
                            Fr::from_u64(~std::uint64_t{0})};
  while (values.size() < count) {
    Node32 bytes{};
    rng.fill(bytes);
    bytes[31] &= 0x7f;
    if (auto value = Fr::try_from_bytes_le(bytes)) values.push_back(*value);
  }
  return values;
}

TEST(FrDevice, MultiplyAddAndMontgomeryConversionsMatchModel) {
  DeterministicRng rng(7);
  const std::vector<Fr> values = sample_values(rng, 200);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Fr& a = values[i];
    const Fr& b = values[(i * 7 + 3) % values.size()];
    EXPECT_TRUE(same(fr_device::multiply(montgomery_limbs(a), montgomery_limbs(b)),
                     montgomery_limbs(a * b)))
        << a.to_hex_be() << " * " << b.to_hex_be();
    EXPECT_TRUE(same(fr_device::add(montgomery_limbs(a), montgomery_limbs(b)), montgomery_limbs(a + b)));
    EXPECT_TRUE(same(fr_device::quintic(montgomery_limbs(a)), montgomery_limbs(a.pow(5))));
    EXPECT_TRUE(same(fr_device::to_montgomery(canonical_limbs(a)), montgomery_limbs(a)));
    EXPECT_TRUE(same(fr_device::from_montgomery(montgomery_limbs(a)), canonical_limbs(a)));
  }
}

// The Poseidon matrix rows: a sum of up to kMaxWideSumTerms products with one reduction equals the
// sum of model's products, also when every term is (r-1)² (the largest sum the bounds allow).
TEST(FrDevice, WideSumOfProductsMatchesModel) {
  DeterministicRng rng(11);
  const std::vector<Fr> values = sample_values(rng, 300);
  for (unsigned terms = 1; terms <= fr_device::kMaxWideSumTerms; ++terms) {
    for (std::size_t start = 0; start < values.size(); start += 17) {
      fr_device::FrWideSum sum = {};
      Fr expected = Fr::zero();
      for (unsigned k = 0; k < terms; ++k) {
        const Fr& a = values[(start + k) % values.size()];
        const Fr& b = values[(start * 3 + k * 5 + 1) % values.size()];
        fr_device::add_product(sum, montgomery_limbs(a), montgomery_limbs(b));
        expected += a * b;
      }
      EXPECT_TRUE(same(fr_device::reduce_wide(sum), montgomery_limbs(expected)))
          << terms << " terms from sample " << start;
    }
    // Limbs r - 1; the reference is the sum of `multiply` (checked against model above).
    FrLimbs r_minus_one;
    for (int i = 0; i < 8; ++i) r_minus_one.limb[i] = fr_device::modulus(i);
    r_minus_one.limb[0] -= 1;
    fr_device::FrWideSum largest = {};
    FrLimbs reference = fr_device::multiply(r_minus_one, r_minus_one);
    fr_device::add_product(largest, r_minus_one, r_minus_one);
    for (unsigned k = 1; k < terms; ++k) {
      fr_device::add_product(largest, r_minus_one, r_minus_one);
      reference = fr_device::add(reference, fr_device::multiply(r_minus_one, r_minus_one));
    }
    EXPECT_TRUE(same(fr_device::reduce_wide(largest), reference)) << terms << " terms of (r-1)^2";
  }
}

class PoseidonDevice : public ::testing::TestWithParam<unsigned> {};

template <unsigned W>
FrLimbs device_hash(const FlatPoseidonConstants& flat, const std::vector<FrLimbs>& inputs) {
  return poseidon_hash_canonical<W>(flat.view(flat.values.data()), flat.domain_tag, inputs.data(), 1);
}

TEST_P(PoseidonDevice, HashOfCanonicalNodesMatchesModel) {
  const unsigned arity = GetParam();
  const PoseidonHasher hasher(arity);
  const FlatPoseidonConstants flat = flatten_poseidon_constants(hasher);
  DeterministicRng rng(arity);
  for (int round = 0; round < 8; ++round) {
    const std::vector<Fr> values = sample_values(rng, 5 + arity);
    std::vector<Node32> nodes;
    std::vector<FrLimbs> inputs;
    for (unsigned i = 0; i < arity; ++i) {
      const Fr& value = values[values.size() - 1 - i - static_cast<unsigned>(round % 3)];
      nodes.push_back(value.to_bytes_le());
      inputs.push_back(canonical_limbs(value));
    }
    const Node32 expected = hasher.hash_nodes(nodes);
    FrLimbs actual{};
    switch (arity) {
      case 2: actual = device_hash<3>(flat, inputs); break;
      case 8: actual = device_hash<9>(flat, inputs); break;
      case 11: actual = device_hash<12>(flat, inputs); break;
      default: FAIL() << "no device width for arity " << arity;
    }
    EXPECT_EQ(std::memcmp(actual.limb, expected.data(), 32), 0) << "arity " << arity << " round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(SealingArities, PoseidonDevice, ::testing::Values(2u, 8u, 11u));

}  // namespace
}  // namespace sealsim::gpu
