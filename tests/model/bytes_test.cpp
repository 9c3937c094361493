#include "model/bytes.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

TEST(Bytes, HexRejectsOddLengthAndBadCharacters) {
  EXPECT_THROW(from_hex("abc"), ModelError);
  EXPECT_THROW(from_hex("zz"), ModelError);
  EXPECT_THROW(node_from_hex("00"), ModelError);
  EXPECT_EQ(from_hex("00FFa5"), (Bytes{0x00, 0xff, 0xa5}));
}

RC_GTEST_PROP(Bytes, HexRoundTrips, (std::vector<std::uint8_t> bytes)) {
  RC_ASSERT(from_hex(to_hex(bytes)) == bytes);
}

}  // namespace
}  // namespace sealsim
