// sdr_graph_test.cpp: DRG and expander parents against vectors-published.md V-GRAPH-1 (cache file
// names), V-GRAPH-2 (first nodes), V-GRAPH-3 (seeds, keys, Feistel intermediates) and V-GRAPH-4
// (large-graph samples), plus structural properties.
#include "model/sdr_graph.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

using Parents = std::array<std::uint32_t, SdrGraph::kParentCount>;

Parents parents_of(const SdrGraph& graph, std::uint64_t node) {
  Parents out{};
  graph.parents(node, out);
  return out;
}

Node32 porep_id_bytes(std::uint8_t fill) {
  Node32 id;
  id.fill(fill);
  return id;
}

TEST(SdrGraph, DrgSeedsAndFeistelKeys) {
  SdrGraph v1_1(RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(to_hex(v1_1.drg_seed()), "3be68542ec229705b99be29c2106b0e4222ccd1d0311398ea4d22d7d");
  EXPECT_EQ(v1_1.feistel_keys(), (std::array<std::uint64_t, 4>{0x90b15b1c4509e47a, 0xdc5378c03df3f21b,
                                                               0xfa76fc24deb9d7ac, 0xcdec5e11f7b30a54}));
  SdrGraph v1(RegisteredSealProof::StackedDrg2KiBV1);
  EXPECT_EQ(to_hex(v1.drg_seed()), "623f03efd4cbc4f029203ee913d026a4e2d9913025a8aed04fec97a0");
  EXPECT_EQ(v1.feistel_keys(), (std::array<std::uint64_t, 4>{0x8fb5fa185a23bce6, 0xd567abafe374f26e,
                                                             0xa2f3f4da23359acc, 0xcbf4931c8d02e1a5}));
  const std::vector<std::pair<RegisteredSealProof, std::string>> seeds = {
      {RegisteredSealProof::StackedDrg8MiBV1, "8292e037360adebedf4f0c1fe3215360a70d59cba547b011c9c1f6e8"},
      {RegisteredSealProof::StackedDrg8MiBV1_1, "dd49e976092e087108b442bde7ec6278d8b8d78f8d39f818205b2a23"},
      {RegisteredSealProof::StackedDrg512MiBV1, "f9521c4c3861f05f46361c7a1d9736b5569ad98a80b4fb65a0211536"},
      {RegisteredSealProof::StackedDrg512MiBV1_1, "ff98e8aefca74eb36a4db23804c4982d46032328101a3b3a4819568e"},
      {RegisteredSealProof::StackedDrg32GiBV1, "a674e44e91e0af2c0d2406b8f0437a0832819d7568d3f7fe2f665a92"},
      {RegisteredSealProof::StackedDrg32GiBV1_1, "ba0350183955dc9f07e73503f5c63ff1bd9c22501363983de241f74a"},
      {RegisteredSealProof::StackedDrg64GiBV1, "d80037d5e732ece13a13a4ead255ca92a9a76226fec49ac4b07e216e"},
      {RegisteredSealProof::StackedDrg64GiBV1_1, "bab80f31f3694d562279ef610ca1f43e36050d6d7fad9613d62483b8"},
  };
  for (const auto& [proof, seed] : seeds) {
    EXPECT_EQ(to_hex(SdrGraph(proof).drg_seed()), seed) << seal_proof_info(proof).name;
  }
}

TEST(SdrGraph, FeistelIntermediatesFor2KiB) {
  SdrGraph graph(RegisteredSealProof::StackedDrg2KiBV1_1);
  const FeistelPermutation& feistel = graph.feistel();
  EXPECT_EQ(feistel.domain_size(), 512U);
  EXPECT_EQ(feistel.left_mask(), 0x3e0U);
  EXPECT_EQ(feistel.right_mask(), 0x1fU);
  EXPECT_EQ(feistel.half_bits(), 5U);
  const std::vector<std::uint64_t> one_pass = {32, 79, 996, 10, 113, 212, 668, 538};
  for (std::uint64_t x = 0; x < one_pass.size(); ++x) EXPECT_EQ(feistel.encrypt(x), one_pass[x]) << x;
  const std::vector<std::uint64_t> permuted = {32, 79, 481, 10, 113, 212, 210, 37,
                                               50, 96, 284, 344, 190, 278, 468, 18};
  for (std::uint64_t x = 0; x < permuted.size(); ++x) EXPECT_EQ(feistel.permute(x), permuted[x]) << x;
}

TEST(SdrGraph, FirstNodesOf2KiBGraphs) {
  SdrGraph v1(RegisteredSealProof::StackedDrg2KiBV1);
  EXPECT_EQ(parents_of(v1, 0), (Parents{0, 0, 0, 0, 0, 0, 22, 1, 6, 27, 40, 36, 18, 36}));
  EXPECT_EQ(parents_of(v1, 1), (Parents{0, 0, 0, 0, 0, 0, 57, 30, 21, 11, 22, 15, 1, 32}));
  EXPECT_EQ(parents_of(v1, 2), (Parents{0, 1, 1, 1, 1, 1, 32, 49, 26, 57, 3, 4, 47, 63}));
  EXPECT_EQ(parents_of(v1, 3), (Parents{1, 2, 1, 2, 1, 2, 55, 45, 29, 45, 51, 53, 56, 44}));
  SdrGraph v1_1(RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(parents_of(v1_1, 0), (Parents{0, 0, 0, 0, 0, 0, 4, 9, 60, 1, 14, 26, 26, 4}));
  EXPECT_EQ(parents_of(v1_1, 1), (Parents{0, 0, 0, 0, 0, 0, 6, 12, 35, 43, 23, 34, 58, 2}));
  EXPECT_EQ(parents_of(v1_1, 2), (Parents{1, 1, 1, 0, 1, 0, 30, 28, 55, 63, 63, 36, 37, 36}));
  EXPECT_EQ(parents_of(v1_1, 3), (Parents{2, 1, 1, 2, 2, 2, 10, 46, 59, 7, 43, 29, 9, 16}));
}

TEST(SdrGraph, LargeGraphSamples) {
  struct Sample {
    RegisteredSealProof proof;
    std::uint64_t node;
    Parents parents;
  };
  using P = RegisteredSealProof;
  const std::vector<Sample> samples = {
      {P::StackedDrg32GiBV1, 0, {0, 0, 0, 0, 0, 0, 193218719, 107884067, 84734002, 52940790, 506733982, 222475650, 192156281, 396327662}},
      {P::StackedDrg32GiBV1, 2, {0, 0, 1, 0, 0, 1, 400853530, 328272173, 484523968, 337953528, 195912658, 380473339, 445606617, 401399919}},
      {P::StackedDrg32GiBV1, 1000000, {938467, 900027, 999996, 976909, 996913, 999999, 130999353, 6684640, 72116556, 205654979, 187952996, 201796893, 442254375, 365451623}},
      {P::StackedDrg32GiBV1, 1073741823, {1073717791, 1073729651, 356271464, 1073741667, 1073518238, 1073741822, 195269793, 55928625, 117716005, 370196974, 457529501, 256849605, 282938428, 400621728}},
      {P::StackedDrg32GiBV1_1, 0, {0, 0, 0, 0, 0, 0, 1054240739, 227529229, 985834481, 197966932, 410367906, 165888503, 1030207780, 74357301}},
      {P::StackedDrg32GiBV1_1, 2, {1, 1, 0, 1, 0, 0, 694934376, 792214855, 560882435, 923855168, 468160064, 444658509, 700174899, 650486437}},
      {P::StackedDrg32GiBV1_1, 1000000, {999999, 728553, 970851, 951019, 995617, 999435, 89708585, 9031128, 72417564, 743307104, 529092067, 472410944, 699455360, 465952275}},
      {P::StackedDrg32GiBV1_1, 1073741823, {1073741822, 1073258530, 440642413, 663190843, 1073741654, 1073741786, 307718517, 715446084, 558280128, 265147410, 110937796, 626719228, 201839602, 653041812}},
      {P::StackedDrg64GiBV1, 123456789, {123456788, 123309787, 123456696, 116537082, 123456783, 123456788, 314043738, 301278635, 525406673, 444734169, 179506398, 355044109, 519347995, 276575329}},
      {P::StackedDrg64GiBV1_1, 123456789, {123456788, 123456624, 123456779, 121543513, 123452159, 122338822, 1116437851, 815124442, 1079774493, 991260842, 2091092687, 2065095014, 125460754, 651299029}},
      {P::StackedDrg64GiBV1_1, 2147483647, {2147483646, 2147483645, 2147473607, 2147483646, 2147483609, 1322413322, 319537050, 259923117, 180788485, 1838730986, 786079656, 319786570, 1561782586, 1183784015}},
  };
  for (const Sample& sample : samples) {
    EXPECT_EQ(parents_of(SdrGraph(sample.proof), sample.node), sample.parents)
        << seal_proof_info(sample.proof).name << " node " << sample.node;
  }
}

TEST(SdrGraph, ParentCacheFileNamesOfAllProductionGraphs) {
  using P = RegisteredSealProof;
  const std::vector<std::pair<P, std::string>> names = {
      {P::StackedDrg2KiBV1, "3f0eef38bb48af1f48ad65e14eb85b4ebfc167cec18cd81764f6d998836c9899"},
      {P::StackedDrg2KiBV1_1, "494d91dc80f2df5272c4b9e129bc7ade9405225993af9fe34e6542a39a47554b"},
      {P::StackedDrg8MiBV1, "dcdabb0fbe4364bf0ac28b6a18c66de246409fa1a9020a00f33fb3e3053da6dc"},
      {P::StackedDrg8MiBV1_1, "5eed212119fd91aa6220a27f31a8966444a9381842bceb3a1ea61525bd47a5b5"},
      {P::StackedDrg512MiBV1, "2aa9c77c3e58259481351cc4be2079cc71e1c9af39700866545c043bfa30fb42"},
      {P::StackedDrg512MiBV1_1, "7ba215a1d2345774ab90b8cb1158d296e409d6068819d7b8c7baf0b25d63dc34"},
      {P::StackedDrg32GiBV1, "e1fa5d5b811ddbd118be3412c4a8c329156b8b8acc72632bca459455b5a05a13"},
      {P::StackedDrg32GiBV1_1, "21981246c370f9d76c7a77ab273d94bde0ceb4e938292334960bce05585dc117"},
      {P::StackedDrg64GiBV1, "8a99e8d6b6be7ab87a56b632e6739ff201c23ea14e99737c74690f0e265574d6"},
      {P::StackedDrg64GiBV1_1, "4905486b7af19558ac3649bc6261411858b6add534438878c4ee3b29d8b9de0b"},
  };
  for (const auto& [proof, hex] : names) {
    EXPECT_EQ(SdrGraph(proof).cache_file_name(), "v28-sdr-parent-" + hex + ".cache")
        << seal_proof_info(proof).name;
  }
}

TEST(SdrGraph, RejectsBadNodeCountsAndNodes) {
  EXPECT_THROW(SdrGraph(SdrGraphParams{1, Node32{}, ProofsApiVersion::V1_1}), ModelError);
  SdrGraph graph(RegisteredSealProof::StackedDrg2KiBV1_1);
  std::array<std::uint32_t, 6> base{};
  std::array<std::uint32_t, 8> expander{};
  EXPECT_THROW(graph.base_parents(64, base), ModelError);
  EXPECT_THROW(graph.expander_parents(64, expander), ModelError);
}

// Base parents precede the node (node 0 and 1: all zero), the predecessor sits in the API's slot,
// expander parents are nodes of the graph.
RC_GTEST_PROP(SdrGraph, ParentsAreEarlierNodesInTheApiSlots, (bool legacy, std::uint8_t porep_fill)) {
  const auto log_nodes = *rc::gen::inRange(1U, 31U);
  const std::uint64_t nodes = std::uint64_t{2} << log_nodes;
  SdrGraph graph(SdrGraphParams{nodes, porep_id_bytes(porep_fill),
                                legacy ? ProofsApiVersion::V1_0 : ProofsApiVersion::V1_1});
  const std::uint64_t node = *rc::gen::inRange<std::uint64_t>(0, nodes);
  Parents parents = parents_of(graph, node);
  if (node < 2) {
    RC_ASSERT(std::all_of(parents.begin(), parents.begin() + 6, [](std::uint32_t p) { return p == 0; }));
  } else {
    RC_ASSERT(std::all_of(parents.begin(), parents.begin() + 6, [node](std::uint32_t p) { return p < node; }));
    RC_ASSERT(parents[legacy ? 5 : 0] == node - 1);
  }
  RC_ASSERT(std::all_of(parents.begin() + 6, parents.end(), [nodes](std::uint32_t p) { return p < nodes; }));
}

// The legacy API truncated expander parents: on 32 GiB they never reach the upper part (§4.4).
RC_GTEST_PROP(SdrGraph, Legacy32GiBExpanderParentsStayBelowTwoToTheTwentyNine, ()) {
  SdrGraph graph(RegisteredSealProof::StackedDrg32GiBV1);
  const std::uint64_t node = *rc::gen::inRange<std::uint64_t>(0, graph.nodes());
  std::array<std::uint32_t, 8> expander{};
  graph.expander_parents(node, expander);
  RC_ASSERT(std::all_of(expander.begin(), expander.end(), [](std::uint32_t p) { return p < (1U << 29); }));
}

// Cycle walking makes the Feistel network a permutation of any domain size.
RC_GTEST_PROP(FeistelPermutation, IsABijectionOfTheDomain, (std::array<std::uint64_t, 3> keys)) {
  const std::uint64_t domain = *rc::gen::inRange<std::uint64_t>(2, 3000);
  FeistelPermutation feistel(domain, keys);
  std::vector<std::uint64_t> inputs(domain);
  for (std::uint64_t i = 0; i < domain; ++i) inputs[i] = i;
  std::vector<std::uint64_t> outputs(domain);
  feistel.permute(inputs, outputs);
  std::sort(outputs.begin(), outputs.end());
  RC_ASSERT(outputs == inputs);
}

}  // namespace
}  // namespace sealsim
