// fr32_test.cpp: fr32 padding against the published vectors (V-FR32-1..7), an independent
// bit-by-bit model of spec proofs.md §1.1, and streaming/one-shot equivalence.
#include "model/fr32.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// §1.1 taken literally: bit i of the input stream (LSB-first in each byte) becomes bit i mod 254
// of node i div 254; Fr32Reader emits ceil(8n / 254) nodes.
Bytes pad_bit_by_bit(ByteSpan in) {
  const std::size_t bits = 8 * in.size();
  Bytes out(32 * ((bits + 253) / 254), 0);
  for (std::size_t i = 0; i < bits; ++i) {
    if ((in[i / 8] >> (i % 8)) & 1) {
      const std::size_t out_bit = 256 * (i / 254) + i % 254;
      out[out_bit / 8] = static_cast<std::uint8_t>(out[out_bit / 8] | (1u << (out_bit % 8)));
    }
  }
  return out;
}

Bytes repeated(std::uint8_t value, std::size_t count) { return Bytes(count, value); }

// V-FR32-1 (rust fr32 reader.rs test_simple_single).
TEST(Fr32, ThirtyTwoBytesOfOnes) {
  const Bytes out = fr32::pad(repeated(0xff, 32));
  ASSERT_EQ(out.size(), 64u);
  for (std::size_t i = 0; i < 31; ++i) EXPECT_EQ(out[i], 0xff) << i;
  EXPECT_EQ(out[31], 0x3f);
  EXPECT_EQ(out[32], 0x03);
  for (std::size_t i = 33; i < 64; ++i) EXPECT_EQ(out[i], 0x00) << i;
}

// V-FR32-2 (test_simple_127, test_full).
TEST(Fr32, OneBlockOfOnes) {
  const std::string node = std::string(62, 'f') + "3f";
  EXPECT_EQ(to_hex(fr32::pad(repeated(0xff, 127))), node + node + node + node);
}

// V-FR32-3 (test_exotic).
TEST(Fr32, ExoticStream) {
  Bytes in;
  for (int copy = 0; copy < 2; ++copy) {
    for (std::uint8_t b = 1; b <= 31; ++b) in.push_back(b);
    in.push_back(0xff);
  }
  for (int b : {0x09, 0x09, 0x09, 0xff}) in.push_back(static_cast<std::uint8_t>(b));
  ASSERT_EQ(in.size(), 68u);
  const Bytes out = fr32::pad(in);
  ASSERT_EQ(out.size(), 96u);
  for (std::size_t i = 0; i <= 30; ++i) EXPECT_EQ(out[i], i + 1) << i;
  EXPECT_EQ(out[31], 0x3f);
  EXPECT_EQ(out[32], 0x07);
  for (std::size_t i = 33; i <= 62; ++i) EXPECT_EQ(out[i], ((i - 31) << 2) & 0xff) << i;
  const std::uint8_t tail[] = {0x3c, 0x9f, 0x90, 0x90, 0xf0, 0x0f};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(out[63 + i], tail[i]) << 63 + i;
  for (std::size_t i = 69; i < 96; ++i) EXPECT_EQ(out[i], 0x00) << i;
}

// V-FR32-4 (test_simple_short).
TEST(Fr32, ShortInputGivesOneNode) {
  const Bytes out = fr32::pad(repeated(0x03, 30));
  ASSERT_EQ(out.size(), 32u);
  EXPECT_EQ(Bytes(out.begin(), out.begin() + 30), repeated(0x03, 30));
  EXPECT_EQ(out[30], 0);
  EXPECT_EQ(out[31], 0);
}

// V-FR32-6 (Lotus TestPadChunkFFI inputs, computed outputs).
TEST(Fr32, LotusChunkVectors) {
  const auto nodes = [](std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d,
                        std::uint8_t last_of_a, std::uint8_t last_of_b, std::uint8_t last_of_c,
                        std::uint8_t last_of_d) {
    Bytes out;
    for (auto [fill, last] :
         {std::pair{a, last_of_a}, {b, last_of_b}, {c, last_of_c}, {d, last_of_d}}) {
      Bytes node(31, fill);
      node.push_back(last);
      out.insert(out.end(), node.begin(), node.end());
    }
    return out;
  };
  EXPECT_EQ(fr32::pad(repeated(0x01, 127)), nodes(0x01, 0x04, 0x10, 0x40, 0x01, 0x04, 0x10, 0x00));
  EXPECT_EQ(fr32::pad(repeated(0x80, 127)), nodes(0x80, 0x02, 0x08, 0x20, 0x00, 0x02, 0x08, 0x20));
  EXPECT_EQ(
      to_hex(fr32::pad(repeated(0x3c, 127))),
      "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3cf0f0f0f0f0f0f0f0f0f0f0f0"
      "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f030c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3"
      "c3c3c3c3c3c3c3030f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f");
}

// V-FR32-7 (computed by the spec's Python model).
TEST(Fr32, CountingBlock) {
  Bytes in(127);
  for (std::size_t i = 0; i < in.size(); ++i) in[i] = static_cast<std::uint8_t>(i);
  const std::string expected =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f8084888c9094989ca0a4a8acb0b4"
      "b8bcc0c4c8ccd0d4d8dce0e4e8ecf0f4f83c03142434445464748494a4b4c4d4e4f404152535455565758595a5b5"
      "c5d5e535175898d8185999d9195a9ada1a5b9bdb1b5c9cdc1c5d9ddd1d5e9ede1e5f9f1f";
  std::uint8_t out[128];
  fr32::pad_block(in.data(), out);
  EXPECT_EQ(to_hex(ByteSpan(out, 128)), expected);
  std::uint8_t back[127];
  fr32::unpad_block(out, back);
  EXPECT_EQ(Bytes(back, back + 127), in);
}

// V-FR32-5 (rust fr32 convert.rs test_bytes_into_fr_into_bytes).
TEST(Fr32, FieldElementValidity) {
  const auto node = [](std::string_view hex) { return node_from_hex(hex); };
  const std::string ones30(60, 'f');
  EXPECT_TRUE(fr32::is_valid_field_element(
      node("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")));
  EXPECT_FALSE(fr32::is_valid_field_element(node(ones30 + "ff73")));
  EXPECT_TRUE(fr32::is_valid_field_element(node(ones30 + "ff72")));
  EXPECT_TRUE(fr32::is_valid_field_element(node(ones30 + "ec73")));
  EXPECT_FALSE(fr32::is_valid_field_element(node(ones30 + "ed73")));
  // r itself and r - 1 (spec conventions).
  EXPECT_FALSE(fr32::is_valid_field_element(
      node("01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73")));
  EXPECT_TRUE(fr32::is_valid_field_element(
      node("00000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73")));
}

// §1.2 byte-offset conversion (rust to_padded_bytes / to_unpadded_bytes).
TEST(Fr32, ByteOffsetConversion) {
  EXPECT_EQ(fr32::padded_bytes(0), 0u);
  EXPECT_EQ(fr32::padded_bytes(30), 30u);  // 240 bits fit the first unit
  EXPECT_EQ(fr32::padded_bytes(32), 33u);  // 256 bits: 254 + 2 zero bits + 2 → 258 bits
  EXPECT_EQ(fr32::padded_bytes(127), 128u);
  EXPECT_EQ(fr32::padded_bytes(1016), 1024u);
  EXPECT_EQ(fr32::padded_bytes(34091302912), 34359738368u);
  EXPECT_EQ(fr32::unpadded_bytes(128), 127u);
  EXPECT_EQ(fr32::unpadded_bytes(33), 32u);
  EXPECT_EQ(fr32::unpadded_bytes(32), 31u);  // 256 bits → 254 bits → 31 whole bytes
  EXPECT_EQ(fr32::unpadded_bytes(34359738368), 34091302912u);
}

TEST(Fr32, UnpadRejectsTooFewPaddedBytes) {
  const Bytes padded = fr32::pad(repeated(0xab, 200));
  try {
    fr32::unpad(ByteSpan(padded).first(fr32::padded_bytes(200) - 1), 200);
    FAIL() << "unpad accepted a short input";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("200 unpadded bytes"), std::string::npos) << e.what();
  }
}

RC_GTEST_PROP(Fr32, PadMatchesBitByBitModel, (const std::vector<std::uint8_t>& data)) {
  RC_ASSERT(fr32::pad(data) == pad_bit_by_bit(data));
}

RC_GTEST_PROP(Fr32, UnpadInvertsPad, (const std::vector<std::uint8_t>& data)) {
  const Bytes padded = fr32::pad(data);
  RC_ASSERT(fr32::unpad(padded, data.size()) == data);
  // The exact byte count of §1.2 is enough.
  RC_ASSERT(fr32::unpad(ByteSpan(padded).first(fr32::padded_bytes(data.size())), data.size()) ==
            data);
}

RC_GTEST_PROP(Fr32, PaddedNodesAreFieldElements, (const std::vector<std::uint8_t>& data)) {
  const Bytes padded = fr32::pad(data);
  for (std::size_t at = 0; at < padded.size(); at += 32) {
    Node32 node;
    std::copy(padded.begin() + static_cast<std::ptrdiff_t>(at),
              padded.begin() + static_cast<std::ptrdiff_t>(at + 32), node.begin());
    RC_ASSERT(fr32::is_valid_field_element(node));
  }
}

// Splits `data` at the given cut points (sorted, clamped) into consecutive spans.
std::vector<ByteSpan> split(ByteSpan data, std::vector<std::size_t> cuts) {
  for (auto& cut : cuts) cut %= data.size() + 1;
  std::sort(cuts.begin(), cuts.end());
  std::vector<ByteSpan> parts;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    parts.push_back(data.subspan(from, cut - from));
    from = cut;
  }
  parts.push_back(data.subspan(from));
  return parts;
}

RC_GTEST_PROP(Fr32, StreamingPadEqualsOneShot,
              (const std::vector<std::uint8_t>& data, const std::vector<std::size_t>& cuts)) {
  fr32::Fr32Padder padder;
  Bytes streamed;
  for (ByteSpan part : split(data, cuts)) padder.write(part, streamed);
  RC_ASSERT(padder.unpadded_bytes_written() == data.size());
  padder.finish(streamed);
  RC_ASSERT(streamed == fr32::pad(data));
}

RC_GTEST_PROP(Fr32, StreamingUnpadEqualsOneShot,
              (const std::vector<std::uint8_t>& data, const std::vector<std::size_t>& cuts)) {
  const Bytes padded = fr32::pad(data);
  fr32::Fr32Unpadder unpadder(data.size());
  Bytes streamed;
  for (ByteSpan part : split(padded, cuts)) unpadder.write(part, streamed);
  unpadder.finish(streamed);
  RC_ASSERT(streamed == data);
}

RC_GTEST_PROP(Fr32, OffsetConversionsAreInverseOnWholeBytes, (std::uint32_t unpadded)) {
  // Every unpadded byte offset survives a round trip through the padded offset.
  RC_ASSERT(fr32::unpadded_bytes(fr32::padded_bytes(unpadded)) == unpadded);
}

}  // namespace
}  // namespace sealsim
