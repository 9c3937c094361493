// poseidon_tree_test.cpp: Poseidon trees, compound roots, column hashes and comm_r against the
// published vectors V-POS-3, V-POS-5 and V-SEAL-1 (vectors-published.md §7, §10).
#include "model/poseidon_tree.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <vector>

#include "model/cid.hpp"
#include "model/model_error.hpp"

namespace sealsim {
namespace {

const PoseidonTreeHashers& hashers() {
  static const PoseidonTreeHashers instance;
  return instance;
}

Node32 small_node(std::uint64_t value) { return Fr::from_u64(value).to_bytes_le(); }

TEST(PoseidonTree, RustFilProofsBinaryTreeKeepsEveryRow) {
  // V-POS-3: leaves [1, 0, 0, 1], H2(1, 0) and the root.
  const std::vector<Node32> leaves = {small_node(1), small_node(0), small_node(0), small_node(1)};
  const std::vector<Node32> levels = build_tree_levels(leaves, hashers().h2);
  ASSERT_EQ(levels.size(), 7U);
  EXPECT_TRUE(std::equal(leaves.begin(), leaves.end(), levels.begin()));
  EXPECT_EQ(to_hex(as_span(levels[4])),
            "5e0b807960ff39b3af9430dcb30759ec264fa274cc03c093c36b78beff942f04");
  EXPECT_EQ(levels[5], hashers().h2.hash_nodes(std::vector<Node32>{small_node(0), small_node(1)}));
  EXPECT_EQ(to_hex(as_span(levels[6])),
            "71e691e2e38bbbefd25a2bcbb872cc77ae746bae8563eb30ebd96ab2b7ebff1e");
  EXPECT_EQ(tree_root(leaves, hashers().h2), levels[6]);
}

// V-POS-5: curio tree_r_last_comm_test.go golden_8_matches_paux_commRLast (real 32 GiB sector).
const std::vector<Node32>& curio_base_roots() {
  static const std::vector<Node32> roots = {
      node_from_hex("924a00c61658322995d9fc493f8aec72365b30a50197e59537df246ca39ffd1b"),
      node_from_hex("d7958d6ff26877091592ea9b51de5ca3b0ad57af34fefd102291a4db1aec543a"),
      node_from_hex("fafb11646c07d01cbf63facc266b46dd1ab00cd3e30560ef18cf50fd40f32d73"),
      node_from_hex("dcb8d1b4bd3e672ad98c29e5cd05dc2e09a76ef00883a487e163fe4e719fe663"),
      node_from_hex("d846e93787fe6c14f26f49ee610f434d021cc0d1ada562695e08af4d5af63357"),
      node_from_hex("5aaef4e9777d3b31d74dad2075ddd584578c9379e7ef38152cc919fa27d1c629"),
      node_from_hex("406728684d7fc85e050f31db99752b552a2f9d608709f0eaa2d6c66afc96e46b"),
      node_from_hex("9cb01c337f13b4bbf4a4ae0296bdd927dbb52479e8875bd31374c9e567735f2c"),
  };
  return roots;
}
constexpr const char* kCurioCommC = "9941e59d24a2a05877558ac5fa1aab256bd12a3e88ef51ee79f58b8d80adb94e";
constexpr const char* kCurioCommRLast =
    "f56b7f7f318d88ac4d72e5d94efd7de7f1df501b98b01a8564fa4cb4983b9e4b";

TEST(PoseidonTree, CurioThirtyTwoGibCommRLastFromBaseRoots) {
  const TreeShape shape = seal_proof_info(RegisteredSealProof::StackedDrg32GiBV1_1).tree_shape;
  EXPECT_EQ(to_hex(as_span(compound_tree_root(curio_base_roots(), shape, hashers()))),
            kCurioCommRLast);
}

TEST(PoseidonTree, CurioThirtyTwoGibCommR) {
  // Derived by the spec's Python model (not published): H2(comm_c, comm_r_last).
  EXPECT_EQ(to_hex(as_span(compute_comm_r(node_from_hex(kCurioCommC),
                                          node_from_hex(kCurioCommRLast), hashers().h2))),
            "df691086e3c673c95a45908713d4c5938e5ced43f21b888bd9bc6e181c9f326b");
}

TEST(PoseidonTree, SixtyFourGibCompoundRootIsBinaryOverTwoOctets) {
  // spec §7.2: sub 8 + top 2 -> H2(H8(roots 0..7), H8(roots 8..15)).
  std::vector<Node32> roots = curio_base_roots();
  for (std::uint64_t i = 0; i < 8; ++i) roots.push_back(small_node(i));
  const TreeShape shape = seal_proof_info(RegisteredSealProof::StackedDrg64GiBV1_1).tree_shape;
  const Node32 first = node_from_hex(kCurioCommRLast);
  const Node32 second =
      hashers().h8.hash_nodes(std::span<const Node32>(roots).subspan(8, 8));
  EXPECT_EQ(compound_tree_root(roots, shape, hashers()),
            hashers().h2.hash_nodes(std::vector<Node32>{first, second}));
  EXPECT_THROW(compound_tree_root(curio_base_roots(), shape, hashers()), ModelError);
}

TEST(PoseidonTree, SingleBaseTreeShapeReturnsItsRoot) {
  const TreeShape shape = seal_proof_info(RegisteredSealProof::StackedDrg2KiBV1_1).tree_shape;
  const std::vector<Node32> roots = {small_node(42)};
  EXPECT_EQ(compound_tree_root(roots, shape, hashers()), small_node(42));
}

// V-SEAL-1: lotus-bench 2 KiB CC sector; the published CommR CID and the model's intermediates.
TEST(PoseidonTree, LotusBenchTwoKibColumnHashAndCommR) {
  const std::vector<Node32> column_of_node_zero = {
      node_from_hex("8bb2a3ececaa322edaf0d3c993a3538796cd463e2a92689299ea38ff040dcb1c"),
      node_from_hex("7320201e9269a6da77c418c473f0db68a08380f7b3937411f505713059a0091f")};
  EXPECT_EQ(to_hex(as_span(column_hash(column_of_node_zero, hashers().h2))),
            "bd03dea9bb2484b56c36c2c0e552e648dcc31f75e6802be3a3e82e7437b23026");

  const Node32 published_comm_r = parse_commitment_cid(
      CommitmentKind::Sealed, "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c");
  const Node32 comm_c =
      node_from_hex("95dd0e3fd2b1226dfcff24b2c337b96a965aebea8fa2c3ed1a0470582191de0b");
  const Node32 comm_r_last =
      node_from_hex("d75cfa6d30ece5e2d0354a1f855d7fb128e42e84a16a133278fd9ea8b72a8f15");
  EXPECT_EQ(compute_comm_r(comm_c, comm_r_last, hashers().h2), published_comm_r);
}

TEST(PoseidonTree, ColumnHashesTakeOneLabelPerLayer) {
  const std::vector<std::vector<Node32>> layers = {{small_node(1), small_node(2)},
                                                   {small_node(3), small_node(4)}};
  const std::vector<Node32> hashes = column_hashes(layers, hashers().h2);
  ASSERT_EQ(hashes.size(), 2U);
  EXPECT_EQ(hashes[1], hashers().h2.hash_nodes(std::vector<Node32>{small_node(2), small_node(4)}));
  EXPECT_THROW(column_hashes(layers, hashers().h8), ModelError);
  const std::vector<std::vector<Node32>> ragged = {{small_node(1)}, {small_node(3), small_node(4)}};
  EXPECT_THROW(column_hashes(ragged, hashers().h2), ModelError);
}

TEST(PoseidonTree, NodeCountsAndBadLeafCounts) {
  EXPECT_EQ(poseidon_tree_node_count(64, 8), 64U + 8U + 1U);
  EXPECT_EQ(poseidon_tree_node_count(8, 8), 9U);
  EXPECT_EQ(poseidon_tree_node_count(std::size_t{1} << 27, 8),
            ((std::size_t{1} << 30) - 1) / 7);  // Σ 8^k, k = 0..9
  EXPECT_THROW(poseidon_tree_node_count(1, 8), ModelError);
  EXPECT_THROW(poseidon_tree_node_count(16, 8), ModelError);
  EXPECT_THROW(poseidon_tree_node_count(0, 8), ModelError);
  EXPECT_THROW(poseidon_tree_node_count(72, 8), ModelError);
  const std::vector<Node32> leaves(16);
  EXPECT_THROW(build_tree_levels(leaves, hashers().h8), ModelError);
  EXPECT_THROW(tree_root(leaves, hashers().h8), ModelError);
  EXPECT_THROW(hashers().for_arity(4), ModelError);
}

RC_GTEST_PROP(PoseidonTree, OctreeRowsFollowTheHashRule, ()) {
  // 64 leaves -> 8 -> 1; each parent hashes its 8 consecutive children, and the streaming root
  // agrees with the kept rows.
  std::vector<Node32> leaves;
  for (int i = 0; i < 64; ++i) leaves.push_back(small_node(*rc::gen::arbitrary<std::uint64_t>()));
  const std::vector<Node32> levels = build_tree_levels(leaves, hashers().h8);
  RC_ASSERT(levels.size() == 73U);
  const std::size_t parent = *rc::gen::inRange<std::size_t>(0, 8);
  RC_ASSERT(levels[64 + parent] ==
            hashers().h8.hash_nodes(std::span<const Node32>(leaves).subspan(8 * parent, 8)));
  RC_ASSERT(levels[72] ==
            hashers().h8.hash_nodes(std::span<const Node32>(levels).subspan(64, 8)));
  RC_ASSERT(tree_root(leaves, hashers().h8) == levels[72]);
}

}  // namespace
}  // namespace sealsim
