// vector_file_error_test.cpp: malformed vector files are rejected before anything runs, with a
// VectorFileError naming the file, the JSON path and what was expected.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "tests/vectors/temp_vector_dir.hpp"
#include "vectors/vector_file.hpp"
#include "vectors/vector_file_error.hpp"
#include "vectors/vector_runner.hpp"

namespace sealsim::vectors {
namespace {

using testing::TempVectorDir;
using testing::vector_document;

// Runs the file and returns the VectorFileError message (fails the test when none is thrown or
// when anything was run).
std::string error_of(const std::filesystem::path& file) {
  std::ostringstream out;
  try {
    run_vectors({file}, out);
  } catch (const VectorFileError& e) {
    EXPECT_EQ(out.str(), "") << "cases ran before the file was rejected";
    return e.what();
  }
  ADD_FAILURE() << "no VectorFileError for " << file;
  return {};
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "\"" << part << "\" not in: " << message;
}

const std::string kGoodCase =
    R"({"id": "a", "input": {"payload": 1}, "expect": {"unpadded": 127}})";

TEST(VectorFileErrors, BrokenJson) {
  TempVectorDir dir;
  auto file = dir.write("broken.json", R"({"_meta": {"id": "x", )");
  std::string message = error_of(file);
  expect_contains(message, file.generic_string() + ": broken JSON");
}

// A number beyond double is broken JSON too, not an escaping json::out_of_range (found by
// fuzz/vector_file_fuzz.cpp; fuzz/regressions/vector_file/number-overflow-*).
TEST(VectorFileErrors, NumberBeyondDoubleIsBrokenJson) {
  TempVectorDir dir;
  auto file = dir.write("overflow.json", R"({"_meta": {"id": 1e999}})");
  expect_contains(error_of(file), file.generic_string() + ": broken JSON");
  const auto text_error = [] {
    try {
      (void)load_vector_text(R"({"kind": -142e8252})", "text.json");
    } catch (const VectorFileError& e) {
      return std::string(e.what());
    }
    return std::string("no VectorFileError");
  };
  expect_contains(text_error(), "text.json: broken JSON");
}

TEST(VectorFileErrors, WrongTypeNamesThePathAndTheExpectation) {
  TempVectorDir dir;
  auto file = dir.write(
      "f.json",
      vector_document(
          "padreader-padded-size",
          "[" + kGoodCase +
              R"(, {"id": "b", "input": {"payload": "128"}, "expect": {"unpadded": 254}}])"));
  EXPECT_EQ(error_of(file), file.generic_string() +
                                ": /cases/1/input/payload: expected a non-negative integer, got "
                                "the string \"128\"");
}

TEST(VectorFileErrors, NegativeNumber) {
  TempVectorDir dir;
  auto file = dir.write(
      "f.json",
      vector_document("padreader-padded-size",
                      R"([{"id": "a", "input": {"payload": 1}, "expect": {"unpadded": -127}}])"));
  expect_contains(error_of(file), ": /cases/0/expect/unpadded: expected a non-negative integer");
}

TEST(VectorFileErrors, UnknownKindListsTheKnownOnes) {
  TempVectorDir dir;
  auto file = dir.write("f.json", vector_document("commq", "[" + kGoodCase + "]"));
  std::string message = error_of(file);
  expect_contains(message, file.generic_string() + ": /kind: expected a known kind (");
  expect_contains(message, "commp");
  expect_contains(message, "got the string \"commq\"");
}

TEST(VectorFileErrors, MissingFields) {
  TempVectorDir dir;
  auto no_expect = dir.write(
      "a.json",
      vector_document("padreader-padded-size", R"([{"id": "a", "input": {"payload": 1}}])"));
  EXPECT_EQ(error_of(no_expect),
            no_expect.generic_string() + ": /cases/0: missing required field \"expect\"");
  auto no_input_field = dir.write(
      "b.json", vector_document("padreader-padded-size",
                                R"([{"id": "a", "input": {}, "expect": {"unpadded": 127}}])"));
  EXPECT_EQ(error_of(no_input_field), no_input_field.generic_string() +
                                          ": /cases/0/input: missing required field \"payload\"");
  auto no_meta = dir.write("c.json", R"({"kind": "commp", "cases": []})");
  EXPECT_EQ(error_of(no_meta), no_meta.generic_string() + ": /: missing required field \"_meta\"");
}

TEST(VectorFileErrors, UnknownFieldsAreErrors) {
  TempVectorDir dir;
  auto in_expect = dir.write(
      "a.json",
      vector_document(
          "padreader-padded-size",
          R"([{"id": "a", "input": {"payload": 1}, "expect": {"unpadded": 127, "padded": 128}}])"));
  EXPECT_EQ(error_of(in_expect), in_expect.generic_string() +
                                     ": /cases/0/expect/padded: unknown field (expected only: "
                                     "unpadded)");
  auto top = dir.write(
      "b.json",
      R"({"_meta": {"id": "x", "description": "d", "gen": [{"source": "s", "version": "v"}], "tags": ["published"]}, "kind": "commp", "cases": [], "selector": {}})");
  expect_contains(error_of(top), top.generic_string() + ": /selector: unknown field");
}

TEST(VectorFileErrors, DuplicateKeysAndCaseIds) {
  TempVectorDir dir;
  auto dup_key = dir.write(
      "a.json",
      vector_document(
          "padreader-padded-size",
          R"([{"id": "a", "input": {"payload": 1, "payload": 2}, "expect": {"unpadded": 127}}])"));
  EXPECT_EQ(error_of(dup_key),
            dup_key.generic_string() +
                ": /cases/0/input/payload: duplicate key (each key may appear once)");
  auto dup_id = dir.write(
      "b.json", vector_document("padreader-padded-size", "[" + kGoodCase + ", " + kGoodCase + "]"));
  expect_contains(error_of(dup_id), dup_id.generic_string() + ": /cases/1/id: duplicate case id");
}

TEST(VectorFileErrors, BadHexAndGenerators) {
  TempVectorDir dir;
  auto bad_hex = dir.write(
      "a.json",
      vector_document("fr32-pad",
                      R"([{"id": "a", "input": {"data": "0g"}, "expect": {"padded": "00"}}])"));
  expect_contains(error_of(bad_hex),
                  bad_hex.generic_string() + ": /cases/0/input/data: expected a hex string");
  auto bad_generator = dir.write(
      "b.json",
      vector_document(
          "fr32-pad",
          R"([{"id": "a", "input": {"data": {"generator": "concat", "parts": [{"generator": "random", "length": 4}]}}, "expect": {"padded": "00"}}])"));
  expect_contains(error_of(bad_generator),
                  bad_generator.generic_string() +
                      ": /cases/0/input/data/parts/0/generator: expected one of the generators");
  auto huge = dir.write(
      "c.json",
      vector_document(
          "fr32-pad",
          R"([{"id": "a", "input": {"data": {"generator": "repeat", "byte": "00", "length": 1099511627776}}, "expect": {"padded": "00"}}])"));
  expect_contains(error_of(huge), huge.generic_string() +
                                      ": /cases/0/input/data/length: expected a length of at most");
}

TEST(VectorFileErrors, ProvenanceAndShapeRules) {
  TempVectorDir dir;
  auto no_provenance = dir.write(
      "a.json",
      R"({"_meta": {"id": "x", "description": "d", "gen": [{"source": "s", "version": "v"}], "tags": ["fr32"]}, "kind": "fr32-pad", "cases": [{"id": "a", "input": {"data": "00"}, "expect": {"padded": "00"}}]})");
  expect_contains(error_of(no_provenance),
                  no_provenance.generic_string() + ": /_meta/tags: expected a provenance tag");
  auto both = dir.write(
      "b.json",
      vector_document(
          "piece-size",
          R"([{"id": "a", "input": {"padded": 128, "unpadded": 127}, "expect": {"padded": 128}}])"));
  EXPECT_EQ(error_of(both),
            both.generic_string() +
                ": /cases/0/input: expected exactly one of \"unpadded\" or \"padded\"");
  auto error_and_expect = dir.write(
      "c.json",
      vector_document(
          "piece-size",
          R"([{"id": "a", "input": {"padded": 8}, "expect": {"unpadded": 8}, "hints": {"expect-error": true}}])"));
  expect_contains(error_of(error_and_expect),
                  error_and_expect.generic_string() +
                      ": /cases/0/expect: a case with an \"expect-error\" hint has no \"expect\"");
  auto no_cases = dir.write("d.json", vector_document("piece-size", "[]"));
  expect_contains(error_of(no_cases),
                  no_cases.generic_string() + ": /cases: expected at least one case");
}

TEST(VectorFileErrors, EnumerationsAndPieces) {
  TempVectorDir dir;
  auto kind = dir.write(
      "a.json",
      vector_document(
          "cid-decode",
          R"([{"id": "a", "input": {"commitmentKind": "replica", "cid": "b"}, "expect": {"commitment": "00"}}])"));
  EXPECT_EQ(error_of(kind), kind.generic_string() +
                                ": /cases/0/input/commitmentKind: expected \"unsealed\" or "
                                "\"sealed\", got the string \"replica\"");
  auto piece = dir.write(
      "b.json",
      vector_document(
          "compute-comm-d",
          R"([{"id": "a", "input": {"sectorSize": 2048, "pieces": [{"padded": 128}]}, "expect": {"commD": "00"}}])"));
  EXPECT_EQ(error_of(piece), piece.generic_string() +
                                 ": /cases/0/input/pieces/0: expected exactly one of \"pieceCid\" "
                                 "or \"commitment\"");
}

TEST(VectorFileErrors, MissingPathsAndEmptyDirectories) {
  TempVectorDir dir;
  EXPECT_EQ(error_of(dir.path() / "absent.json"),
            (dir.path() / "absent.json").generic_string() + ": no such vector file or directory");
  std::filesystem::create_directories(dir.path() / "empty");
  expect_contains(error_of(dir.path() / "empty"), "directory holds no *.json vector files");
}

TEST(VectorFileErrors, OneBadFileStopsTheWholeRunBeforeAnyCase) {
  TempVectorDir dir;
  dir.write("a-good.json", vector_document("padreader-padded-size", "[" + kGoodCase + "]", "good"));
  dir.write(
      "b-bad.json",
      vector_document("padreader-padded-size",
                      R"([{"id": "a", "input": {"payload": true}, "expect": {"unpadded": 127}}])",
                      "bad"));
  expect_contains(
      error_of(dir.path()),
      "b-bad.json: /cases/0/input/payload: expected a non-negative integer, got the boolean true");
}

TEST(VectorFileErrors, DuplicateMetaIdsAcrossFiles) {
  TempVectorDir dir;
  dir.write("a.json", vector_document("padreader-padded-size", "[" + kGoodCase + "]", "same"));
  dir.write("b.json", vector_document("padreader-padded-size", "[" + kGoodCase + "]", "same"));
  expect_contains(error_of(dir.path()), "b.json: /_meta/id: \"same\" is already the id of");
}

}  // namespace
}  // namespace sealsim::vectors
