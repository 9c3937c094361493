// parent_cache_test.cpp: parent caches against the published SHA-256 digests of rust-fil-proofs'
// parent_cache.json (vectors-published.md V-GRAPH-1) for 2 KiB and 8 MiB, in memory and on disk.
#include "model/parent_cache.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

std::filesystem::path scratch_directory(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / ("sealsim-parent-cache-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ParentCache, Published2KiBDigests) {
  ParentCache v1 = ParentCache::in_memory(SdrGraph(RegisteredSealProof::StackedDrg2KiBV1));
  EXPECT_EQ(v1.bytes().size(), 3584U);
  EXPECT_EQ(to_hex(as_span(v1.digest())), "3da49221e2ed55371b86d0bf3d6526fcf128af61bed904f966428db1b531750d");
  ParentCache v1_1 = ParentCache::in_memory(SdrGraph(RegisteredSealProof::StackedDrg2KiBV1_1), 2);
  EXPECT_EQ(to_hex(as_span(v1_1.digest())), "840057702eea7652cf97e04306c30fe57174714d90de156a25eddd6075c25b97");
}

TEST(ParentCache, Published8MiBDigestV1InMemory) {
  ParentCache cache = ParentCache::in_memory(SdrGraph(RegisteredSealProof::StackedDrg8MiBV1), 2);
  EXPECT_EQ(cache.bytes().size(), 14680064U);
  EXPECT_EQ(to_hex(as_span(cache.digest())), "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce");
}

TEST(ParentCache, Published8MiBDigestV1_1InLotusFile) {
  SdrGraph graph(RegisteredSealProof::StackedDrg8MiBV1_1);
  auto dir = scratch_directory("8mib");
  const char* published = "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab";
  {
    ParentCache cache = ParentCache::create_file(graph, dir, 2);
    EXPECT_EQ(cache.file_path(), dir / graph.cache_file_name());
    EXPECT_EQ(to_hex(as_span(cache.digest())), published);
  }
  ParentCache reopened = ParentCache::open_file(graph, dir / graph.cache_file_name());
  EXPECT_EQ(to_hex(as_span(reopened.digest())), published);
  std::array<std::uint32_t, 14> expected{};
  for (std::uint64_t node : {std::uint64_t{0}, std::uint64_t{77777}, graph.nodes() - 1}) {
    graph.parents(node, expected);
    auto stored = reopened.parents(node);
    EXPECT_TRUE(std::equal(stored.begin(), stored.end(), expected.begin())) << node;
  }
  std::filesystem::remove_all(dir);
}

TEST(ParentCache, OpenFileRejectsAWrongSizeNamingTheFile) {
  auto dir = scratch_directory("short");
  auto path = dir / "short.cache";
  std::ofstream(path) << "not a cache";
  try {
    ParentCache::open_file(SdrGraph(RegisteredSealProof::StackedDrg2KiBV1_1), path);
    FAIL() << "expected ModelError";
  } catch (const ModelError& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("expected 3584"), std::string::npos) << error.what();
  }
  EXPECT_THROW(ParentCache::open_file(SdrGraph(RegisteredSealProof::StackedDrg2KiBV1_1), dir / "missing"),
               ModelError);
  std::filesystem::remove_all(dir);
}

TEST(ParentCache, OpenFileRejectsAnotherGraphsCacheOfTheSameSize) {
  auto dir = scratch_directory("other-graph");
  SdrGraph legacy(RegisteredSealProof::StackedDrg2KiBV1);
  SdrGraph current(RegisteredSealProof::StackedDrg2KiBV1_1);
  ParentCache written = ParentCache::create_file(legacy, dir);
  EXPECT_FALSE(std::filesystem::exists(dir / (legacy.cache_file_name() + ".partial")));
  EXPECT_THROW(ParentCache::open_file(current, dir / legacy.cache_file_name()), ModelError);
  std::filesystem::remove_all(dir);
}

TEST(ParentCache, OpenOrCreateReusesAnExistingFile) {
  auto dir = scratch_directory("reuse");
  SdrGraph graph(RegisteredSealProof::StackedDrg2KiBV1_1);
  Node32 first = ParentCache::open_or_create_file(graph, dir).digest();
  auto written = std::filesystem::last_write_time(dir / graph.cache_file_name());
  ParentCache again = ParentCache::open_or_create_file(graph, dir);
  EXPECT_EQ(again.digest(), first);
  EXPECT_EQ(std::filesystem::last_write_time(dir / graph.cache_file_name()), written);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sealsim
