#include "model/registered_seal_proof.hpp"

#include <gtest/gtest.h>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// Spec proofs.md §4.1 / sealing-fsm.md §12.4: ids 0..4 are V1, 5..9 V1_1, in size order.
TEST(RegisteredSealProof, IdsFollowTheGoEnum) {
  const std::uint64_t sizes[] = {2048, 8388608, 536870912, 34359738368ULL, 68719476736ULL};
  auto proofs = all_seal_proofs();
  ASSERT_EQ(proofs.size(), 10u);
  for (std::size_t i = 0; i < proofs.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(proofs[i].proof), i);
    EXPECT_EQ(proofs[i].sector_size, sizes[i % 5]);
    EXPECT_EQ(proofs[i].api_version, i < 5 ? ProofsApiVersion::V1_0 : ProofsApiVersion::V1_1);
  }
}

// §4.3: the per-size parameter table.
TEST(RegisteredSealProof, PerSizeParameters) {
  const auto& small = seal_proof_info(RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(small.nodes(), 64u);
  EXPECT_EQ(small.layers, 2u);
  EXPECT_EQ(small.partitions, 1u);
  EXPECT_EQ(small.total_challenges(), 2u);
  EXPECT_EQ(small.groth16_proof_bytes, 192u);
  const auto& large = seal_proof_info(RegisteredSealProof::StackedDrg32GiBV1_1);
  EXPECT_EQ(large.nodes(), std::uint64_t{1} << 30);
  EXPECT_EQ(large.layers, 11u);
  EXPECT_EQ(large.partitions, 10u);
  EXPECT_EQ(large.challenges_per_partition, 18u);
  EXPECT_EQ(large.total_challenges(), 180u);
  EXPECT_EQ(large.groth16_proof_bytes, 1920u);
  EXPECT_EQ(large.tree_shape.base_tree_count, 8u);
  EXPECT_EQ(seal_proof_info(RegisteredSealProof::StackedDrg64GiBV1).tree_shape.top_arity, 2u);
  EXPECT_EQ(seal_proof_info(RegisteredSealProof::StackedDrg64GiBV1).max_deals_per_sector(), 512u);
  // challenges per partition = ceil(minimum / partitions) for every entry
  for (const auto& info : all_seal_proofs()) {
    EXPECT_EQ(info.challenges_per_partition,
              (info.minimum_challenges + info.partitions - 1) / info.partitions);
  }
}

// §4.2: StackedDrg2KiBV1_1 -> 0500000000000000 0000000000000000 00..00.
TEST(RegisteredSealProof, PorepId) {
  EXPECT_EQ(to_hex(as_span(porep_id(RegisteredSealProof::StackedDrg2KiBV1_1))),
            "0500000000000000" + std::string(48, '0'));
  EXPECT_EQ(to_hex(as_span(porep_id(RegisteredSealProof::StackedDrg64GiBV1_1))),
            "0900000000000000" + std::string(48, '0'));
}

TEST(RegisteredSealProof, ParsesNamesAndSizeLabels) {
  EXPECT_EQ(parse_seal_proof("StackedDrg2KiBV1_1"), RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(parse_seal_proof("stackeddrg8mibv1"), RegisteredSealProof::StackedDrg8MiBV1);
  EXPECT_EQ(parse_seal_proof("32GiB"), RegisteredSealProof::StackedDrg32GiBV1_1);
  EXPECT_EQ(parse_seal_proof("512MiB-v1"), RegisteredSealProof::StackedDrg512MiBV1);
  EXPECT_EQ(seal_proof_for_sector_size(2048), RegisteredSealProof::StackedDrg2KiBV1_1);
  try {
    parse_seal_proof("3KiB");
    FAIL();
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("'3KiB'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("StackedDrg2KiBV1_1"), std::string::npos);
  }
  EXPECT_THROW(seal_proof_for_sector_size(4096), ModelError);
  EXPECT_FALSE(seal_proof_from_id(10).has_value());
  EXPECT_FALSE(seal_proof_from_id(-1).has_value());
}

}  // namespace
}  // namespace sealsim
