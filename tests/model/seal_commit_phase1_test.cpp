// seal_commit_phase1_test.cpp: Commit1 vanilla proofs and their verification on 2 KiB sectors: the
// V-SEAL-1 sector (vectors-published.md: challenges 39 and 13 with their published parents for
// seed 0), tampering of every kind, the byte format, and seal → C1 → verify over random sectors.
#include "model/seal_commit_phase1.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"
#include "tests/model/sealed_test_sector.hpp"

namespace sealsim {
namespace {

std::vector<std::uint64_t> column_indices(const ChallengeProof& c) {
  std::vector<std::uint64_t> out;
  for (const ColumnProof& p : c.drg_parents) out.push_back(p.tree_c_proof.leaf_index());
  for (const ColumnProof& p : c.exp_parents) out.push_back(p.tree_c_proof.leaf_index());
  return out;
}

TEST(SealCommitPhase1, LotusBench2KiBChallengesAndParents) {
  const SealedTestSector& s = lotus_bench_sector();
  EXPECT_EQ(to_hex(as_span(s.sealed->comm_r)),
            "c647b998c78282296cfd1160714228d43f3b054dfbbb77172b68115ba3c3b762");
  const SealCommitPhase1Output out = seal_commit_phase1(s.view(), Node32{});
  ASSERT_EQ(out.partitions.size(), 1u);
  ASSERT_EQ(out.partitions[0].size(), 2u);
  const ChallengeProof& first = out.partitions[0][0];
  const ChallengeProof& second = out.partitions[0][1];
  EXPECT_EQ(first.challenge, 39u);
  EXPECT_EQ(second.challenge, 13u);
  EXPECT_EQ(column_indices(first),
            (std::vector<std::uint64_t>{38, 38, 38, 38, 35, 5, 15, 61, 52, 21, 29, 26, 15, 22}));
  EXPECT_EQ(column_indices(second),
            (std::vector<std::uint64_t>{12, 0, 5, 12, 12, 7, 26, 1, 48, 57, 63, 49, 42, 36}));
  EXPECT_EQ(first.comm_d_proof.path.size(), 6u);     // binary, 64 leaves
  EXPECT_EQ(first.comm_r_last_proof.path.size(), 2u);  // octree, 64 leaves
  EXPECT_EQ(first.column.tree_c_proof.root,
            node_from_hex("95dd0e3fd2b1226dfcff24b2c337b96a965aebea8fa2c3ed1a0470582191de0b"));
  EXPECT_EQ(first.comm_r_last_proof.root,
            node_from_hex("d75cfa6d30ece5e2d0354a1f855d7fb128e42e84a16a133278fd9ea8b72a8f15"));
  const VanillaVerification result = verify_vanilla_proofs(out, s.inputs(Node32{}));
  EXPECT_TRUE(result.valid) << result.reason;
}

TEST(SealCommitPhase1, BytesRoundTrip) {
  const SealedTestSector& s = lotus_bench_sector();
  Node32 seed{};
  seed[0] = 7;
  const SealCommitPhase1Output out = seal_commit_phase1(s.view(), seed);
  const Bytes bytes = serialize_vanilla_proofs(out);
  EXPECT_EQ(parse_vanilla_proofs(bytes), out);
  EXPECT_TRUE(verify_vanilla_proof_bytes(bytes, s.inputs(seed)).valid);
  Bytes truncated(bytes.begin(), bytes.end() - 1);
  EXPECT_THROW(parse_vanilla_proofs(truncated), ModelError);
  Bytes extended = bytes;
  extended.push_back(0);
  EXPECT_THROW(parse_vanilla_proofs(extended), ModelError);
}

TEST(SealCommitPhase1, WrongPublicValuesFail) {
  const SealedTestSector& s = lotus_bench_sector();
  const Node32 seed{};
  const SealCommitPhase1Output out = seal_commit_phase1(s.view(), seed);
  Node32 other{};
  other[5] = 1;
  SealVerifyInputs inputs = s.inputs(seed);
  inputs.seed = other;
  EXPECT_FALSE(verify_vanilla_proofs(out, inputs).valid);
  inputs = s.inputs(seed);
  inputs.ticket = other;
  EXPECT_FALSE(verify_vanilla_proofs(out, inputs).valid);
  inputs = s.inputs(seed);
  inputs.sector = 2;
  EXPECT_FALSE(verify_vanilla_proofs(out, inputs).valid);
  inputs = s.inputs(seed);
  inputs.comm_r[0] ^= 1;
  EXPECT_FALSE(verify_vanilla_proofs(out, inputs).valid);
  inputs = s.inputs(seed);
  inputs.proof = RegisteredSealProof::StackedDrg2KiBV1;
  EXPECT_FALSE(verify_vanilla_proofs(out, inputs).valid);

  // A proof made for another seed, relabelled with the right seed, fails on its challenges.
  SealCommitPhase1Output relabelled = seal_commit_phase1(s.view(), other);
  relabelled.seed = seed;
  const VanillaVerification result = verify_vanilla_proofs(relabelled, s.inputs(seed));
  EXPECT_FALSE(result.valid);
  // A proof of a sector sealed with another ticket, presented with the public ticket, fails too.
  const SealedTestSector other_ticket = seal(Bytes(2048, 0), 1000, 1, other);
  SealCommitPhase1Output forged = seal_commit_phase1(other_ticket.view(), seed);
  forged.ticket = Node32{};
  EXPECT_FALSE(verify_vanilla_proofs(forged, s.inputs(seed)).valid);
}

// Any flipped byte fails: every byte of the header and the first challenge's tree_d path, then a
// stride through the rest (the sweep over every byte is seal_commit_phase1_large_test.cpp).
TEST(SealCommitPhase1, FlippedBytesFail) { expect_every_flip_fails(61); }

RC_GTEST_PROP(SealCommitPhase1, AnyFlippedBitFails, ()) {
  const SealedTestSector& s = lotus_bench_sector();
  const Node32 seed{};
  static const Bytes bytes =
      serialize_vanilla_proofs(seal_commit_phase1(s.view(), seed, verifier().tree_hashers()));
  Bytes tampered = bytes;
  const auto position = *rc::gen::inRange<std::size_t>(0, bytes.size());
  const auto bit = *rc::gen::inRange(0, 8);
  tampered[position] ^= static_cast<std::uint8_t>(1u << bit);
  RC_ASSERT_FALSE(verifier().verify_bytes(tampered, s.inputs(seed)).valid);
}

// Seal → C1 → verify succeeds for any data, ticket, seed, miner and sector number.
RC_GTEST_PROP(SealCommitPhase1, RandomSectorsVerify, ()) {
  Bytes unpadded(2032);
  for (auto& b : unpadded) b = *rc::gen::arbitrary<std::uint8_t>();
  Node32 ticket{};
  Node32 seed{};
  for (auto& b : ticket) b = *rc::gen::arbitrary<std::uint8_t>();
  for (auto& b : seed) b = *rc::gen::arbitrary<std::uint8_t>();
  const ActorId miner = *rc::gen::inRange<ActorId>(1000, 1u << 30);
  const SectorNumber number = *rc::gen::arbitrary<std::uint32_t>();
  const SealedTestSector s = seal(fr32::pad(unpadded), miner, number, ticket);
  RC_ASSERT(s.comm_d == padded_tree_root(s.padded));
  const Bytes bytes = serialize_vanilla_proofs(seal_commit_phase1(s.view(), seed, verifier().tree_hashers()));
  RC_ASSERT(verifier().verify_bytes(bytes, s.inputs(seed)).valid);
}

}  // namespace
}  // namespace sealsim
