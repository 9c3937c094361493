// sdr_slow_test.cpp: the 512 MiB parent caches against the published parent_cache.json digests
// (vectors-published.md V-GRAPH-1). 2^24 nodes, about 0.9 GB each and minutes of BLAKE2b on two
// cores, hence the `slow` label.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "model/parent_cache.hpp"

namespace sealsim {
namespace {

unsigned test_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

TEST(ParentCacheSlow, Published512MiBDigestV1_1) {
  ParentCache cache = ParentCache::in_memory(SdrGraph(RegisteredSealProof::StackedDrg512MiBV1_1), test_threads());
  EXPECT_EQ(cache.bytes().size(), 939524096U);
  EXPECT_EQ(to_hex(as_span(cache.digest())), "b5877d1963793efebc261fd8fde4dd6bc59e6b5c7abf52617a4ee023b8dc173a");
}

TEST(ParentCacheSlow, Published512MiBDigestV1) {
  ParentCache cache = ParentCache::in_memory(SdrGraph(RegisteredSealProof::StackedDrg512MiBV1), test_threads());
  EXPECT_EQ(to_hex(as_span(cache.digest())), "3adcc092423aa76d6a7184016893406da44dd974b219a89cd3ece25e4e3018f5");
}

}  // namespace
}  // namespace sealsim
