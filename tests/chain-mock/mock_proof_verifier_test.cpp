// mock_proof_verifier_test.cpp: the keyed mock proofs against values worked out by hand from the
// spec's byte formula (proofs.md §9: proof[i] = U[i] + S[31−i] − seed[i]·ticket[i], U and S the
// binary CIDs 01 81 e2 03 92 20 20 ‖ CommD and 01 82 e2 03 81 e8 02 20 ‖ CommR).
#include <gtest/gtest.h>

#include "chain-mock/mock_proof_verifier.hpp"

namespace sealsim::chain {
namespace {

SealVerifyInfo sample() {
  SealVerifyInfo info;
  info.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  info.sector = SectorId{1000, 7};
  info.unsealed_cid.fill(0x11);
  info.sealed_cid.fill(0x22);
  info.seed.fill(0x03);
  info.ticket.fill(0x05);
  return info;
}

TEST(MockProofVerifier, SealProofBytesFollowTheLotusFormula) {
  MockProofVerifier verifier;
  SealVerifyInfo info = sample();
  Bytes proof = verifier.make_seal_proof(info);
  ASSERT_EQ(proof.size(), 192u);  // ProofSize of 2 KiB
  // i = 0: U[0] = 0x01, S[31] = CommR byte 23 = 0x22, seed·ticket = 15 → 0x14.
  EXPECT_EQ(proof[0], 0x14);
  // i = 1: U[1] = 0x81 → 0x81 + 0x22 − 0x0f = 0x94.
  EXPECT_EQ(proof[1], 0x94);
  // i = 7: U[7] = CommD byte 0 = 0x11 → 0x11 + 0x22 − 0x0f = 0x24.
  EXPECT_EQ(proof[7], 0x24);
  // i = 31: U[31] = 0x11, S[0] = 0x01 → 0x11 + 0x01 − 0x0f = 0x03.
  EXPECT_EQ(proof[31], 0x03);
  EXPECT_EQ(proof[32], 0x00);
  info.proof = proof;
  EXPECT_TRUE(verifier.verify_seal(info));
  SealVerifyInfo stale = info;
  stale.seed[4] ^= 1;
  EXPECT_FALSE(verifier.verify_seal(stale));
  SealVerifyInfo other_ticket = info;
  other_ticket.ticket[0] ^= 1;
  EXPECT_FALSE(verifier.verify_seal(other_ticket));
  SealVerifyInfo short_proof = info;
  short_proof.proof.resize(191);
  EXPECT_FALSE(verifier.verify_seal(short_proof));
  SealVerifyInfo big = info;
  big.seal_proof = RegisteredSealProof::StackedDrg32GiBV1_1;
  EXPECT_EQ(verifier.make_seal_proof(big).size(), 1920u);
  EXPECT_FALSE(verifier.verify_seal(big));  // 192 bytes for a 32 GiB proof
  // Lotus's proof does not bind the sector number; the SectorBound mode does.
  SealVerifyInfo renumbered = info;
  renumbered.sector.number = 8;
  EXPECT_TRUE(verifier.verify_seal(renumbered));
  MockProofVerifier bound(MockProofBinding::SectorBound);
  SealVerifyInfo bound_info = info;
  bound_info.proof = bound.make_seal_proof(info);
  EXPECT_EQ(bound_info.proof[32], 7);
  EXPECT_TRUE(bound.verify_seal(bound_info));
  bound_info.sector.number = 8;
  EXPECT_FALSE(bound.verify_seal(bound_info));
}

TEST(MockProofVerifier, AggregateSizesAndSums) {
  EXPECT_EQ(mock_aggregate_proof_size(0), 0u);
  EXPECT_EQ(mock_aggregate_proof_size(1), 11220u);
  EXPECT_EQ(mock_aggregate_proof_size(8), 11220u);
  EXPECT_EQ(mock_aggregate_proof_size(9), 14196u);
  EXPECT_EQ(mock_aggregate_proof_size(819), 32052u);
  EXPECT_EQ(mock_aggregate_proof_size(8192), 40980u);
  EXPECT_EQ(mock_aggregate_proof_size(8193), 0u);
  MockProofVerifier verifier;
  AggregateSealVerifyInfo agg;
  agg.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  agg.infos = {sample(), sample(), sample()};
  // Σ k·proof_k[0] for k = 0, 1, 2 with proof_k[0] = 0x14: 0 + 0x14 + 0x28 = 0x3c.
  Bytes proof = verifier.make_aggregate_proof(agg);
  EXPECT_EQ(proof[0], 0x3c);
  agg.aggregate_proof = proof;
  EXPECT_TRUE(verifier.verify_aggregate_seals(agg));
  agg.infos[1].seed[0] ^= 1;
  EXPECT_FALSE(verifier.verify_aggregate_seals(agg));
  AggregateSealVerifyInfo empty;
  EXPECT_FALSE(verifier.verify_aggregate_seals(empty));
}

}  // namespace
}  // namespace sealsim::chain
