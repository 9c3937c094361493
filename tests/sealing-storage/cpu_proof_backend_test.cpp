// cpu_proof_backend_test.cpp: the `cpu` proof backend on 2 KiB sectors: the published lotus-bench
// CommR (vectors-published.md V-SEAL-1) through the interface, two real pieces with CommD checked
// against the piece commitments, C1 → C2 (wrapped vanilla proofs) → VerifySeal, and refusals.
#include "sealing/storage/cpu_proof_backend.hpp"

#include <gtest/gtest.h>

#include "model/cid.hpp"
#include "model/unsealed_commitment.hpp"

namespace sealsim::sealing {
namespace {

const ProofSectorRef kSector{SectorId{1000, 1}, RegisteredSealProof::StackedDrg2KiBV1_1};

Bytes node_bytes(std::uint8_t value) { return Bytes(32, value); }

TEST(CpuProofBackend, LotusBench2KiBThroughTheInterface) {
  auto backend = make_proof_backend("cpu");
  const PieceInfo piece = backend->add_piece(kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0));
  const std::vector<PieceInfo> pieces{piece};
  const Bytes pc1 = backend->seal_pre_commit1(kSector, node_bytes(0), pieces);
  const SectorCommitments commitments = backend->seal_pre_commit2(kSector, pc1);
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Unsealed, commitments.unsealed).to_string(),
            "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Sealed, commitments.sealed).to_string(),
            "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c");
  const Bytes c1 = backend->seal_commit1(kSector, node_bytes(0), node_bytes(0), pieces, commitments);
  const Bytes c2 = backend->seal_commit2(kSector, c1);
  SealVerifyRequest request{kSector.proof, kSector.id, node_bytes(0), node_bytes(0), c2, commitments};
  EXPECT_TRUE(backend->verify_seal(request));
  request.seed = node_bytes(9);
  EXPECT_FALSE(backend->verify_seal(request));
  request.seed = node_bytes(0);
  request.ticket = node_bytes(1);
  EXPECT_FALSE(backend->verify_seal(request));
  request.ticket = node_bytes(0);
  request.sector.number = 2;
  EXPECT_FALSE(backend->verify_seal(request));
  request.sector.number = 1;
  request.seal_proof = c1;  // not wrapped by C2
  EXPECT_FALSE(backend->verify_seal(request));
}

TEST(CpuProofBackend, TwoPiecesCommDAndProof) {
  CpuProofBackend backend;
  Bytes first(1016);
  Bytes second(1000);  // zero-filled to its 1016-byte piece
  for (std::size_t i = 0; i < first.size(); ++i) first[i] = static_cast<std::uint8_t>(i * 7 + 3);
  for (std::size_t i = 0; i < second.size(); ++i) second[i] = static_cast<std::uint8_t>(255 - i);
  const PieceInfo a = backend.add_piece(kSector, {}, UnpaddedPieceSize(1016), first);
  const std::vector<UnpaddedPieceSize> existing{UnpaddedPieceSize(1016)};
  const PieceInfo b = backend.add_piece(kSector, existing, UnpaddedPieceSize(1016), second);
  const std::vector<PieceInfo> pieces{a, b};
  const Bytes ticket = node_bytes(0x5a);
  const SectorCommitments commitments =
      backend.seal_pre_commit2(kSector, backend.seal_pre_commit1(kSector, ticket, pieces));
  EXPECT_EQ(commitments.unsealed, compute_comm_d(2048, pieces));
  const Bytes seed = node_bytes(0xa5);
  const Bytes proof = backend.seal_commit2(kSector, backend.seal_commit1(kSector, ticket, seed, pieces, commitments));
  EXPECT_TRUE(backend.verify_seal(SealVerifyRequest{kSector.proof, kSector.id, ticket, seed, proof, commitments}))
      << backend.last_verify_failure();
  SectorCommitments wrong = commitments;
  wrong.sealed[3] ^= 1;
  EXPECT_FALSE(backend.verify_seal(SealVerifyRequest{kSector.proof, kSector.id, ticket, seed, proof, wrong}));
  EXPECT_FALSE(backend.last_verify_failure().empty());
  EXPECT_THROW(backend.seal_commit1(kSector, ticket, seed, pieces, wrong), ProofBackendError);
  EXPECT_THROW(backend.seal_commit1(kSector, node_bytes(1), seed, pieces, commitments), ProofBackendError);
}

TEST(CpuProofBackend, PiecesThatDoNotMatchTheDataAreRefused) {
  CpuProofBackend backend;
  const PieceInfo piece = backend.add_piece(kSector, {}, UnpaddedPieceSize(2032), Bytes(2032, 1));
  PieceInfo other = piece;
  other.commitment[0] ^= 1;
  const std::vector<PieceInfo> pieces{other};
  EXPECT_THROW(backend.seal_pre_commit1(kSector, node_bytes(0), pieces), ProofBackendError);
  EXPECT_THROW(backend.seal_pre_commit1(kSector, node_bytes(0), {}), ProofBackendError);
}

TEST(CpuProofBackend, LargeSectorsNeedTheOption) {
  CpuProofBackend backend;
  const ProofSectorRef large{SectorId{1000, 1}, RegisteredSealProof::StackedDrg32GiBV1_1};
  try {
    backend.add_piece(large, {}, UnpaddedPieceSize(1016), Bytes(10, 0));
    FAIL();
  } catch (const ProofBackendError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("memory"), std::string::npos) << message;
    EXPECT_NE(message.find("allow-large"), std::string::npos) << message;
  }
  EXPECT_THROW(backend.seal_pre_commit1(kSector, node_bytes(0), {}), ProofBackendError);  // no sector
}

}  // namespace
}  // namespace sealsim::sealing
