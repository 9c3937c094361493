// sdr_labels_test.cpp: SDR labels against rust-fil-proofs test_create_labels (vectors-published.md
// V-LABEL-1, 11 layers on 2 KiB / 4 KiB test graphs), the V-SEAL-1 intermediates (lotus-bench
// 2 KiB CC sector), and a per-node recomputation from the message layout of spec §5.5.
#include "model/sdr_labels.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <rapidcheck/gtest.h>

#include "model/model_error.hpp"
#include "model/replica_id.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {
namespace {

Node32 filled(std::uint8_t value) {
  Node32 node;
  node.fill(value);
  return node;
}

std::string hex(const Node32& node) { return to_hex(as_span(node)); }

// Straight from §5.5: the whole message built in one buffer, hashed in one call.
Node32 reference_label(const ParentCache& cache, const LabelLayers& labels, const Node32& replica_id,
                       unsigned layer, std::uint64_t node) {
  Bytes message(replica_id.begin(), replica_id.end());
  for (int i = 3; i >= 0; --i) message.push_back(static_cast<std::uint8_t>(layer >> (8 * i)));
  for (int i = 7; i >= 0; --i) message.push_back(static_cast<std::uint8_t>(node >> (8 * i)));
  message.resize(64, 0);
  if (node > 0) {
    auto parents = cache.parents(node);
    std::vector<Node32> q;
    for (std::size_t j = 0; j < 6; ++j) q.push_back(labels.layer(layer)[parents[j]]);
    if (layer > 1) {
      for (std::size_t j = 6; j < 14; ++j) q.push_back(labels.layer(layer - 1)[parents[j]]);
    }
    for (std::size_t k = 0; k < 37; ++k) {
      const Node32& parent = q[k % q.size()];
      message.insert(message.end(), parent.begin(), parent.end());
    }
  }
  EXPECT_EQ(message.size(), node > 0 ? kLabelMessageBytes : kLabelPrefixBytes);
  Node32 label = sha256_of_parts({ByteSpan(message)});
  truncate_to_fr(label);
  return label;
}

struct PublishedLastLabel {
  std::uint64_t nodes;
  std::uint8_t porep_fill;
  ProofsApiVersion api;
  const char* label;
};

TEST(SdrLabels, PublishedLastLabelsOfElevenLayers) {
  const std::vector<PublishedLastLabel> cases = {
      {64, 0x00, ProofsApiVersion::V1_0, "04ba0f9a6ba9fad35e4806d183a281eab3c25afa9a1bd5e3378da6f1f4f46204"},
      {128, 0x00, ProofsApiVersion::V1_0, "86daa8c4521e197e48c1fae6c9a1e85ab894a8883b9f23cebe531ddcd1004c23"},
      {64, 0x7b, ProofsApiVersion::V1_1, "cfef0db78bf3b3ab9f1169774d2e7a77bc9054499d954834b51ca7c788110206"},
      {128, 0x7b, ProofsApiVersion::V1_1, "6d67c468cf81ab2289c1c9c72fa8777a232de4c1323dc0c6bd552ccc187c770f"},
  };
  for (const PublishedLastLabel& c : cases) {
    ParentCache cache = ParentCache::in_memory(SdrGraph(SdrGraphParams{c.nodes, filled(c.porep_fill), c.api}));
    LabelLayers labels(c.nodes, 11);
    generate_labels(cache, filled(0x09), labels);
    EXPECT_EQ(hex(labels.layer(11).back()), c.label) << c.nodes << " nodes, porep fill " << int{c.porep_fill};
  }
}

// V-SEAL-1: replica id of the lotus-bench 2 KiB CC sector and its labels.
TEST(SdrLabels, LotusBench2KiBSectorLabels) {
  const auto proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  Node32 comm_d = node_from_hex("fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  Node32 replica_id = compute_replica_id(prover_id_from_actor(1000), 1, Node32{}, comm_d, proof);
  ParentCache cache = ParentCache::in_memory(SdrGraph(proof));
  LabelLayers labels = generate_labels(cache, replica_id, proof);
  ASSERT_EQ(labels.layer_count(), 2U);
  EXPECT_EQ(hex(labels.layer(1)[0]), "8bb2a3ececaa322edaf0d3c993a3538796cd463e2a92689299ea38ff040dcb1c");
  EXPECT_EQ(hex(labels.layer(1)[1]), "ca3178fc832247059569acc684c350c59125b243f63a6e136e4303f1e2c6002e");
  EXPECT_EQ(hex(labels.layer(1)[2]), "5cba694e9236a0c493882a30283fe7e5b0eff5ca66baf93beb40dc2e5b4b1020");
  EXPECT_EQ(hex(labels.layer(1)[63]), "8d5515943dce8b1037d4e92f1e30cb46060d3db71aac6ede8a621ae6d245a80a");
  EXPECT_EQ(hex(labels.layer(2)[0]), "7320201e9269a6da77c418c473f0db68a08380f7b3937411f505713059a0091f");
  EXPECT_EQ(hex(labels.layer(2)[1]), "7ed28bc78a913a62f8089f1bed30b1e89fac7f3cf422ea67f56808bce684182c");
  EXPECT_EQ(hex(labels.layer(2)[2]), "faf081e594a0ba743ea967381055acb121a261ca3a8b31d6c032df91b665061f");
  EXPECT_EQ(hex(labels.layer(2)[63]), "2fa2b3031365a278e7b515fe8828e93e55d633a2310a1a7eacadb93be7d5863f");

  // The same labels written to Lotus-named layer files.
  // Unique per process: several builds of this suite may run at once on one machine.
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("sealsim-labels-2kib-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    LabelLayers on_disk = LabelLayers::in_directory(dir, cache.nodes(), 2);
    generate_labels(cache, replica_id, on_disk, 2);
    on_disk.sync();
    EXPECT_TRUE(std::ranges::equal(on_disk.layer(2), labels.layer(2)));
  }
  EXPECT_EQ(std::filesystem::file_size(dir / "sc-02-data-layer-2.dat"), 2048U);
  std::filesystem::remove_all(dir);
}

TEST(SdrLabels, RejectsMismatchedCachesAndLayers) {
  ParentCache cache = ParentCache::in_memory(SdrGraph(RegisteredSealProof::StackedDrg2KiBV1));
  EXPECT_THROW(generate_labels(cache, Node32{}, RegisteredSealProof::StackedDrg2KiBV1_1), ModelError);
  LabelLayers wrong_size(128, 2);
  EXPECT_THROW(generate_labels(cache, Node32{}, wrong_size), ModelError);
  EXPECT_THROW(wrong_size.layer(0), ModelError);
  EXPECT_THROW(wrong_size.layer(3), ModelError);
}

// 8 MiB spans many prepare/label chunks: labels are the same with helper threads, and any node of
// any layer equals the label recomputed from the spec's message layout. Built once for the tests.
struct Labeled8MiB {
  static constexpr RegisteredSealProof kProof = RegisteredSealProof::StackedDrg8MiBV1_1;
  Node32 replica_id = filled(0x2a);
  ParentCache cache = ParentCache::in_memory(SdrGraph(kProof), 2);
  LabelLayers labels = generate_labels(cache, replica_id, kProof, 2);
};

const Labeled8MiB& labeled_8mib() {
  static const Labeled8MiB instance;
  return instance;
}

TEST(SdrLabels8MiB, SingleThreadGivesTheSameLabels) {
  const Labeled8MiB& shared = labeled_8mib();
  LabelLayers single = generate_labels(shared.cache, shared.replica_id, Labeled8MiB::kProof, 1);
  EXPECT_TRUE(std::ranges::equal(single.layer(1), shared.labels.layer(1)));
  EXPECT_TRUE(std::ranges::equal(single.layer(2), shared.labels.layer(2)));
}

RC_GTEST_PROP(SdrLabels8MiB, EveryNodeMatchesTheSpecMessage, (bool second_layer)) {
  const Labeled8MiB& shared = labeled_8mib();
  const unsigned layer = second_layer ? 2 : 1;
  const std::uint64_t node = *rc::gen::inRange<std::uint64_t>(0, shared.cache.nodes());
  RC_ASSERT(shared.labels.layer(layer)[node] ==
            reference_label(shared.cache, shared.labels, shared.replica_id, layer, node));
}

// Chunk boundaries and the ends explicitly.
TEST(SdrLabels8MiB, ChunkBoundariesMatchTheSpecMessage) {
  const Labeled8MiB& shared = labeled_8mib();
  for (std::uint64_t node : {std::uint64_t{1}, std::uint64_t{4095}, std::uint64_t{4096}, shared.cache.nodes() - 1}) {
    for (unsigned layer : {1U, 2U}) {
      EXPECT_EQ(shared.labels.layer(layer)[node],
                reference_label(shared.cache, shared.labels, shared.replica_id, layer, node))
          << "layer " << layer << " node " << node;
    }
  }
}

}  // namespace
}  // namespace sealsim
