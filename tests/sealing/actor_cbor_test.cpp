// actor_cbor_test.cpp: the CBOR of ProveCommitSectorParams and PublishStorageDealsReturn against
// encodings worked out by hand from RFC 8949 and the cbor-gen tuple layout.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sealing/actor_cbor.hpp"

namespace sealsim::sealing {
namespace {

TEST(ActorCbor, ProveCommitSectorParamsIsATupleOfNumberAndProof) {
  // array(2) = 0x82; uint 5 = 0x05; bytes(3) = 0x43 01 02 03.
  EXPECT_EQ(encode_prove_commit_sector_params(5, Bytes{1, 2, 3}),
            (Bytes{0x82, 0x05, 0x43, 0x01, 0x02, 0x03}));
  // uint 1000 = 0x19 03e8; bytes(0) = 0x40.
  EXPECT_EQ(encode_prove_commit_sector_params(1000, Bytes{}), (Bytes{0x82, 0x19, 0x03, 0xe8, 0x40}));
}

TEST(ActorCbor, PublishStorageDealsReturnRoundTrips) {
  // array(1) [ array(2) [9, 10] ].
  const Bytes encoded{0x81, 0x82, 0x09, 0x0a};
  EXPECT_EQ(encode_publish_storage_deals_return({9, 10}), encoded);
  const auto ids = decode_publish_storage_deals_return(encoded);
  ASSERT_TRUE(ids.has_value()) << ids.error();
  EXPECT_EQ(*ids, (std::vector<DealId>{9, 10}));
  const auto big = decode_publish_storage_deals_return(encode_publish_storage_deals_return({70000}));
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(*big, (std::vector<DealId>{70000}));
}

TEST(ActorCbor, PublishStorageDealsReturnRejectsWhatCborGenRejects) {
  const std::string applesauce = "applesauce";
  auto error = [](const Bytes& bytes) {
    const auto result = decode_publish_storage_deals_return(bytes);
    EXPECT_FALSE(result.has_value());
    return result.error();
  };
  EXPECT_EQ(error(Bytes(applesauce.begin(), applesauce.end())), "cbor input should be of type array");
  EXPECT_EQ(error(Bytes{0x82, 0x80, 0x80}), "cbor input had wrong number of fields");
  EXPECT_EQ(error(Bytes{0x81, 0x05}), "expected cbor array");
  EXPECT_EQ(error(Bytes{0x81, 0x81, 0x20}), "wrong type for uint64 field");  // -1
  EXPECT_EQ(error(Bytes{0x81, 0x82, 0x09}), "unexpected EOF");
  EXPECT_EQ(error(Bytes{}), "unexpected EOF");
}

}  // namespace
}  // namespace sealsim::sealing
