#include "model/deterministic_rng.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace sealsim {
namespace {

// xoshiro256** from state {1, 2, 3, 4}: the first outputs of the authors' reference C code
// (prng.di.unimi.it/xoshiro256starstar.c), worked by hand from its definition.
TEST(DeterministicRng, XoshiroMatchesReference) {
  DeterministicRng rng = DeterministicRng::from_state(0, {1, 2, 3, 4});
  EXPECT_EQ(rng.next_u64(), 11520u);
  EXPECT_EQ(rng.next_u64(), 0u);
  EXPECT_EQ(rng.next_u64(), 1509978240u);
  EXPECT_EQ(rng.next_u64(), 1215971899390074240u);
}

TEST(DeterministicRng, SameSeedSameSequenceOtherSeedOther) {
  DeterministicRng rng(0);
  DeterministicRng again(0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rng.next_u64(), again.next_u64());
  DeterministicRng other(1);
  DeterministicRng zero(0);
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += other.next_u64() == zero.next_u64();
  EXPECT_LT(equal, 2);
}

TEST(DeterministicRng, ForkedStreamsAreIndependentOfEachOtherAndOfOrder) {
  DeterministicRng root(42);
  DeterministicRng chain_first = root.fork("chain");
  root.next_u64();  // using the parent must not shift a later fork
  DeterministicRng chain_second = root.fork("chain");
  EXPECT_EQ(chain_first.next_u64(), chain_second.next_u64());
  EXPECT_NE(root.fork("chain").next_u64(), root.fork("faults").next_u64());
}

TEST(DeterministicRng, FnvMatchesPublishedValues) {
  // FNV-1a 64 of "" and "a" (IETF draft-eastlake-fnv test values).
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
}

RC_GTEST_PROP(DeterministicRng, UniformBelowStaysInRange, (std::uint64_t seed)) {
  const auto bound = *rc::gen::inRange<std::uint64_t>(1, ~std::uint64_t{0});
  DeterministicRng rng(seed);
  for (int i = 0; i < 20; ++i) RC_ASSERT(rng.uniform_below(bound) < bound);
}

TEST(DeterministicRng, UniformBelowIsRoughlyUniform) {
  DeterministicRng rng(7);
  std::array<int, 6> counts{};
  for (int i = 0; i < 60000; ++i) ++counts[rng.uniform_below(6)];
  for (int c : counts) {
    EXPECT_GT(c, 9500);
    EXPECT_LT(c, 10500);
  }
}

}  // namespace
}  // namespace sealsim
