// piece_padding_test.cpp: Lotus padding and filler pieces and rust piece alignment against the
// published tests (V-SIZE-3, V-SIZE-4) and the derived examples (V-SIZE-5).
#include "model/piece_padding.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <bit>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

std::vector<std::uint64_t> padded_bytes(const std::vector<PaddedPieceSize>& sizes) {
  std::vector<std::uint64_t> out;
  for (PaddedPieceSize s : sizes) out.push_back(s.bytes());
  return out;
}

// V-SIZE-5.
TEST(PiecePadding, RequiredPaddingExamples) {
  constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;
  EXPECT_TRUE(required_padding(PaddedPieceSize(0), PaddedPieceSize(2048)).pieces.empty());
  EXPECT_EQ(padded_bytes(required_padding(PaddedPieceSize(128), PaddedPieceSize(1024)).pieces),
            (std::vector<std::uint64_t>{128, 256, 512}));
  const PaddingPieces big =
      required_padding(PaddedPieceSize(256 * kMiB), PaddedPieceSize(1024 * kMiB));
  EXPECT_EQ(padded_bytes(big.pieces), (std::vector<std::uint64_t>{256 * kMiB, 512 * kMiB}));
  EXPECT_EQ(big.total, PaddedPieceSize(768 * kMiB));
  EXPECT_THROW(required_padding(PaddedPieceSize(128), PaddedPieceSize(0)), ModelError);
}

// lotus v1.11 extern/storage-sealing/utils_test.go TestFillersFromRem (V-SIZE-3).
TEST(PiecePadding, FillersFromRemaining) {
  const auto u = [](std::uint64_t padded) { return PaddedPieceSize(padded).unpadded(); };
  for (unsigned i = 8; i < 32; ++i) {
    const std::uint64_t p = std::uint64_t{1} << i;
    EXPECT_EQ(fillers_from_remaining(u(p)), (std::vector{u(p)})) << i;
    EXPECT_EQ(fillers_from_remaining(u(5 * p)), (std::vector{u(p), u(4 * p)})) << i;
    EXPECT_EQ(fillers_from_remaining(u(15 * p)), (std::vector{u(p), u(2 * p), u(4 * p), u(8 * p)}))
        << i;
    EXPECT_EQ(fillers_from_remaining(u(9 * p)), (std::vector{u(p), u(8 * p)})) << i;
  }
  EXPECT_TRUE(fillers_from_remaining(UnpaddedPieceSize(0)).empty());
  try {
    fillers_from_remaining(UnpaddedPieceSize(1000));
    FAIL() << "1000 bytes accepted";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("1000"), std::string::npos) << e.what();
  }
}

// rust filecoin-proofs tests/pieces.rs test_get_piece_alignment (V-SIZE-4).
TEST(PiecePadding, PieceAlignment) {
  struct Case {
    std::uint64_t written, piece, left, right;
  };
  const Case cases[] = {{0, 0, 0, 127},     {0, 127, 0, 0},      {0, 254, 0, 0},
                        {0, 508, 0, 0},     {0, 1016, 0, 0},     {127, 127, 0, 0},
                        {127, 254, 127, 0}, {127, 508, 381, 0},  {100, 100, 27, 27},
                        {200, 200, 54, 54}, {300, 300, 208, 208}};
  for (const Case& c : cases) {
    const PieceAlignment a = piece_alignment(c.written, c.piece);
    EXPECT_EQ(a.left_bytes, c.left) << c.written << "," << c.piece;
    EXPECT_EQ(a.right_bytes, c.right) << c.written << "," << c.piece;
  }
  // filecoin-ffi workflows.go: WriteWithAlignment(1016 bytes after [127]) → left 889, total 1905.
  const PieceAlignment ffi = piece_alignment(127, 1016);
  EXPECT_EQ(ffi.left_bytes, 889u);
  EXPECT_EQ(ffi.left_bytes + 1016 + ffi.right_bytes, 1905u);
  EXPECT_THROW(piece_alignment(0, ~std::uint64_t{0}), ModelError);
}

RC_GTEST_PROP(PiecePadding, RequiredPaddingFillsToTheNextMultiple, ()) {
  const auto new_length = std::uint64_t{128} << *rc::gen::inRange(0, 30);
  const auto old_length = *rc::gen::inRange<std::uint64_t>(0, std::uint64_t{1} << 40) * 128;
  const PaddingPieces padding =
      required_padding(PaddedPieceSize(old_length), PaddedPieceSize(new_length));
  std::uint64_t sum = 0;
  std::uint64_t previous = 0;
  for (PaddedPieceSize piece : padding.pieces) {
    RC_ASSERT(piece.is_valid());
    RC_ASSERT(piece.bytes() > previous);  // ascending, hence distinct powers of two
    previous = piece.bytes();
    sum += piece.bytes();
  }
  RC_ASSERT(sum == padding.total.bytes());
  RC_ASSERT((old_length + sum) % new_length == 0);
  RC_ASSERT(sum < new_length);
}

RC_GTEST_PROP(PiecePadding, FillersSumToTheRemainder, ()) {
  const auto remaining = *rc::gen::inRange<std::uint64_t>(0, std::uint64_t{1} << 40) * 127;
  std::uint64_t sum = 0;
  std::uint64_t previous = 0;
  for (UnpaddedPieceSize filler : fillers_from_remaining(UnpaddedPieceSize(remaining))) {
    RC_ASSERT(filler.is_valid());
    RC_ASSERT(filler.bytes() > previous);
    previous = filler.bytes();
    sum += filler.bytes();
  }
  RC_ASSERT(sum == remaining);
}

}  // namespace
}  // namespace sealsim
