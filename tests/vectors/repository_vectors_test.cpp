// repository_vectors_test.cpp: every vector file in vectors/ passes against the model, and the
// published vectors of spec sections 1-6 are all present.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>

#include "vectors/vector_runner.hpp"

namespace sealsim::vectors {
namespace {

TEST(RepositoryVectors, AllCasesPass) {
  std::ostringstream out;
  RunSummary summary = run_vectors({SEALSIM_VECTORS_DIR}, out);
  EXPECT_EQ(summary.failed, 0u) << out.str();
  EXPECT_GT(summary.passed, 200u);
  EXPECT_EQ(summary.results.size(), summary.passed + summary.failed);
}

TEST(RepositoryVectors, EveryPublishedVectorOfSpecSections1To6IsPresent) {
  std::ostringstream out;
  RunSummary summary = run_vectors({SEALSIM_VECTORS_DIR}, out);
  const char* ids[] = {"V-FR32-1 ",
                       "V-FR32-2 ",
                       "V-FR32-3 ",
                       "V-FR32-4 ",
                       "V-FR32-5 ",
                       "V-FR32-6 ",
                       "V-FR32-7 ",
                       "V-SIZE-1 ",
                       "V-SIZE-2 ",
                       "V-SIZE-3 ",
                       "V-SIZE-4 ",
                       "V-SIZE-5 ",
                       "V-ZERO level 31",
                       "V-COMMP-1 ZeroPad",
                       "V-COMMP-2 zero.txt 1024",
                       "V-COMMP-2 0xCC.txt 96",
                       "V-COMMP-3 random.txt 4194304",
                       "V-COMMP-4 ",
                       "V-COMMP-5 Test8MiBUnpad",
                       "V-COMMP-5 TestHashChunk2L root",
                       "V-COMMP-6 ",
                       "V-COMMP-7 ",
                       "V-CID ",
                       "V-COMMD-1 10 deals alone",
                       "V-COMMD-1 10 deals + explicit",
                       "V-COMMD-2 "};
  auto count_prefix = [&](std::string_view prefix) {
    std::size_t matches = 0;
    for (const VectorResult& r : summary.results) {
      if (r.id.rfind(prefix, 0) == 0) ++matches;
    }
    return matches;
  };
  for (const char* id : ids) {
    EXPECT_GT(count_prefix(id), 0u) << "no vector case id starts with \"" << id << "\"";
  }
  EXPECT_EQ(count_prefix("V-ZERO level "), 32u);
  EXPECT_EQ(count_prefix("V-COMMP-2 "), 36u);
  EXPECT_EQ(count_prefix("V-COMMP-3 "), 78u);
}

TEST(RepositoryVectors, ResultsAreInPathOrderAndOneLinePerCase) {
  std::ostringstream out;
  RunSummary summary = run_vectors({SEALSIM_VECTORS_DIR}, out);
  for (std::size_t i = 1; i < summary.results.size(); ++i) {
    EXPECT_LE(summary.results[i - 1].file, summary.results[i].file);
  }
  std::size_t lines = 0;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) {
    EXPECT_EQ(line.rfind("PASS ", 0), 0u) << line;
    ++lines;
  }
  EXPECT_EQ(lines, summary.results.size());
}

}  // namespace
}  // namespace sealsim::vectors
