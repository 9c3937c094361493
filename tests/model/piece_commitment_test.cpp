// piece_commitment_test.cpp: CommP against published piece CIDs (V-COMMP-1, -2, -4, -5), against
// an explicitly built full tree hashed with OpenSSL, and across chunkings and thread counts.
#include "model/piece_commitment.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstring>

#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"
#include "tests/model/reference_piece_commitment.hpp"

namespace sealsim {
namespace {

std::string piece_cid(const Node32& commitment) {
  return commitment_to_cid(CommitmentKind::Unsealed, commitment).to_string();
}

Bytes random_payload(std::uint64_t seed, std::size_t size) {
  Bytes payload(size);
  DeterministicRng(seed).fill(payload);
  return payload;
}

using testing::reference_piece_commitment;

struct CidRow {
  std::uint64_t payload_bytes;
  std::uint64_t padded_bytes;
  const char* cid;
};

// go-fil-commp-hashhash testdata/zero.txt (V-COMMP-2).
constexpr CidRow kZeroRows[] = {
    {96, 128, "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy"},
    {126, 128, "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy"},
    {127, 128, "baga6ea4seaqdomn3tgwgrh3g532zopskstnbrd2n3sxfqbze7rxt7vqn7veigmy"},
    {192, 256, "baga6ea4seaqgiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy"},
    {253, 256, "baga6ea4seaqgiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy"},
    {254, 256, "baga6ea4seaqgiktap34inmaex4wbs6cghlq5i2j2yd2bb2zndn5ep7ralzphkdy"},
    {255, 512, "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"},
    {256, 512, "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"},
    {384, 512, "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"},
    {507, 512, "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"},
    {508, 512, "baga6ea4seaqfpirydiugkk7up5v666wkm6n6jlw6lby2wxht5mwaqekerdfykjq"},
    {509, 1024, "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"},
    {512, 1024, "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"},
    {768, 1024, "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"},
    {1015, 1024, "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"},
    {1016, 1024, "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly"},
    {1017, 2048, "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"},
    {1024, 2048, "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy"},
};

// go-fil-commp-hashhash testdata/0xCC.txt (V-COMMP-2).
constexpr CidRow kCcRows[] = {
    {96, 128, "baga6ea4seaqhwcjhi4krhl3ht6dewnwevkpxbepxy7p7onwgz65t52typbsysby"},
    {126, 128, "baga6ea4seaqapbh46gdnszvb7fcinevsy5bzg3b4higkh7groptswf6zas6jamy"},
    {127, 128, "baga6ea4seaqmfldjtozgne6adk7eve2vdxte7vzlivae7nzsbrawobo546zkijq"},
    {192, 256, "baga6ea4seaqkx7m2s6r4zahtlbwrs5ryvemkclwfp7nijopdd5swpdnxzjf7wkq"},
    {253, 256, "baga6ea4seaql6ldbyafhiecr36xba5tufreyo4km2ts3lfknhl2zogp3aztxijy"},
    {254, 256, "baga6ea4seaqkixbzz75uys2pcjbrbdilgjhmum72qm4xphrwav2iyel5oat4aka"},
    {255, 512, "baga6ea4seaqg7celu5y2iwbi2ra5koygvotxtzr5lj6vzvxi6gfub6mpa6niwpi"},
    {256, 512, "baga6ea4seaqi7c3dnwkqysqh4lpkz5jaxz2d2f5bvo3ttu2hnfmdewhcoji56na"},
    {384, 512, "baga6ea4seaqhexlmnzbarsbdbdahs7e36dkq5vkdwsrttehoakrif5wiqme36lq"},
    {507, 512, "baga6ea4seaqenvh5mcy5cjqwsbubbpczprkk2onwvfjd2743zkqh6ofuzkatwey"},
    {508, 512, "baga6ea4seaqb6ckbupixkhwp7thgb52f4en222boppajkqk7gaomkpof3lh4cei"},
    {509, 1024, "baga6ea4seaqdzbeaexq6gpbqh2tlnbz5mm5neap2kejsketkogzd6x2dx7dzkii"},
    {512, 1024, "baga6ea4seaqojaa522sjqms2wipasjbxnjgytunsgp52tgrfcofj73f7q7ou6hy"},
    {768, 1024, "baga6ea4seaqb6xvxaybzp6vslujjiwvgt23ckrwt7y53eddy5qmc6csnc37lwpi"},
    {1015, 1024, "baga6ea4seaqmgiyjcutwgo6glks2mogixs6mb4sbehto6uzienucfx23wbtkica"},
    {1016, 1024, "baga6ea4seaqjxgfdkdu37aryhg7bqqiwizj5f6ugasftgeocabwnj4cxkgisaoq"},
    {1017, 2048, "baga6ea4seaqf3n5ob5qonkwnxfcbjzftsagbnrjfzualqvzhcylz46b7sgz6wmi"},
    {1024, 2048, "baga6ea4seaqdlpnhgsndrgjeu4p46hahlsr4lybg6du4d56ooppdpxhcofxeuoi"},
};

void check_rows(std::uint8_t fill, std::span<const CidRow> rows) {
  for (const CidRow& row : rows) {
    const Bytes payload(row.payload_bytes, fill);
    const PieceCommitment commp = compute_piece_commitment(payload);
    EXPECT_EQ(piece_cid(commp.commitment), row.cid) << row.payload_bytes;
    EXPECT_EQ(commp.piece_size.bytes(), row.padded_bytes) << row.payload_bytes;
    EXPECT_EQ(commp.payload_bytes, row.payload_bytes);
  }
}

TEST(PieceCommitment, HashhashZeroFixtures) { check_rows(0x00, kZeroRows); }
TEST(PieceCommitment, HashhashCcFixtures) { check_rows(0xcc, kCcRows); }

// go-commp-utils TestZeroPadding, "biggest cat" (V-COMMP-1), including its ZeroPad part.
TEST(PieceCommitment, BiggestCat) {
  const std::string text = "i am the biggest cat, what do you think about that";
  ASSERT_EQ(text.size(), 50u);
  Bytes payload(text.begin(), text.end());
  payload.resize(127, 0);
  const PieceCommitment commp = compute_piece_commitment(payload);
  EXPECT_EQ(piece_cid(commp.commitment),
            "baga6ea4seaqozp3abki6vgdf7ztbipcycmxfyt2o64cpuyvdkczsjxsg7bqmioi");
  EXPECT_EQ(commp.piece_size, PaddedPieceSize(128));

  const std::string padded_cid = "baga6ea4seaqpqqnvcjg6ufhypxuzyct7gtrzzelz3ecpeplcdwhkttxcpeu7yma";
  EXPECT_EQ(piece_cid(zero_pad_piece_commitment(commp.commitment, PaddedPieceSize(128),
                                                PaddedPieceSize(512))),
            padded_cid);
  Bytes payload508 = payload;
  payload508.resize(508, 0);
  EXPECT_EQ(piece_cid(compute_piece_commitment(payload508).commitment), padded_cid);
  EXPECT_EQ(piece_cid(compute_piece_commitment(payload, PaddedPieceSize(512)).commitment),
            padded_cid);
}

// go-fil-commcid fixtures (V-COMMP-4): D = 127×00 ‖ 127×01 ‖ 127×02 ‖ 127×03.
TEST(PieceCommitment, CommcidFixtures) {
  Bytes d;
  for (std::uint8_t b = 0; b < 4; ++b) d.insert(d.end(), 127, b);
  EXPECT_EQ(piece_cid(compute_piece_commitment(d).commitment),
            "baga6ea4seaqes3nobte6ezpp4wqan2age2s5yxcatzotcvobhgcmv5wi2xh5mbi");
  const std::string cid1016 = "baga6ea4seaqn42av3szurbbscwuu3zjssvfwbpsvbjf6y3tukvlgl2nf5rha6pa";
  for (std::size_t zeros : {508u, 4u, 5u}) {
    Bytes payload = d;
    payload.resize(d.size() + zeros, 0);
    const PieceCommitment commp = compute_piece_commitment(payload);
    EXPECT_EQ(piece_cid(commp.commitment), cid1016) << zeros;
    EXPECT_EQ(commp.piece_size, PaddedPieceSize(1024));
  }
}

// curio lib/proof/treed_build_test.go Test2K, Test8MiB, Test8MiBUnpad (V-COMMP-5).
TEST(PieceCommitment, CurioTreeRoots) {
  Bytes padded2k(2048, 0);
  padded2k[0] = 0x01;
  EXPECT_EQ(piece_cid(padded_tree_root(padded2k)),
            "baga6ea4seaqovgk4kr4eoifujh6jfmdqvw3m6zrvyjqzu6s6abkketui6jjoydi");

  const std::string root8m = "23404a8880f9cbc72039cb8614359c2834845570fe95190bbd4d934142e8252c";
  Bytes padded8m(8 << 20, 0);
  padded8m[0] = 0x01;
  EXPECT_EQ(to_hex(padded_tree_root(padded8m)), root8m);
  Bytes unpadded8m(8323072, 0);
  unpadded8m[0] = 0x01;
  const PieceCommitment commp = compute_piece_commitment(unpadded8m, std::nullopt, 2);
  EXPECT_EQ(to_hex(commp.commitment), root8m);
  EXPECT_EQ(commp.piece_size, PaddedPieceSize(8 << 20));
  EXPECT_EQ(piece_cid(commp.commitment),
            "baga6ea4seaqcgqckrcapts6hea44xbqugwocqneekvyp5fizbo6u3e2biluckla");
}

TEST(PieceCommitment, PaddedTreeRootRejectsBadLengths) {
  for (std::size_t size : {0u, 32u, 96u, 3000u}) {
    EXPECT_THROW(padded_tree_root(Bytes(size, 0)), ModelError) << size;
  }
  // 64 bytes: the smallest tree, one node hash.
  Bytes two_leaves(64, 0);
  EXPECT_EQ(padded_tree_root(two_leaves), hash_node_pair(Node32{}, Node32{}));
}

TEST(PieceCommitment, EmptyPayloadIsAnError) {
  PieceCommitmentBuilder builder;
  builder.write({});
  try {
    builder.finish();
    FAIL() << "empty payload accepted";
  } catch (const ModelError& e) {
    EXPECT_STREQ(e.what(), "empty payload has no piece commitment");
  }
}

TEST(PieceCommitment, RequestedPieceSizeMustBeValidAndLargeEnough) {
  const Bytes payload(1017, 0x5a);  // needs 2048 padded bytes
  try {
    compute_piece_commitment(payload, PaddedPieceSize(1024));
    FAIL() << "too small piece accepted";
  } catch (const ModelError& e) {
    const std::string message = e.what();
    for (const char* number : {"1024", "2048", "1017"}) {
      EXPECT_NE(message.find(number), std::string::npos) << message;
    }
  }
  EXPECT_THROW(compute_piece_commitment(payload, PaddedPieceSize(3072)), ModelError);
  EXPECT_THROW(compute_piece_commitment(payload, PaddedPieceSize(64)), ModelError);
  EXPECT_EQ(compute_piece_commitment(payload, PaddedPieceSize(8192)).piece_size,
            PaddedPieceSize(8192));
}

TEST(PieceCommitment, BuilderIsReusableAfterFinish) {
  const Bytes first = random_payload(1, 5000);
  const Bytes second = random_payload(2, 300);
  PieceCommitmentBuilder builder(2);
  builder.write(first);
  EXPECT_EQ(builder.finish().commitment, compute_piece_commitment(first).commitment);
  builder.write(second);
  EXPECT_EQ(builder.finish().commitment, compute_piece_commitment(second).commitment);
  builder.write(second);
  EXPECT_THROW(builder.finish(PaddedPieceSize(128)), ModelError);
  builder.write(first);  // the failed finish left nothing behind
  EXPECT_EQ(builder.finish().commitment, compute_piece_commitment(first).commitment);
}

TEST(PieceCommitment, ZeroPadRejectsShrinking) {
  EXPECT_THROW(zero_pad_piece_commitment(Node32{}, PaddedPieceSize(512), PaddedPieceSize(256)),
               ModelError);
  EXPECT_THROW(zero_pad_piece_commitment(Node32{}, PaddedPieceSize(100), PaddedPieceSize(256)),
               ModelError);
}

// Writes `payload` in pieces cut at pseudo-random points drawn from `seed`.
PieceCommitment streamed(ByteSpan payload, unsigned threads, std::uint64_t seed,
                         std::size_t max_write,
                         std::optional<PaddedPieceSize> piece = std::nullopt) {
  DeterministicRng rng(seed);
  PieceCommitmentBuilder builder(threads);
  while (!payload.empty()) {
    const std::size_t take =
        std::min<std::size_t>(payload.size(), rng.uniform_between(0, max_write));
    builder.write(payload.first(take));
    payload = payload.subspan(take);
  }
  return builder.finish(piece);
}

// Chunk boundaries: exactly one chunk, one byte more, several chunks with a partial last chunk.
TEST(PieceCommitment, MultiChunkPayloadsMatchTheFullTree) {
  constexpr std::size_t kChunk = PieceCommitmentBuilder::kChunkUnpaddedBytes;
  for (std::size_t size : {kChunk, kChunk + 1, 2 * kChunk + 5}) {
    const Bytes payload = random_payload(size, size);
    const PaddedPieceSize piece = padded_size_for_payload(size).padded();
    const Node32 expected = reference_piece_commitment(payload, piece);
    EXPECT_EQ(compute_piece_commitment(payload).commitment, expected) << size;
    EXPECT_EQ(compute_piece_commitment(payload, std::nullopt, 3).commitment, expected) << size;
    EXPECT_EQ(streamed(payload, 2, size, 300000).commitment, expected) << size;
  }
}

RC_GTEST_PROP(PieceCommitment, StreamedEqualsFullTree, (std::uint64_t seed)) {
  const auto size = *rc::gen::inRange<std::size_t>(1, 20000);
  const auto extra_levels = *rc::gen::inRange<unsigned>(0, 3);
  const Bytes payload = random_payload(seed, size);
  const PaddedPieceSize minimum = padded_size_for_payload(size).padded();
  const PaddedPieceSize piece(minimum.bytes() << extra_levels);
  const PieceCommitment commp = streamed(payload, 1, seed, 3000, piece);
  RC_ASSERT(commp.commitment == reference_piece_commitment(payload, piece));
  RC_ASSERT(commp.piece_size == piece);
  RC_ASSERT(commp.payload_bytes == size);
  RC_ASSERT(zero_pad_piece_commitment(compute_piece_commitment(payload).commitment, minimum,
                                      piece) == commp.commitment);
}

RC_GTEST_PROP(PieceCommitment, ChunkedAndMultithreadedEqualSingleThreaded, (std::uint64_t seed)) {
  // Mostly small payloads, some across several 1 MiB chunks.
  const auto size =
      *rc::gen::weightedOneOf<std::size_t>({{11, rc::gen::inRange<std::size_t>(1, 100000)},
                                            {1, rc::gen::inRange<std::size_t>(1000000, 2200000)}});
  const auto threads = *rc::gen::inRange<unsigned>(0, 5);
  const auto max_write = *rc::gen::inRange<std::size_t>(1, 2000000);
  const Bytes payload = random_payload(seed, size);
  const Node32 single = compute_piece_commitment(payload).commitment;
  RC_ASSERT(streamed(payload, threads, seed, max_write).commitment == single);
  RC_ASSERT(compute_piece_commitment(payload, std::nullopt, threads).commitment == single);
}

}  // namespace
}  // namespace sealsim
