// unsealed_commitment_test.cpp: CommD against the live mainnet sector (V-COMMD-1), the rust empty
// and structural vectors (V-COMMP-6, V-COMMD-2), and against explicitly built padded sectors.
#include "model/unsealed_commitment.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstring>

#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

PieceInfo piece(std::string_view cid, std::uint64_t padded_bytes) {
  return PieceInfo{PaddedPieceSize(padded_bytes),
                   parse_commitment_cid(CommitmentKind::Unsealed, cid)};
}

// go-commp-utils commd_test.go TestGenerateUnsealedCID, sector f01392893:139074 (V-COMMD-1).
std::vector<PieceInfo> mainnet_deals() {
  return {
      piece("baga6ea4seaqknzm22isnhsxt2s4dnw45kfywmhenngqq3nc7jvecakoca6ksyhy", 256 * kMiB),
      piece("baga6ea4seaqnq6o5wuewdpviyoafno4rdpqnokz6ghvg2iyeyfbqxgcwdlj2egi", 1024 * kMiB),
      piece("baga6ea4seaqpixk4ifbkzato3huzycj6ty6gllqwanhdpsvxikawyl5bg2h44mq", 512 * kMiB),
      piece("baga6ea4seaqaxwe5dy6nt3ko5tngtmzvpqxqikw5mdwfjqgaxfwtzenc6bgzajq", 512 * kMiB),
      piece("baga6ea4seaqpy33nbesa4d6ot2ygeuy43y4t7amc4izt52mlotqenwcmn2kyaai", 1024 * kMiB),
      piece("baga6ea4seaqphvv4x2s2v7ykgc3ugs2kkltbdeg7icxstklkrgqvv72m2v3i2aa", 256 * kMiB),
      piece("baga6ea4seaqf5u55znk6jwhdsrhe37emzhmehiyvjxpsww274f6fiy3h4yctady", 512 * kMiB),
      piece("baga6ea4seaqa3qbabsbmvk5er6rhsjzt74beplzgulthamm22jue4zgqcuszofi", 1024 * kMiB),
      piece("baga6ea4seaqiekvf623muj6jpxg6vsqaikyw3r4ob5u7363z7zcaixqvfqsc2ji", 256 * kMiB),
      piece("baga6ea4seaqhsewv65z2d4m5o4vo65vl5o6z4bcegdvgnusvlt7rao44gro36pi", 512 * kMiB),
  };
}

constexpr const char* kMainnetCommD =
    "baga6ea4seaqiw3gbmstmexb7sqwkc5r23o3i7zcyx5kr76pfobpykes3af62kca";
constexpr std::uint64_t k32GiB = std::uint64_t{32} << 30;

TEST(UnsealedCommitment, MainnetSectorWithExplicitZeroPieces) {
  std::vector<PieceInfo> pieces = mainnet_deals();
  for (std::uint64_t size : {8192 * kMiB, 16384 * kMiB}) {
    pieces.push_back(
        PieceInfo{PaddedPieceSize(size), zero_piece_commitment(PaddedPieceSize(size))});
  }
  const Node32 comm_d = compute_comm_d(k32GiB, pieces);
  EXPECT_EQ(comm_d, parse_commitment_cid(CommitmentKind::Unsealed, kMainnetCommD));
  EXPECT_EQ(to_hex(comm_d), "8b6cc164a6c25c3f942ca1763adbb68fe458bf551ff9e5705f85125b017da508");
}

TEST(UnsealedCommitment, MainnetSectorWithLotusPadding) {
  const std::vector<PieceInfo> deals = mainnet_deals();
  EXPECT_EQ(generate_unsealed_commitment(RegisteredSealProof::StackedDrg32GiBV1_1, deals),
            parse_commitment_cid(CommitmentKind::Unsealed, kMainnetCommD));
  // The interleaved list the spec derives (sizes in MiB).
  const std::uint64_t expected_mib[] = {256, 256,  512, 1024, 512, 512,  1024, 256,  256,
                                        512, 1024, 256, 256,  512, 1024, 8192, 16384};
  const std::vector<PieceInfo> all = pieces_with_lotus_padding(k32GiB, deals);
  ASSERT_EQ(all.size(), std::size(expected_mib));
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].size.bytes(), expected_mib[i] * kMiB) << i;
  }
  // Deal 0 at offset 0, then 256 + 512 MiB of zero pieces before the 1 GiB deal 1.
  EXPECT_EQ(all[0], deals[0]);
  EXPECT_EQ(all[1].commitment, zero_piece_commitment(PaddedPieceSize(256 * kMiB)));
  EXPECT_EQ(all[2].commitment, zero_piece_commitment(PaddedPieceSize(512 * kMiB)));
  EXPECT_EQ(all[3], deals[1]);
}

// rust filecoin-proofs tests/pieces.rs test_compute_comm_d_empty (V-COMMP-6).
TEST(UnsealedCommitment, EmptySectors) {
  EXPECT_EQ(to_hex(compute_comm_d(2048, {})),
            "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  EXPECT_EQ(to_hex(compute_comm_d(128, {})),
            "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333");
  EXPECT_EQ(generate_unsealed_commitment(RegisteredSealProof::StackedDrg2KiBV1_1, {}),
            zero_piece_commitment(PaddedPieceSize(2048)));
}

// rust test_verify_padded_pieces inputs, value computed by the spec's Python model (V-COMMD-2).
TEST(UnsealedCommitment, StructuralPaddingVector) {
  std::vector<PieceInfo> pieces;
  const std::pair<std::uint8_t, std::uint64_t> inputs[] = {{1, 128}, {2, 512}, {3, 256}, {4, 1024}};
  for (auto [fill, size] : inputs) {
    Node32 commitment;
    commitment.fill(fill);
    pieces.push_back(PieceInfo{PaddedPieceSize(size), commitment});
  }
  EXPECT_EQ(to_hex(compute_comm_d(4096, pieces)),
            "7f433f5ce16e1126a6323b89e086b8b69ee3c181bee87a7be40df7eb11b57d0d");
}

TEST(UnsealedCommitment, ComputeCommDChecks) {
  const auto expect_error = [](std::uint64_t sector, const std::vector<PieceInfo>& pieces,
                               std::string_view text) {
    try {
      compute_comm_d(sector, pieces);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  const PieceInfo small{PaddedPieceSize(128), Node32{}};
  expect_error(2048, std::vector<PieceInfo>(17, small), "Too many pieces");
  expect_error(2048, {PieceInfo{PaddedPieceSize(4096), Node32{}}}, "Piece is larger than sector.");
  expect_error(2048, {small, PieceInfo{PaddedPieceSize(384), Node32{}}},
               "Piece size (384) must be a power of 2.");
  expect_error(2048, {PieceInfo{PaddedPieceSize(64), Node32{}}}, "minimum padded piece size");
  expect_error(std::uint64_t{1} << 62,
               {PieceInfo{PaddedPieceSize(std::uint64_t{1} << 63), Node32{}},
                PieceInfo{PaddedPieceSize(std::uint64_t{1} << 63), Node32{}}},
               "Piece is larger than sector.");
}

TEST(UnsealedCommitment, LotusPaddingRejectsPiecesThatDoNotFit) {
  const std::vector<PieceInfo> pieces = {PieceInfo{PaddedPieceSize(128), Node32{}},
                                         PieceInfo{PaddedPieceSize(2048), Node32{}}};
  try {
    generate_unsealed_commitment(RegisteredSealProof::StackedDrg2KiBV1_1, pieces);
    FAIL() << "overfull sector accepted";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("do not fit the sector"), std::string::npos) << e.what();
  }
  EXPECT_THROW(generate_unsealed_commitment(RegisteredSealProof::StackedDrg2KiBV1_1,
                                            std::vector{PieceInfo{PaddedPieceSize(300), Node32{}}}),
               ModelError);
}

RC_GTEST_PROP(UnsealedCommitment, OneFullSectorPieceIsItsOwnCommD, (std::uint64_t seed)) {
  const auto size = *rc::gen::inRange<std::size_t>(1, 2033);  // fits a 2 KiB sector
  Bytes payload(size);
  DeterministicRng(seed).fill(payload);
  const PieceCommitment commp = compute_piece_commitment(payload, PaddedPieceSize(2048));
  const std::vector<PieceInfo> pieces = {PieceInfo{commp.piece_size, commp.commitment}};
  RC_ASSERT(compute_comm_d(2048, pieces) == commp.commitment);
  RC_ASSERT(generate_unsealed_commitment(RegisteredSealProof::StackedDrg2KiBV1_1, pieces) ==
            commp.commitment);
}

// Pieces of random data and sizes placed as Lotus places them: CommD equals the tree root of the
// padded sector written out byte by byte (pieces at their offsets, zeros elsewhere).
RC_GTEST_PROP(UnsealedCommitment, LotusPaddingEqualsTheExplicitSector, (std::uint64_t seed)) {
  constexpr std::uint64_t kSector = 8 * 1024;
  DeterministicRng rng(seed);
  Bytes sector(kSector, 0);
  std::vector<PieceInfo> pieces;
  std::uint64_t offset = 0;
  const auto count = *rc::gen::inRange<std::size_t>(1, 6);
  for (std::size_t i = 0; i < count; ++i) {
    const PaddedPieceSize size(std::uint64_t{128} << *rc::gen::inRange(0, 5));
    const std::uint64_t start = (offset + size.bytes() - 1) / size.bytes() * size.bytes();
    if (start + size.bytes() > kSector) break;
    Bytes payload(size.unpadded().bytes());
    rng.fill(payload);
    const Bytes padded = fr32::pad(payload);
    std::memcpy(sector.data() + start, padded.data(), padded.size());
    pieces.push_back(PieceInfo{size, compute_piece_commitment(payload).commitment});
    offset = start + size.bytes();
  }
  const Node32 expected = padded_tree_root(sector);
  RC_ASSERT(compute_comm_d(kSector, pieces_with_lotus_padding(kSector, pieces)) == expected);
  // In an 8 MiB sector the same pieces are followed by zeros up to the sector size.
  RC_ASSERT(generate_unsealed_commitment(RegisteredSealProof::StackedDrg8MiBV1_1, pieces) ==
            zero_pad_piece_commitment(expected, PaddedPieceSize(kSector),
                                      PaddedPieceSize(8 * 1024 * 1024)));
}

}  // namespace
}  // namespace sealsim
