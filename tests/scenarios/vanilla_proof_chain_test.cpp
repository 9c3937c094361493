// vanilla_proof_chain_test.cpp: chain-mock's checks of proofs: cpu scenario runs: the wrapped
// vanilla proofs of real 2 KiB seals (sealing/storage's CpuProofBackend) verify against the chain's
// values and nothing else; the vanilla aggregate verifies each sector in order; verdicts name the
// public values checked.
#include <gtest/gtest.h>

#include "model/cid.hpp"
#include "scenarios/vanilla_proof_chain.hpp"
#include "sealing/storage/cpu_proof_backend.hpp"

namespace sealsim::scenarios {
namespace {

constexpr ActorId kMiner = 1000;

Node32 filled(std::uint8_t v) {
  Node32 out{};
  out.fill(v);
  return out;
}

// 32 bytes of one value, as hex.
std::string hex_of_repeated(const std::string& byte_hex) {
  std::string out;
  for (int i = 0; i < 32; ++i) out += byte_hex;
  return out;
}

// A 2 KiB sector sealed for real, with what the chain knows of it.
chain::SealVerifyInfo sealed_sector(sealing::CpuProofBackend& backend, SectorNumber number, std::uint8_t data_byte) {
  const sealing::ProofSectorRef ref{SectorId{kMiner, number}, RegisteredSealProof::StackedDrg2KiBV1_1};
  const Node32 ticket = filled(static_cast<std::uint8_t>(number));
  const Node32 seed = filled(static_cast<std::uint8_t>(0x40 + number));
  const Bytes data(2032, data_byte);
  const PieceInfo piece = backend.add_piece(ref, {}, UnpaddedPieceSize(2032), data);
  const std::vector<PieceInfo> pieces{piece};
  const Bytes pc1 = backend.seal_pre_commit1(ref, ticket, pieces);
  const sealing::SectorCommitments commitments = backend.seal_pre_commit2(ref, pc1);
  const Bytes c1 = backend.seal_commit1(ref, ticket, seed, pieces, commitments);
  chain::SealVerifyInfo info;
  info.seal_proof = ref.proof;
  info.sector = ref.id;
  info.ticket = ticket;
  info.seed = seed;
  info.unsealed_cid = commitments.unsealed;
  info.sealed_cid = commitments.sealed;
  info.proof = backend.seal_commit2(ref, c1);
  return info;
}

class VanillaProofChainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    backend_ = new sealing::CpuProofBackend();
    one_ = new chain::SealVerifyInfo(sealed_sector(*backend_, 1, 0));
    two_ = new chain::SealVerifyInfo(sealed_sector(*backend_, 2, 0x5a));
  }
  static void TearDownTestSuite() {
    delete two_;
    delete one_;
    delete backend_;
  }
  static sealing::CpuProofBackend* backend_;
  static chain::SealVerifyInfo* one_;
  static chain::SealVerifyInfo* two_;
};
sealing::CpuProofBackend* VanillaProofChainTest::backend_ = nullptr;
chain::SealVerifyInfo* VanillaProofChainTest::one_ = nullptr;
chain::SealVerifyInfo* VanillaProofChainTest::two_ = nullptr;

TEST_F(VanillaProofChainTest, ARealSealVerifiesAndTheVerdictNamesItsPublicValues) {
  VanillaChainVerifier verifier;
  EXPECT_TRUE(verifier.lifts_proof_size_limit());
  EXPECT_GT(one_->proof.size(), 10240u);  // why prove-commit's size limit must be lifted
  ASSERT_TRUE(verifier.verify_seal(*one_));
  const auto verdicts = verifier.take_verdicts();
  ASSERT_EQ(verdicts.size(), 1u);
  EXPECT_EQ(verdicts[0].sector, 1u);
  EXPECT_TRUE(verdicts[0].valid);
  EXPECT_EQ(verdicts[0].details,
            "ProveCommitSector: vanilla proofs (" + std::to_string(one_->proof.size() - sealing::kVanillaC2Magic.size()) +
                " bytes) verified; CommD " + commitment_to_cid(CommitmentKind::Unsealed, one_->unsealed_cid).to_string() +
                ", CommR " + commitment_to_cid(CommitmentKind::Sealed, one_->sealed_cid).to_string() + ", ticket " + hex_of_repeated("01") +
                ", seed " + hex_of_repeated("41"));
  EXPECT_TRUE(verifier.take_verdicts().empty());
}

TEST_F(VanillaProofChainTest, AnythingButTheSectorsOwnValuesFails) {
  VanillaChainVerifier verifier;
  auto expect_rejected = [&](chain::SealVerifyInfo info, const std::string& what) {
    EXPECT_FALSE(verifier.verify_seal(info)) << what;
    const auto verdicts = verifier.take_verdicts();
    ASSERT_EQ(verdicts.size(), 1u) << what;
    EXPECT_FALSE(verdicts[0].valid) << what;
    EXPECT_NE(verdicts[0].details.find("ProveCommitSector: "), std::string::npos) << what;
  };
  chain::SealVerifyInfo flipped = *one_;
  flipped.proof[flipped.proof.size() / 2] ^= 0x01;
  expect_rejected(flipped, "a flipped byte");
  chain::SealVerifyInfo seed = *one_;
  seed.seed[0] ^= 0x80;
  expect_rejected(seed, "another seed");
  chain::SealVerifyInfo ticket = *one_;
  ticket.ticket[5] ^= 0x01;
  expect_rejected(ticket, "another ticket");
  chain::SealVerifyInfo comm_r = *one_;
  comm_r.sealed_cid = two_->sealed_cid;
  expect_rejected(comm_r, "another sector's CommR");
  chain::SealVerifyInfo sector = *one_;
  sector.sector.number = 2;
  expect_rejected(sector, "another sector number");
  chain::SealVerifyInfo unwrapped = *one_;
  unwrapped.proof.erase(unwrapped.proof.begin(), unwrapped.proof.begin() + 8);
  expect_rejected(unwrapped, "vanilla proofs without the C2 wrapping");
  chain::SealVerifyInfo mock = *one_;
  mock.proof = Bytes(192, 0);
  expect_rejected(mock, "a Groth16-sized mock proof");
}

TEST_F(VanillaProofChainTest, TheVanillaAggregateVerifiesEverySectorInOrder) {
  VanillaAggregateProver prover;
  sealing::AggregateSealRequest request;
  request.miner = kMiner;
  request.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  request.infos.resize(2);
  const auto aggregate = prover.aggregate_seal_proofs(request, {one_->proof, two_->proof});
  ASSERT_TRUE(aggregate) << aggregate.error();
  EXPECT_FALSE(prover.aggregate_seal_proofs(request, {one_->proof}));  // one proof for two sectors

  chain::AggregateSealVerifyInfo info;
  info.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  info.infos = {*one_, *two_};
  for (auto& s : info.infos) s.proof.clear();  // the chain has no per-sector proofs
  info.aggregate_proof = *aggregate;
  VanillaChainVerifier verifier;
  EXPECT_TRUE(verifier.verify_aggregate_seals(info));
  auto verdicts = verifier.take_verdicts();
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_EQ(verdicts[0].sector, 1u);
  EXPECT_EQ(verdicts[1].sector, 2u);
  EXPECT_TRUE(verdicts[0].valid && verdicts[1].valid);
  EXPECT_EQ(verdicts[1].details.rfind("ProveCommitAggregate: vanilla proofs", 0), 0u) << verdicts[1].details;

  // The proofs in the other order: each is checked against the other sector's values.
  chain::AggregateSealVerifyInfo swapped = info;
  swapped.aggregate_proof = *prover.aggregate_seal_proofs(request, {two_->proof, one_->proof});
  EXPECT_FALSE(verifier.verify_aggregate_seals(swapped));
  verdicts = verifier.take_verdicts();
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_FALSE(verdicts[0].valid || verdicts[1].valid);

  chain::AggregateSealVerifyInfo truncated = info;
  truncated.aggregate_proof.resize(truncated.aggregate_proof.size() - 1);
  EXPECT_FALSE(verifier.verify_aggregate_seals(truncated));
  verdicts = verifier.take_verdicts();
  ASSERT_EQ(verdicts.size(), 2u);
  EXPECT_NE(verdicts[0].details.find("not one length-prefixed vanilla proof per sector"), std::string::npos);

  chain::AggregateSealVerifyInfo fewer = info;
  fewer.infos.pop_back();
  EXPECT_FALSE(verifier.verify_aggregate_seals(fewer));  // two proofs for one sector
}

}  // namespace
}  // namespace sealsim::scenarios
