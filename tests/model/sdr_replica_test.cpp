// sdr_replica_test.cpp: the whole 2 KiB PreCommit (comm_d, replica id, labels, PreCommit2) against
// the published lotus-bench CommR (vectors-published.md V-SEAL-1) and its intermediates.
#include "model/sdr_replica.hpp"

#include <gtest/gtest.h>

#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"
#include "model/poseidon_tree.hpp"
#include "model/replica_id.hpp"

namespace sealsim {
namespace {

std::string hex(const Node32& node) { return to_hex(as_span(node)); }

// t01000, sector 1, zero ticket, all-zero 2 KiB CC sector.
SealedReplica seal_zero_2kib(RegisteredSealProof proof, LabelLayers* labels_out = nullptr) {
  const Bytes data(2048, 0);
  const Node32 comm_d = padded_tree_root(data);
  const Node32 replica_id = compute_replica_id(prover_id_from_actor(1000), 1, Node32{}, comm_d, proof);
  ParentCache cache = ParentCache::in_memory(SdrGraph(proof));
  LabelLayers labels = generate_labels(cache, replica_id, proof);
  SealedReplica sealed = seal_pre_commit_phase2(labels, data, proof);
  if (labels_out != nullptr) *labels_out = std::move(labels);
  return sealed;
}

TEST(SdrReplica, LotusBench2KiBCommR) {
  LabelLayers labels(1, 1);
  SealedReplica sealed = seal_zero_2kib(RegisteredSealProof::StackedDrg2KiBV1_1, &labels);
  const std::array<Node32, 2> column0{labels.layer(1)[0], labels.layer(2)[0]};
  EXPECT_EQ(hex(column_hash(column0, PoseidonHasher(2))),
            "bd03dea9bb2484b56c36c2c0e552e648dcc31f75e6802be3a3e82e7437b23026");
  EXPECT_EQ(hex(sealed.comm_c), "95dd0e3fd2b1226dfcff24b2c337b96a965aebea8fa2c3ed1a0470582191de0b");
  EXPECT_EQ(hex(sealed.comm_r_last), "d75cfa6d30ece5e2d0354a1f855d7fb128e42e84a16a133278fd9ea8b72a8f15");
  EXPECT_EQ(hex(sealed.comm_r), "c647b998c78282296cfd1160714228d43f3b054dfbbb77172b68115ba3c3b762");
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Sealed, sealed.comm_r).to_string(),
            "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c");
  // Zero data: the replica is the last label layer.
  EXPECT_TRUE(std::ranges::equal(sealed.replica, labels.layer(2)));
}

// Negative control of V-SEAL-1: the same sector under the API 1.0 proof seals differently.
TEST(SdrReplica, LegacyProofGivesItsOwnCommR) {
  SealedReplica sealed = seal_zero_2kib(RegisteredSealProof::StackedDrg2KiBV1);
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Sealed, sealed.comm_r).to_string(),
            "bagboea4b5abcbgx4kkasmjodu6zf5ykfgnz2gh3kklelclqgyp7nyitlfbk4ocbh");
}

TEST(SdrReplica, RejectsDataOfTheWrongSize) {
  LabelLayers labels(64, 2);
  EXPECT_THROW(seal_pre_commit_phase2(labels, Bytes(1024, 0), RegisteredSealProof::StackedDrg2KiBV1_1),
               ModelError);
}

}  // namespace
}  // namespace sealsim
