// cuda_proof_backend_check.cpp: the `cuda` proof backend against `cpu`, every output compared byte
// for byte — AddPiece commitments, PC1 output, CommD, comm_c, comm_r_last, CommR, the replica, C1
// and C2 — on 2 KiB and 8 MiB sectors of fresh random pieces, plus the published 2 KiB CommR
// (vectors-published.md V-SEAL-1) through cuda alone. Skips where cuda cannot run (no GPU).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "sealing/storage/cuda_proof_backend.hpp"

namespace sealsim::sealing {
namespace {

struct SealOutputs {
  std::vector<PieceInfo> pieces;
  Bytes pc1;
  SectorCommitments commitments;
  Node32 comm_c{};
  Node32 comm_r_last{};
  std::vector<Node32> replica;
  Bytes c1;
  Bytes c2;
};

struct SectorInput {
  ProofSectorRef sector;
  std::vector<UnpaddedPieceSize> sizes;
  std::vector<Bytes> data;  // each at most its piece's size (the rest zero-filled)
  Bytes ticket;
  Bytes seed;
};

SealOutputs seal(CpuProofBackend& backend, const SectorInput& in) {
  SealOutputs out;
  std::vector<UnpaddedPieceSize> existing;
  for (std::size_t i = 0; i < in.sizes.size(); ++i) {
    out.pieces.push_back(backend.add_piece(in.sector, existing, in.sizes[i], in.data[i]));
    existing.push_back(in.sizes[i]);
  }
  out.pc1 = backend.seal_pre_commit1(in.sector, in.ticket, out.pieces);
  out.commitments = backend.seal_pre_commit2(in.sector, out.pc1);
  const SealedReplica* sealed = backend.sealed_replica(in.sector.id);
  out.comm_c = sealed->comm_c;
  out.comm_r_last = sealed->comm_r_last;
  out.replica = sealed->replica;
  out.c1 = backend.seal_commit1(in.sector, in.ticket, in.seed, out.pieces, out.commitments);
  out.c2 = backend.seal_commit2(in.sector, out.c1);
  return out;
}

ProofBackendOptions options() {
  return ProofBackendOptions{false, std::max(1u, std::thread::hardware_concurrency())};
}

std::uint64_t fresh_seed() {
  return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
}

Bytes random_bytes(DeterministicRng& rng, std::size_t count) {
  Bytes out(count);
  for (auto& b : out) b = static_cast<std::uint8_t>(rng.next_u64());
  return out;
}

// Pieces of the given padded sizes (largest first, so each is aligned), each filled with random
// data of a random length up to its unpadded size.
SectorInput random_sector(RegisteredSealProof proof, const std::vector<std::uint64_t>& padded_sizes,
                          std::uint64_t seed) {
  DeterministicRng rng(seed);
  SectorInput in{ProofSectorRef{SectorId{1000, seed % 100000}, proof}, {}, {}, {}, {}};
  for (std::uint64_t padded : padded_sizes) {
    const UnpaddedPieceSize size = PaddedPieceSize(padded).unpadded();
    in.sizes.push_back(size);
    in.data.push_back(random_bytes(rng, 1 + rng.next_u64() % size.bytes()));
  }
  in.ticket = random_bytes(rng, 32);
  in.seed = random_bytes(rng, 32);
  return in;
}

void expect_identical(const SectorInput& in) {
  CpuProofBackend cpu(options());
  const std::unique_ptr<CpuProofBackend> cuda = make_cuda_proof_backend(options());
  ASSERT_EQ(cuda->name(), "cuda");
  const SealOutputs want = seal(cpu, in);
  const SealOutputs got = seal(*cuda, in);
  ASSERT_EQ(got.pieces.size(), want.pieces.size());
  for (std::size_t i = 0; i < want.pieces.size(); ++i) {
    EXPECT_EQ(got.pieces[i].commitment, want.pieces[i].commitment) << "CommP of piece " << i;
    EXPECT_EQ(got.pieces[i].size, want.pieces[i].size);
  }
  EXPECT_EQ(got.pc1, want.pc1);
  EXPECT_EQ(got.commitments.unsealed, want.commitments.unsealed) << "CommD";
  EXPECT_EQ(got.comm_c, want.comm_c) << "comm_c";
  EXPECT_EQ(got.comm_r_last, want.comm_r_last) << "comm_r_last";
  EXPECT_EQ(got.commitments.sealed, want.commitments.sealed) << "CommR";
  EXPECT_TRUE(got.replica == want.replica) << "replica";
  EXPECT_TRUE(got.c1 == want.c1) << "C1 bytes (" << got.c1.size() << " vs " << want.c1.size() << ")";
  EXPECT_TRUE(got.c2 == want.c2) << "C2 bytes";
  // The cpu backend accepts the cuda backend's proof.
  EXPECT_TRUE(cpu.verify_seal(SealVerifyRequest{in.sector.proof, in.sector.id, in.ticket, in.seed, got.c2,
                                                got.commitments}))
      << cpu.last_verify_failure();
}

class CudaProofBackend : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = proof_backend_unavailable_reason("cuda")) GTEST_SKIP() << "GPU tests skipped: " << *why;
  }
};

TEST_F(CudaProofBackend, PublishedLotusBench2KiBCommR) {
  auto backend = make_proof_backend("cuda");
  const ProofSectorRef sector{SectorId{1000, 1}, RegisteredSealProof::StackedDrg2KiBV1_1};
  const std::vector<PieceInfo> pieces{backend->add_piece(sector, {}, UnpaddedPieceSize(2032), Bytes(2032, 0))};
  const SectorCommitments commitments =
      backend->seal_pre_commit2(sector, backend->seal_pre_commit1(sector, Bytes(32, 0), pieces));
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Unsealed, commitments.unsealed).to_string(),
            "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Sealed, commitments.sealed).to_string(),
            "bagboea4b5abcbrshxgmmpaucffwp2elaofbcrvb7hmcu3653o4lsw2arlor4hn3c");
}

TEST_F(CudaProofBackend, SameBytesAsCpu2KiB) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE("seed " + std::to_string(seed));
  expect_identical(random_sector(RegisteredSealProof::StackedDrg2KiBV1_1, {1024, 512, 512}, seed));
}

// 8 MiB: pieces of 4 MiB .. 256 KiB, so CommP runs on the device (pieces of 8 KiB and more).
TEST_F(CudaProofBackend, SameBytesAsCpu8MiB) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE("seed " + std::to_string(seed));
  constexpr std::uint64_t kKiB = 1024;
  expect_identical(random_sector(RegisteredSealProof::StackedDrg8MiBV1_1,
                                 {4096 * kKiB, 2048 * kKiB, 1024 * kKiB, 512 * kKiB, 256 * kKiB, 256 * kKiB}, seed));
}

}  // namespace
}  // namespace sealsim::sealing
