// sha256_trunc254_test.cpp: node hashing against OpenSSL (both kernels), published chunk hashes
// (curio TestHashChunk, V-COMMP-5) and the FIPS 180 "abc" digest.
#include "model/sha256_trunc254.hpp"

#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <rapidcheck/gtest.h>

#include <cstring>

namespace sealsim {
namespace {

using Kernel = void (*)(const std::uint8_t*, std::uint8_t*, std::size_t);

// Independent reference: OpenSSL's SHA-256 of each 64-byte pair, top two bits cleared.
Bytes reference_parents(const Bytes& children) {
  Bytes parents(children.size() / 2);
  for (std::size_t i = 0; i < children.size() / 64; ++i) {
    SHA256(children.data() + 64 * i, 64, parents.data() + 32 * i);
    parents[32 * i + 31] &= 0x3f;
  }
  return parents;
}

// Random children for 0..9 parents: covers the two-lane path, the odd single lane and empty.
void check_kernel_against_openssl(Kernel kernel) {
  const auto parent_count = *rc::gen::inRange<std::size_t>(0, 10);
  const auto children =
      *rc::gen::container<Bytes>(64 * parent_count, rc::gen::arbitrary<std::uint8_t>());
  const Bytes expected = reference_parents(children);
  Bytes parents(32 * parent_count, 0xee);
  kernel(children.data(), parents.data(), parent_count);
  RC_ASSERT(parents == expected);
  // In place, as tree reduction uses it.
  Bytes in_place = children;
  kernel(in_place.data(), in_place.data(), parent_count);
  RC_ASSERT(Bytes(in_place.begin(),
                  in_place.begin() + static_cast<std::ptrdiff_t>(32 * parent_count)) == expected);
}

RC_GTEST_PROP(Sha256Trunc254, GenericKernelMatchesOpenSsl, ()) {
  check_kernel_against_openssl(&sha256_kernels::hash_node_pairs_generic);
}

TEST(Sha256Trunc254, ShaNiKernelMatchesOpenSsl) {
  if (!sha256_kernels::cpu_has_sha_ni()) GTEST_SKIP() << "no SHA extensions on this CPU";
  EXPECT_TRUE(rc::check("SHA-NI kernel matches OpenSSL", [] {
    check_kernel_against_openssl(&sha256_kernels::hash_node_pairs_sha_ni);
  }));
}

TEST(Sha256Trunc254, ShaNiKernelIsTestedWhereAvailable) {
  if (!sha256_kernels::cpu_has_sha_ni()) GTEST_SKIP() << "no SHA extensions on this CPU";
  EXPECT_EQ(sha256_implementation(), "sha-ni");
}

RC_GTEST_PROP(Sha256Trunc254, NodePairEqualsTruncatedDigestOfConcatenation,
              (const Node32& left, const Node32& right)) {
  Bytes message(left.begin(), left.end());
  message.insert(message.end(), right.begin(), right.end());
  RC_ASSERT(hash_node_pair(left, right) == sha256_trunc254(message));
}

// FIPS 180-2 example: SHA-256("abc") = ba7816bf…f20015ad; the last byte 0xad loses its top bits.
TEST(Sha256Trunc254, ClearsTheTopTwoBitsOfTheLastByte) {
  const std::uint8_t abc[] = {'a', 'b', 'c'};
  EXPECT_EQ(to_hex(sha256_trunc254(abc)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f200152d");
}

// curio lib/proof/treed_build_test.go TestHashChunk and TestHashChunk2L (V-COMMP-5).
TEST(Sha256Trunc254, CurioChunkHashes) {
  Node32 one{};
  one[0] = 0x01;
  const Node32 zero{};
  EXPECT_EQ(to_hex(hash_node_pair(one, zero)),
            "16abab341fb7f370e27e4dadcf81766dd0dfd0ae64469477bb2cf6614938b22f");
  std::uint8_t leaves[128] = {};
  leaves[0] = 0x01;
  std::uint8_t level1[64];
  hash_node_pairs(leaves, level1, 2);
  EXPECT_EQ(to_hex(ByteSpan(level1 + 32, 32)),
            "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b");
  std::uint8_t root[32];
  hash_node_pairs(level1, root, 1);
  EXPECT_EQ(to_hex(ByteSpan(root, 32)),
            "0dd6dae41c2f75550129594fb644e4a842cfafb316a2d59321e388fe84a1ec2f");
}

}  // namespace
}  // namespace sealsim
