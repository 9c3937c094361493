// cow_containers_test.cpp: the copy-on-write containers of the chain's state behave as std::map,
// std::set and std::vector values (a copy never sees a later write of the original nor the other
// way round), iterate in key order across chunks, and share what no write touched.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "chain-mock/cow_containers.hpp"
#include "model/deterministic_rng.hpp"

namespace sealsim::chain {
namespace {

template <class K, class V>
std::map<K, V> as_map(const CowMap<K, V>& m) {
  std::map<K, V> out;
  for (const auto& [k, v] : m) out.emplace(k, v);
  return out;
}

TEST(CowMap, CopiesAreIndependentValues) {
  CowMap<std::uint64_t, std::string> a;
  a[1] = "one";
  a[300] = "three hundred";  // another chunk
  CowMap<std::uint64_t, std::string> b = a;
  b[1] = "uno";
  b[5000] = "new";
  EXPECT_EQ(b.erase(300), 1u);
  EXPECT_EQ(as_map(a), (std::map<std::uint64_t, std::string>{{1, "one"}, {300, "three hundred"}}));
  EXPECT_EQ(as_map(b), (std::map<std::uint64_t, std::string>{{1, "uno"}, {5000, "new"}}));
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(b.size(), 2u);
  a[2] = "two";
  EXPECT_EQ(b.count(2), 0u);
  EXPECT_EQ(a.at(2), "two");
  EXPECT_THROW(b.at(2), std::out_of_range);
}

TEST(CowMap, ReadsFindAndIterateInKeyOrderAcrossChunks) {
  CowMap<std::uint64_t, int> m;
  for (std::uint64_t k : {900u, 3u, 129u, 128u, 127u, 0u, 100'000u}) m[k] = static_cast<int>(k);
  std::vector<std::uint64_t> keys;
  for (const auto& [k, v] : m) {
    keys.push_back(k);
    EXPECT_EQ(v, static_cast<int>(k));
  }
  EXPECT_EQ(keys, (std::vector<std::uint64_t>{0, 3, 127, 128, 129, 900, 100'000}));
  EXPECT_NE(m.find(128), m.end());
  EXPECT_EQ(m.find(128)->second, 128);
  EXPECT_EQ(m.find(126), m.end());
  EXPECT_EQ(m.find(5'000'000), m.end());
  EXPECT_EQ(m.erase(126), 0u);
  EXPECT_EQ(m.erase(3), 1u);
  EXPECT_EQ(m.erase(0), 1u);  // its chunk keeps 127
  EXPECT_EQ(m.erase(127), 1u);  // its chunk is now empty and dropped
  keys.clear();
  for (const auto& [k, v] : m) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::uint64_t>{128, 129, 900, 100'000}));
  CowMap<std::uint64_t, int> empty;
  EXPECT_EQ(empty.begin(), empty.end());
  EXPECT_TRUE(empty.empty());
}

TEST(CowMap, RandomWritesOnCopiesMatchStdMap) {
  // Each step copies the previous value (as the chain copies a tipset's state) and writes to the
  // copy; every earlier version must keep its contents.
  DeterministicRng rng(42);
  std::vector<CowMap<std::uint64_t, std::uint64_t>> versions(1);
  std::vector<std::map<std::uint64_t, std::uint64_t>> expected(1);
  for (int step = 0; step < 300; ++step) {
    versions.push_back(versions.back());
    expected.push_back(expected.back());
    for (int write = 0; write < 5; ++write) {
      const std::uint64_t key = rng.next_u64() % 2000;
      if (rng.next_u64() % 3 == 0) {
        EXPECT_EQ(versions.back().erase(key), expected.back().erase(key));
      } else {
        versions.back()[key] = static_cast<std::uint64_t>(step);
        expected.back()[key] = static_cast<std::uint64_t>(step);
      }
    }
  }
  for (std::size_t i = 0; i < versions.size(); ++i) {
    EXPECT_EQ(as_map(versions[i]), expected[i]) << "version " << i;
    EXPECT_EQ(versions[i].size(), expected[i].size()) << "version " << i;
  }
}

TEST(CowSet, InsertEraseAndIndependentCopies) {
  CowSet<std::uint64_t> a;
  EXPECT_TRUE(a.insert(7));
  EXPECT_FALSE(a.insert(7));
  EXPECT_TRUE(a.insert(1'000));
  CowSet<std::uint64_t> b = a;
  EXPECT_EQ(b.erase(7), 1u);
  EXPECT_TRUE(b.insert(3));
  EXPECT_EQ(std::set<std::uint64_t>(a.begin(), a.end()), (std::set<std::uint64_t>{7, 1'000}));
  EXPECT_EQ(std::set<std::uint64_t>(b.begin(), b.end()), (std::set<std::uint64_t>{3, 1'000}));
  EXPECT_FALSE(a == b);
  b.erase(3);
  b.insert(7);
  EXPECT_TRUE(a == b);
}

TEST(CowVector, MutateCopiesOnlyForTheWriter) {
  CowVector<std::vector<int>> a;
  a.resize(3);
  a.mutate(1).push_back(5);
  CowVector<std::vector<int>> b = a;
  b.mutate(1).push_back(6);
  b.push_back({9});
  EXPECT_EQ(a.size(), 3u);
  EXPECT_EQ(b.size(), 4u);
  EXPECT_EQ(a[1], (std::vector<int>{5}));
  EXPECT_EQ(b[1], (std::vector<int>{5, 6}));
  EXPECT_EQ(b[3], (std::vector<int>{9}));
  EXPECT_EQ(&a[0], &b[0]);  // untouched elements stay shared
  std::vector<std::vector<int>> walked;
  for (const std::vector<int>& item : b) walked.push_back(item);
  EXPECT_EQ(walked, (std::vector<std::vector<int>>{{}, {5, 6}, {}, {9}}));
  EXPECT_THROW(a.mutate(3), std::out_of_range);
}

}  // namespace
}  // namespace sealsim::chain
