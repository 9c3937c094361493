#include "model/cid.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

// Zero commitment of 128 bytes and its piece CID (vectors-published.md V-ZERO level 2).
constexpr const char* kZero128Hex = "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333";
constexpr const char* kZero128Cid = "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy";

TEST(Cid, UnsealedCommitmentEncodesToPublishedString) {
  const Cid cid = commitment_to_cid(CommitmentKind::Unsealed, node_from_hex(kZero128Hex));
  EXPECT_EQ(cid.to_string(), kZero128Cid);
  EXPECT_EQ(to_hex(cid.to_bytes()).substr(0, 14), "0181e203922020");
}

TEST(Cid, SealedCommitmentHasSealedPrefix) {
  // V-MOCK: sealed commitment of the mock 2 KiB sector and its published-form CID.
  const Node32 comm_r =
      node_from_hex("33f818bc2790796a3723524835b9244f4ad4928fb286e9adfa16e59682927efc");
  const Cid cid = commitment_to_cid(CommitmentKind::Sealed, comm_r);
  EXPECT_EQ(cid.to_string(), "bagboea4b5abcam7ydc6cpedzni3sgusigw4sit2k2sji7mug5gw7ufxfs2bje7x4");
  EXPECT_EQ(to_hex(cid.to_bytes()).substr(0, 16), "0182e20381e80220");
}

TEST(Cid, DecodesPublishedString) {
  EXPECT_EQ(to_hex(as_span(parse_commitment_cid(CommitmentKind::Unsealed, kZero128Cid))),
            kZero128Hex);
}

std::string error_of(CommitmentKind kind, const std::string& text) {
  try {
    parse_commitment_cid(kind, text);
  } catch (const ModelError& e) {
    return e.what();
  }
  return "";
}

TEST(Cid, RejectsMalformedStringsWithAReason) {
  EXPECT_NE(error_of(CommitmentKind::Unsealed, "").find("empty"), std::string::npos);
  EXPECT_NE(error_of(CommitmentKind::Unsealed, "zaga6ea4").find("multibase"), std::string::npos);
  EXPECT_NE(error_of(CommitmentKind::Unsealed, "baga6ea4seaq!").find("base32"), std::string::npos);
  EXPECT_NE(error_of(CommitmentKind::Unsealed, "baga6ea4seaqdomn3").find("length"),
            std::string::npos);
  // A valid unsealed CID is the wrong codec for a sealed commitment.
  EXPECT_NE(error_of(CommitmentKind::Sealed, kZero128Cid).find("unexpected commitment codec"),
            std::string::npos);
  // Right codec, wrong multihash.
  Cid wrong_hash = commitment_to_cid(CommitmentKind::Unsealed, Node32{});
  wrong_hash.multihash_code = 0x12;
  EXPECT_NE(error_of(CommitmentKind::Unsealed, wrong_hash.to_string())
                .find("incorrect hashing function for data commitment"),
            std::string::npos);
  // Right codec and hash, 31-byte digest.
  Cid short_digest = commitment_to_cid(CommitmentKind::Unsealed, Node32{});
  short_digest.digest.pop_back();
  EXPECT_NE(error_of(CommitmentKind::Unsealed, short_digest.to_string())
                .find("commitments must be 32 bytes long"),
            std::string::npos);
  // Every error names the input.
  EXPECT_NE(error_of(CommitmentKind::Unsealed, "bxyz").find("'bxyz'"), std::string::npos);
}

RC_GTEST_PROP(Cid, CommitmentRoundTripsThroughString, (std::array<std::uint8_t, 32> bytes, bool sealed)) {
  const CommitmentKind kind = sealed ? CommitmentKind::Sealed : CommitmentKind::Unsealed;
  const std::string text = commitment_to_cid(kind, bytes).to_string();
  RC_ASSERT(text.rfind(sealed ? "bagboea4b5abc" : "baga6ea4seaq", 0) == 0);
  RC_ASSERT(parse_commitment_cid(kind, text) == bytes);
}

RC_GTEST_PROP(Cid, Base32RoundTrips, (std::vector<std::uint8_t> bytes)) {
  RC_ASSERT(base32_decode(base32_encode(bytes)) == bytes);
}

}  // namespace
}  // namespace sealsim
