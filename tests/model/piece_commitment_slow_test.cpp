// piece_commitment_slow_test.cpp: CommP at sector scale (label slow): the 32 GiB zero piece of
// go-fil-commcid / curio Test32G (V-COMMP-4, V-COMMP-5) streamed through the builder within the
// 64 MiB memory budget, and a 40 MB random payload against the explicitly built tree.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstring>

#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/fr32.hpp"
#include "model/piece_commitment.hpp"
#include "model/sha256_trunc254.hpp"
#include "tests/model/reference_piece_commitment.hpp"

namespace sealsim {
namespace {

std::uint64_t peak_resident_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

TEST(PieceCommitmentSlow, ThirtyTwoGibZeroPieceInBoundedMemory) {
  constexpr std::uint64_t kPayload = 34091302912;  // 32 GiB padded
  // Odd-sized writes, so payload passes through the builder's own buffer too.
  const Bytes zeros((3 << 20) + 1, 0);
  PieceCommitmentBuilder builder(0);
  for (std::uint64_t written = 0; written < kPayload;) {
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(zeros.size(), kPayload - written));
    builder.write(ByteSpan(zeros).first(take));
    written += take;
  }
  const PieceCommitment commp = builder.finish();
  EXPECT_EQ(commitment_to_cid(CommitmentKind::Unsealed, commp.commitment).to_string(),
            "baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq");
  EXPECT_EQ(commp.piece_size.bytes(), std::uint64_t{32} << 30);
  EXPECT_LT(peak_resident_bytes(), std::uint64_t{64} << 20);
}

TEST(PieceCommitmentSlow, FortyMegabytePayloadMatchesTheFullTree) {
  Bytes payload(40'000'000);
  DeterministicRng(40).fill(payload);
  const Node32 expected =
      testing::reference_piece_commitment(payload, padded_size_for_payload(payload.size()).padded());
  EXPECT_EQ(compute_piece_commitment(payload, std::nullopt, 0).commitment, expected);
  EXPECT_EQ(compute_piece_commitment(payload, std::nullopt, 1).commitment, expected);
}

}  // namespace
}  // namespace sealsim
