// mock_proof_backend_test.cpp: the Lotus mock sector manager formulas against V-MOCK
// (vectors-published.md §12) and its checks.
#include "sealing/storage/mock_proof_backend.hpp"

#include <gtest/gtest.h>

#include "model/cid.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim::sealing {
namespace {

constexpr auto k2KiB = RegisteredSealProof::StackedDrg2KiBV1_1;
const ProofSectorRef kSector{SectorId{1000, 1}, k2KiB};

// V-MOCK: a 2 KiB sector of zeros, sector number 1, ticket = seed = 32 zero bytes.
TEST(MockProofBackend, VMockVector) {
  MockProofBackend mock;
  const Bytes zeros(2032, 0);
  const PieceInfo piece = mock.add_piece(kSector, {}, UnpaddedPieceSize(2032), zeros);
  EXPECT_EQ(piece.size, PaddedPieceSize(2048));
  EXPECT_EQ(piece.commitment, zero_piece_commitment(PaddedPieceSize(2048)));

  const Bytes ticket(32, 0);
  const Bytes seed(32, 0);
  const std::vector<PieceInfo> pieces{piece};
  const Bytes pc1 = mock.seal_pre_commit1(kSector, ticket, pieces);
  EXPECT_EQ(to_hex(pc1), "987e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");

  const SectorCommitments commitments = mock.seal_pre_commit2(kSector, pc1);
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Unsealed, commitments.unsealed).to_string(),
            "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
  EXPECT_EQ(to_hex(commitments.sealed),
            "33f818bc2790796a3723524835b9244f4ad4928fb286e9adfa16e59682927efc");
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Sealed, commitments.sealed).to_string(),
            "bagboea4b5abcam7ydc6cpedzni3sgusigw4sit2k2sji7mug5gw7ufxfs2bje7x4");

  const Bytes c1 = mock.seal_commit1(kSector, ticket, seed, pieces, commitments);
  EXPECT_EQ(to_hex(c1), "af6b69b420b3f547ccb73aca2c691ce552fe43b74fed438345ba1cc85404b86a");

  const Bytes proof = mock.seal_commit2(kSector, c1);
  ASSERT_EQ(proof.size(), 192u);
  EXPECT_EQ(to_hex(ByteSpan(proof.data(), 32)),
            "ae6a68b521b2f446cdb63bcb2d681de453ff42b64eec428244bb1dc95505b96b");
  EXPECT_TRUE(std::all_of(proof.begin() + 32, proof.end(), [](std::uint8_t b) { return b == 0; }));

  SealVerifyRequest info{k2KiB, kSector.id, ticket, seed, proof, commitments};
  EXPECT_TRUE(mock.verify_seal(info));
}

// Keyed: a different seed, ticket, commitment or proof length fails verification.
TEST(MockProofBackend, VerificationIsKeyed) {
  MockProofBackend mock;
  mock.add_piece(kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 7));
  const PieceInfo piece{PaddedPieceSize(2048), {}};
  Bytes ticket(32, 3);
  Bytes seed(32, 5);
  const Bytes pc1 = mock.seal_pre_commit1(kSector, ticket, std::vector<PieceInfo>{piece});
  const SectorCommitments commitments = mock.seal_pre_commit2(kSector, pc1);
  const Bytes proof = mock.seal_commit2(kSector, mock.seal_commit1(kSector, ticket, seed, {}, commitments));
  const SealVerifyRequest good{k2KiB, kSector.id, ticket, seed, proof, commitments};
  EXPECT_TRUE(mock.verify_seal(good));
  SealVerifyRequest other_seed = good;
  other_seed.seed[0] = 6;
  EXPECT_FALSE(mock.verify_seal(other_seed));
  SealVerifyRequest other_ticket = good;
  other_ticket.ticket[31] = 4;
  EXPECT_FALSE(mock.verify_seal(other_ticket));
  SealVerifyRequest other_commr = good;
  other_commr.commitments.sealed[0] ^= 1;
  EXPECT_FALSE(mock.verify_seal(other_commr));
  SealVerifyRequest short_proof = good;
  short_proof.seal_proof.resize(191);
  EXPECT_FALSE(mock.verify_seal(short_proof));
  // A proof for another sector number does not verify here either (C1 and C2 xor cancel only
  // with the same number).
  const ProofSectorRef other{SectorId{1000, 2}, k2KiB};
  const Bytes foreign = mock.seal_commit2(other, mock.seal_commit1(kSector, ticket, seed, {}, commitments));
  SealVerifyRequest wrong_sector = good;
  wrong_sector.seal_proof = foreign;
  EXPECT_FALSE(mock.verify_seal(wrong_sector));
}

TEST(MockProofBackend, ChecksOfTheLotusMock) {
  MockProofBackend mock;
  const Bytes ticket(32, 0);
  EXPECT_THROW(mock.seal_pre_commit1(kSector, ticket, {}), ProofBackendError);  // unknown sector
  mock.add_piece(kSector, {}, UnpaddedPieceSize(1016), Bytes(1016, 1));
  const std::vector<PieceInfo> half{PieceInfo{PaddedPieceSize(1024), {}}};
  try {
    mock.seal_pre_commit1(kSector, ticket, half);
    FAIL();
  } catch (const ProofBackendError& error) {
    EXPECT_STREQ(error.what(), "aggregated piece sizes don't match up");
  }
  mock.add_piece(kSector, {}, UnpaddedPieceSize(1016), Bytes(1016, 2));
  const std::vector<PieceInfo> both{PieceInfo{PaddedPieceSize(1024), {}},
                                    PieceInfo{PaddedPieceSize(1024), {}}};
  const Bytes pc1 = mock.seal_pre_commit1(kSector, ticket, both);
  EXPECT_EQ(mock.stage(kSector.id), MockProofBackend::Stage::PreCommit);
  try {
    mock.seal_pre_commit1(kSector, ticket, both);
    FAIL();
  } catch (const ProofBackendError& error) {
    EXPECT_STREQ(error.what(), "cannot call pre-seal on sector not in 'packing' state");
  }
  // Lotus TestRedoPC1: forced back to packing, PC1 runs again with the same output.
  mock.force_stage(kSector.id, MockProofBackend::Stage::Packing);
  EXPECT_EQ(mock.seal_pre_commit1(kSector, ticket, both), pc1);

  const SectorCommitments commitments = mock.seal_pre_commit2(kSector, pc1);
  EXPECT_THROW(mock.seal_commit1(kSector, Bytes(31, 0), Bytes(32, 0), {}, commitments),
               ProofBackendError);
  mock.mark_failed(kSector.id);
  EXPECT_THROW(mock.seal_commit1(kSector, ticket, ticket, {}, commitments), ProofBackendError);
  mock.remove(kSector.id);
  try {
    mock.remove(kSector.id);
    FAIL();
  } catch (const ProofBackendError& error) {
    EXPECT_STREQ(error.what(), "sector not found");
  }
}

TEST(ProofBackendSwitch, MockCpuAndCuda) {
  EXPECT_EQ(make_proof_backend("mock")->name(), "mock");
  EXPECT_EQ(make_proof_backend("cpu")->name(), "cpu");  // cpu_proof_backend_test.cpp tests it
  EXPECT_FALSE(proof_backend_unavailable_reason("mock"));
  EXPECT_FALSE(proof_backend_unavailable_reason("cpu"));
  EXPECT_THROW(make_proof_backend("gpu"), ProofBackendError);
  EXPECT_THROW(proof_backend_unavailable_reason("gpu"), ProofBackendError);
}

// CI has neither CUDA nor a GPU: choosing cuda there is an error at selection, never a fallback.
TEST(ProofBackendSwitch, CudaWithoutAGpuIsRefusedAtSelection) {
  const std::optional<std::string> why = proof_backend_unavailable_reason("cuda");
  if (!why) GTEST_SKIP() << "this machine can run the cuda backend (tests/gpu checks it)";
  try {
    make_proof_backend("cuda");
    FAIL() << "cuda was chosen on a machine that cannot run it";
  } catch (const ProofBackendError& error) {
    EXPECT_EQ(std::string(error.what()), "proof backend 'cuda' is not available: " + *why);
  }
#ifndef SEALSIM_TEST_BUILD_HAS_CUDA
  EXPECT_NE(why->find("this build has no CUDA"), std::string::npos) << *why;
#else
  EXPECT_NE(why->find("no usable GPU"), std::string::npos) << *why;
#endif
}

}  // namespace
}  // namespace sealsim::sealing
