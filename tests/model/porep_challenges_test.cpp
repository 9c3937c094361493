// porep_challenges_test.cpp: interactive PoRep challenges against the V-SEAL-1 values
// (vectors-published.md V-SEAL-1 / V-CHAL-2) and the partition properties of spec §8.1.
#include "model/porep_challenges.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// V-SEAL-1: replica id of the lotus-bench 2 KiB CC sector, seed 32×00 → challenges 39 and 13.
TEST(PorepChallenges, LotusBench2KiBSeedZero) {
  const Node32 replica_id =
      node_from_hex("2940faa406e4c6cbad015e2b08e76fd9e3b0e5b852cea7f8174c02ba33039a01");
  const auto partitions =
      interactive_porep_challenges(replica_id, Node32{}, RegisteredSealProof::StackedDrg2KiBV1_1);
  ASSERT_EQ(partitions.size(), 1u);
  EXPECT_EQ(partitions[0], (std::vector<std::uint64_t>{39, 13}));
}

TEST(PorepChallenges, CountsFollowTheProofTable) {
  const Node32 replica_id{};
  const Node32 seed{};
  EXPECT_EQ(interactive_porep_challenges(replica_id, seed, RegisteredSealProof::StackedDrg512MiBV1_1)
                .front()
                .size(),
            2u);
  const auto large = interactive_porep_challenges(replica_id, seed, RegisteredSealProof::StackedDrg32GiBV1_1);
  ASSERT_EQ(large.size(), 10u);
  for (const auto& partition : large) EXPECT_EQ(partition.size(), 18u);
}

TEST(PorepChallenges, RejectsATrivialGraph) {
  EXPECT_THROW(interactive_porep_challenges(Node32{}, Node32{}, 1, 0, 2), ModelError);
}

// §8.1: one partition of c·P challenges equals P partitions of c concatenated, and every
// challenge is in [1, nodes − 1].
RC_GTEST_PROP(PorepChallenges, PartitionsConcatenateAndStayInRange, ()) {
  Node32 replica_id{};
  Node32 seed{};
  for (auto& b : replica_id) b = *rc::gen::arbitrary<std::uint8_t>();
  for (auto& b : seed) b = *rc::gen::arbitrary<std::uint8_t>();
  const std::uint64_t nodes = *rc::gen::inRange<std::uint64_t>(2, std::uint64_t{1} << 40);
  const unsigned per_partition = *rc::gen::inRange(1u, 6u);
  const unsigned partitions = *rc::gen::inRange(1u, 4u);
  const auto whole = interactive_porep_challenges(replica_id, seed, nodes, 0, per_partition * partitions);
  std::vector<std::uint64_t> joined;
  for (unsigned k = 0; k < partitions; ++k) {
    const auto part = interactive_porep_challenges(replica_id, seed, nodes, k, per_partition);
    joined.insert(joined.end(), part.begin(), part.end());
  }
  RC_ASSERT(whole == joined);
  for (std::uint64_t challenge : whole) {
    RC_ASSERT(challenge >= 1);
    RC_ASSERT(challenge <= nodes - 1);
  }
}

}  // namespace
}  // namespace sealsim
