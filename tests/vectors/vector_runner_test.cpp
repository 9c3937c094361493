// vector_runner_test.cpp: how cases pass and fail: differing outputs, expected and unexpected
// errors, consistency checks, and the result lines.
#include "vectors/vector_runner.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/vectors/temp_vector_dir.hpp"

namespace sealsim::vectors {
namespace {

using testing::TempVectorDir;
using testing::vector_document;

TEST(VectorRunner, ReportsExpectedAndActualValueOfADifferingOutput) {
  TempVectorDir dir;
  auto file = dir.write("sizes.json", vector_document("padreader-padded-size", R"([
    {"id": "right", "input": {"payload": 128}, "expect": {"unpadded": 254}},
    {"id": "wrong", "input": {"payload": 128}, "expect": {"unpadded": 127}}])"));
  std::ostringstream out;
  RunSummary summary = run_vectors({file}, out);
  EXPECT_EQ(summary.passed, 1u);
  ASSERT_EQ(summary.failed, 1u);
  EXPECT_EQ(summary.results[1].detail, "unpadded: expected 127, got 254");
  std::string f = file.generic_string();
  EXPECT_EQ(out.str(),
            "PASS " + f + " right\nFAIL " + f + " wrong: unpadded: expected 127, got 254\n");
}

TEST(VectorRunner, ComparesByteStringsGivenAsGenerators) {
  TempVectorDir dir;
  auto file = dir.write("fr32.json", vector_document("fr32-pad", R"([
    {"id": "ff", "input": {"data": {"generator": "repeat", "byte": "ff", "length": 32}},
     "expect": {"padded": {"generator": "concat", "parts": [
        {"generator": "repeat", "byte": "ff", "length": 31}, "3f03",
        {"generator": "repeat", "byte": "00", "length": 31}]}}},
    {"id": "ff-wrong", "input": {"data": {"generator": "repeat", "byte": "ff", "length": 32}},
     "expect": {"padded": {"generator": "repeat", "byte": "ff", "length": 64}}}])"));
  std::ostringstream out;
  RunSummary summary = run_vectors({file}, out);
  EXPECT_EQ(summary.passed, 1u);
  ASSERT_EQ(summary.failed, 1u);
  EXPECT_NE(summary.results[1].detail.find("padded: expected ffff"), std::string::npos)
      << summary.results[1].detail;
}

TEST(VectorRunner, ExpectErrorPassesOnlyWithAMatchingModelError) {
  TempVectorDir dir;
  auto file = dir.write("sizes.json", vector_document("piece-size", R"([
    {"id": "match", "input": {"padded": 1025}, "hints": {"expect-error": "padded piece size must be a power of 2"}},
    {"id": "any", "input": {"padded": 8}, "hints": {"expect-error": true}},
    {"id": "other-text", "input": {"padded": 8}, "hints": {"expect-error": "must be a power of 2"}},
    {"id": "no-error", "input": {"padded": 1024}, "hints": {"expect-error": true}},
    {"id": "unexpected", "input": {"unpadded": 9}, "expect": {"padded": 9}}])"));
  std::ostringstream out;
  RunSummary summary = run_vectors({file}, out);
  ASSERT_EQ(summary.results.size(), 5u);
  EXPECT_TRUE(summary.results[0].passed);
  EXPECT_TRUE(summary.results[1].passed);
  EXPECT_FALSE(summary.results[2].passed);
  EXPECT_NE(summary.results[2].detail.find("minimum padded piece size is 128 bytes"),
            std::string::npos);
  EXPECT_FALSE(summary.results[3].passed);
  EXPECT_EQ(summary.results[3].detail, "expected an error, got success");
  EXPECT_FALSE(summary.results[4].passed);
  EXPECT_NE(summary.results[4].detail.find("unexpected error: "), std::string::npos);
}

TEST(VectorRunner, OptionalExpectationsAreComparedWhenPresent) {
  TempVectorDir dir;
  auto file = dir.write("commp.json", vector_document("commp", R"([
    {"id": "size-wrong", "input": {"payload": {"generator": "repeat", "byte": "00", "length": 127}},
     "expect": {"pieceCid": "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy", "paddedSize": 256}}])"));
  std::ostringstream out;
  RunSummary summary = run_vectors({file}, out);
  ASSERT_EQ(summary.failed, 1u);
  EXPECT_EQ(summary.results[0].detail, "paddedSize: expected 256, got 128");
}

TEST(VectorRunner, DirectoriesAreSearchedRecursivelyInPathOrder) {
  TempVectorDir dir;
  std::string one = R"([{"id": "a", "input": {"payload": 1}, "expect": {"unpadded": 127}}])";
  dir.write("b/two.json", vector_document("padreader-padded-size", one, "two"));
  dir.write("a/one.json", vector_document("padreader-padded-size", one, "one"));
  dir.write("a/notes.txt", "not a vector file");
  std::ostringstream out;
  RunSummary summary = run_vectors({dir.path()}, out);
  ASSERT_EQ(summary.results.size(), 2u);
  EXPECT_EQ(summary.results[0].file, (dir.path() / "a/one.json").generic_string());
  EXPECT_EQ(summary.results[1].file, (dir.path() / "b/two.json").generic_string());
}

}  // namespace
}  // namespace sealsim::vectors
