// chacha_block_test.cpp: the ChaCha block function against RFC 7539 (20 rounds), OpenSSL's
// ChaCha20 and the spec's ChaCha8 intermediates (vectors-published.md V-GRAPH-3).
#include "model/chacha_block.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <rapidcheck/gtest.h>

#include <memory>

#include "model/bytes.hpp"
#include "model/model_error.hpp"

namespace sealsim {
namespace {

Bytes serialize(const ChaChaWords& words) {
  Bytes out;
  for (std::uint32_t w : words) {
    for (unsigned i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(w >> (8 * i)));
  }
  return out;
}

std::array<std::uint8_t, 32> key_from_hex(std::string_view hex) { return node_from_hex(hex); }

// RFC 7539 §2.3.2: key 00..1f, nonce 000000090000004a00000000, block count 1.
TEST(ChaChaBlock, Rfc7539BlockFunctionVector) {
  auto key = key_from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  ChaChaWords out = chacha_block(chacha_input(key, 1, 0x09000000, 0x4a000000, 0), 20);
  EXPECT_EQ(to_hex(serialize(out)),
            "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
            "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
}

// RFC 7539 appendix A.1 test vector #1: all-zero key, nonce and counter.
TEST(ChaChaBlock, Rfc7539ZeroKeyVector) {
  ChaChaWords out = chacha_block(chacha_input({}, 0, 0, 0, 0), 20);
  EXPECT_EQ(to_hex(serialize(out)),
            "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
            "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
}

TEST(ChaChaBlock, RejectsOddOrZeroRounds) {
  EXPECT_THROW(chacha_block(chacha_input({}, 0, 0, 0, 0), 0), ModelError);
  EXPECT_THROW(chacha_block(chacha_input({}, 0, 0, 0, 0), 7), ModelError);
}

// OpenSSL's ChaCha20 (IV = LE32 counter ‖ 12-byte nonce) is an independent implementation.
RC_GTEST_PROP(ChaChaBlock, TwentyRoundsMatchOpenSsl,
              (std::array<std::uint8_t, 32> key, std::uint32_t counter, std::uint32_t n0,
               std::uint32_t n1, std::uint32_t n2)) {
  std::array<std::uint32_t, 4> iv_words{counter, n0, n1, n2};
  std::array<unsigned char, 16> iv{};
  for (std::size_t i = 0; i < 16; ++i) iv[i] = static_cast<unsigned char>(iv_words[i / 4] >> (8 * (i % 4)));
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                     &EVP_CIPHER_CTX_free);
  RC_ASSERT(EVP_EncryptInit_ex(ctx.get(), EVP_chacha20(), nullptr, key.data(), iv.data()) == 1);
  std::array<unsigned char, 64> zeros{};
  std::array<unsigned char, 64> keystream{};
  int length = 0;
  RC_ASSERT(EVP_EncryptUpdate(ctx.get(), keystream.data(), &length, zeros.data(), 64) == 1);
  RC_ASSERT(length == 64);
  Bytes ours = serialize(chacha_block(chacha_input(key, counter, n0, n1, n2), 20));
  RC_ASSERT(ours == Bytes(keystream.begin(), keystream.end()));
}

// V-GRAPH-3: ChaCha8 keyed with drg_seed(2 KiB, porep id 5) ‖ LE32(2); first four u64 outputs.
TEST(ChaChaBlock, ChaCha8DrgStreamForNodeTwo) {
  auto key = key_from_hex("3be68542ec229705b99be29c2106b0e4222ccd1d0311398ea4d22d7d02000000");
  ChaChaWords out = chacha_block(chacha_input(key, 0, 0, 0, 0), 8);
  auto u64 = [&out](std::size_t i) { return std::uint64_t{out[2 * i]} | (std::uint64_t{out[2 * i + 1]} << 32); };
  EXPECT_EQ(u64(0), 0x3a14c87ba30a5e38U);
  EXPECT_EQ(u64(1), 0xe5774f6b89fd48f5U);
  EXPECT_EQ(u64(2), 0x05c3ca7f37752ee1U);
  EXPECT_EQ(u64(3), 0x5f433c9a32c60ef0U);
}

}  // namespace
}  // namespace sealsim
