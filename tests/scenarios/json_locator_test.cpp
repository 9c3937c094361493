// json_locator_test.cpp: positions of values and keys by JSON pointer, duplicate keys.
#include <gtest/gtest.h>

#include "scenarios/json_locator.hpp"

namespace sealsim::scenarios {
namespace {

TEST(JsonLocator, FindsValuesAndKeysByPointer) {
  const std::string text = "{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": \"x}]\\\"\"},\n    7\n  ]\n}\n";
  const JsonLocator locator(text);
  EXPECT_EQ(locator.value_position("").line, 1u);
  EXPECT_EQ(locator.value_position("/a").line, 2u);
  EXPECT_EQ(locator.value_position("/a").column, 8u);
  EXPECT_EQ(locator.key_position("/a").column, 3u);
  EXPECT_EQ(locator.value_position("/b/0").line, 4u);
  EXPECT_EQ(locator.value_position("/b/0/c").column, 11u);
  // The string value holds "}]\"" which must not end the object or array early.
  EXPECT_EQ(locator.value_position("/b/1").line, 5u);
  EXPECT_FALSE(locator.duplicate_key().has_value());
}

TEST(JsonLocator, AbsentPointerFallsBackToNearestAncestor) {
  const JsonLocator locator("{\n \"end\": {\n  }\n}");
  EXPECT_EQ(locator.value_position("/end/epoch").line, 2u);
  EXPECT_EQ(locator.value_position("/missing").line, 1u);
}

TEST(JsonLocator, ReportsTheSecondCopyOfADuplicateKey) {
  const JsonLocator locator("{\"x\": {\"k\": 1,\n \"k\": 2}}");
  ASSERT_TRUE(locator.duplicate_key().has_value());
  EXPECT_EQ(*locator.duplicate_key(), "/x/k");
  EXPECT_EQ(locator.key_position("/x/k").line, 2u);
}

TEST(JsonLocator, EscapesPointerTokens) {
  EXPECT_EQ(escape_pointer_token("a/b~c"), "a~1b~0c");
  const JsonLocator locator("{\"a/b\": 5}");
  EXPECT_EQ(locator.value_position("/a~1b").column, 9u);
}

TEST(PositionOfOffset, CountsLinesAndColumns) {
  EXPECT_EQ(position_of_offset("ab\ncd", 4).line, 2u);
  EXPECT_EQ(position_of_offset("ab\ncd", 4).column, 2u);
  EXPECT_EQ(position_of_offset("ab", 99).column, 3u);
}

}  // namespace
}  // namespace sealsim::scenarios
