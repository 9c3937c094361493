#include "model/piece_size.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// go-state-types abi/piece_test.go TestPieceSize (vectors-published.md V-SIZE-1).
TEST(PieceSize, ValidSizesConvertBothWays) {
  const std::pair<std::uint64_t, std::uint64_t> pairs[] = {
      {127, 128}, {1016, 1024}, {34091302912, 34359738368}};
  for (auto [unpadded, padded] : pairs) {
    EXPECT_NO_THROW(UnpaddedPieceSize(unpadded).validate());
    EXPECT_NO_THROW(PaddedPieceSize(padded).validate());
    EXPECT_EQ(UnpaddedPieceSize(unpadded).padded(), PaddedPieceSize(padded));
    EXPECT_EQ(PaddedPieceSize(padded).unpadded(), UnpaddedPieceSize(unpadded));
  }
}

TEST(PieceSize, InvalidUnpaddedSizesNameTheRuleAndValue) {
  for (std::uint64_t bad : {9ULL, 128ULL, 99453687ULL, 1016ULL + 0x1000000ULL}) {
    EXPECT_FALSE(UnpaddedPieceSize(bad).is_valid()) << bad;
    try {
      UnpaddedPieceSize(bad).validate();
      ADD_FAILURE() << bad << " validated";
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(std::to_string(bad)), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(
      {
        try {
          UnpaddedPieceSize(9).validate();
        } catch (const ModelError& e) {
          EXPECT_NE(std::string(e.what()).find("minimum piece size is 127 bytes"), std::string::npos);
          throw;
        }
      },
      ModelError);
}

TEST(PieceSize, InvalidPaddedSizes) {
  for (std::uint64_t bad : {8ULL, 127ULL, 99453687ULL, 0xc00ULL, 1025ULL}) {
    EXPECT_FALSE(PaddedPieceSize(bad).is_valid()) << bad;
    EXPECT_THROW(PaddedPieceSize(bad).validate(), ModelError) << bad;
  }
}

// go-padreader TestComputePaddedSize (V-SIZE-2).
TEST(PieceSize, PaddedSizeForPayload) {
  const std::pair<std::uint64_t, std::uint64_t> cases[] = {
      {1000000, 1040384}, {1, 127},     {32, 127},    {127, 127},   {128, 254},  {548, 1016},
      {1015, 1016},       {1016, 1016}, {1017, 2032}, {1024, 2032}, {2048, 4064}};
  for (auto [payload, expected] : cases) {
    EXPECT_EQ(padded_size_for_payload(payload).bytes(), expected) << payload;
  }
}

RC_GTEST_PROP(PieceSize, ValidSizesRoundTrip, ()) {
  const auto shift = *rc::gen::inRange(0, 57);
  const PaddedPieceSize padded(std::uint64_t{128} << shift);
  RC_ASSERT(padded.is_valid());
  RC_ASSERT(padded.unpadded().is_valid());
  RC_ASSERT(padded.unpadded().padded() == padded);
  RC_ASSERT(padded.log2() == static_cast<unsigned>(shift + 7));
}

RC_GTEST_PROP(PieceSize, PayloadFitsItsPieceAndNotTheHalf, ()) {
  const auto payload = *rc::gen::inRange<std::uint64_t>(1, std::uint64_t{1} << 40);
  const UnpaddedPieceSize size = padded_size_for_payload(payload);
  RC_ASSERT(size.is_valid());
  RC_ASSERT(size.bytes() >= payload);
  RC_ASSERT(size.bytes() == 127 || size.bytes() / 2 < payload);
}

}  // namespace
}  // namespace sealsim
