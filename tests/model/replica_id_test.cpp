// replica_id_test.cpp: replica id against V-SEAL-1 (lotus-bench 2 KiB CC sector) and properties.
#include "model/replica_id.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace sealsim {
namespace {

TEST(ReplicaId, ProverIdIsLeb128OfTheActorId) {
  EXPECT_EQ(to_hex(as_span(prover_id_from_actor(1000))), "e807" + std::string(60, '0'));
  EXPECT_EQ(to_hex(as_span(prover_id_from_actor(0))), std::string(64, '0'));
  EXPECT_EQ(to_hex(as_span(prover_id_from_actor(127))), "7f" + std::string(62, '0'));
  EXPECT_EQ(to_hex(as_span(prover_id_from_actor(128))), "8001" + std::string(60, '0'));
}

// V-SEAL-1: t01000, sector 1, zero ticket, CommD of the zero 2 KiB sector, StackedDrg2KiBV1_1.
TEST(ReplicaId, LotusBench2KiBSector) {
  Node32 comm_d = node_from_hex("fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  Node32 id = compute_replica_id(prover_id_from_actor(1000), 1, Node32{}, comm_d,
                                 RegisteredSealProof::StackedDrg2KiBV1_1);
  EXPECT_EQ(to_hex(as_span(id)), "2940faa406e4c6cbad015e2b08e76fd9e3b0e5b852cea7f8174c02ba33039a01");
}

RC_GTEST_PROP(ReplicaId, IsFrSafeAndDependsOnSectorAndProof,
              (std::array<std::uint8_t, 32> prover, std::uint64_t sector, std::array<std::uint8_t, 32> ticket)) {
  Node32 comm_d{};
  Node32 a = compute_replica_id(prover, sector, ticket, comm_d, RegisteredSealProof::StackedDrg2KiBV1_1);
  RC_ASSERT((a[31] & 0xc0) == 0);
  RC_ASSERT(a != compute_replica_id(prover, sector + 1, ticket, comm_d, RegisteredSealProof::StackedDrg2KiBV1_1));
  RC_ASSERT(a != compute_replica_id(prover, sector, ticket, comm_d, RegisteredSealProof::StackedDrg2KiBV1));
}

}  // namespace
}  // namespace sealsim
