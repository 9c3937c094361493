// trace_parse_test.cpp: the trace parsers answer wrongly typed fields with their typed result
// (nullopt for an event line, std::runtime_error for a header), never with a json exception.
// Regressions of inputs fuzz/trace_fuzz.cpp found (fuzz/regressions/trace/).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "scenarios/trace.hpp"

namespace sealsim::scenarios {
namespace {

TEST(TraceParse, EventLinesWithWronglyTypedFieldsAreNotEventRecords) {
  for (const std::string line : {
           R"({"epoch":"invariant","sector":1,"event":"violation","details":"x"})",
           R"({"epoch":1.5e300,"event":"e"})",
           R"({"epoch":1.0,"event":"e"})",
           R"({"epoch":9223372036854775808,"event":"e"})",
           R"({"epoch":1,"event":7})",
           R"({"epoch":1,"event":"e","sector":-1})",
           R"({"epoch":1,"event":"e","deal":"3"})",
           R"({"epoch":1,"event":"e","component":["chain"]})",
           R"({"epoch":1,"event":"e","from":null})",
           R"({"epoch":1,"event":"e","to":{}})",
           R"({"epoch":1,"event":"e","details":false})",
       }) {
    EXPECT_EQ(parse_trace_line(line), std::nullopt) << line;
  }
}

TEST(TraceParse, EventLineWithEveryFieldParses) {
  const auto e = parse_trace_line(
      R"({"epoch":-3,"component":"chain","sector":2,"deal":5,"event":"e","from":"A","to":"B","details":"d"})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(*e, (TraceEvent{-3, "chain", 2, 5, "e", "A", "B", "d"}));
}

TEST(TraceParse, HeadersWithWronglyTypedFieldsThrowRuntimeError) {
  for (const std::string line : {
           R"({"record":1,"format":"sealsim-trace/1","seed":1,"scenario":"{}"})",
           R"({"record":"header","format":["sealsim-trace/1"],"seed":1,"scenario":"{}"})",
           R"({"record":"header","format":"sealsim-trace/1","seed":1,"scenario":"{}","proofs":2})",
           R"({"record":"header","format":"sealsim-trace/1","seed":1,"scenario":"{}","scenario_name":{}})",
           R"({"record":"header","format":"sealsim-trace/1","seed":1,"scenario":"{}","scenario_file":0})",
           R"({"record":"header","format":"sealsim-trace/1","seed":-1,"scenario":"{}"})",
       }) {
    EXPECT_THROW(parse_trace_header(line), std::runtime_error) << line;
  }
}

TEST(TraceParse, HeaderWithoutProofsMeansMock) {
  const TraceHeader h = parse_trace_header(R"({"record":"header","format":"sealsim-trace/1","seed":4,"scenario":"{}"})");
  EXPECT_EQ(h.proofs, "mock");
  EXPECT_EQ(h.seed, 4u);
  EXPECT_EQ(h.scenario_name, "");
}

}  // namespace
}  // namespace sealsim::scenarios
