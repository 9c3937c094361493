// pipeline_wiring_test.cpp: the chain side of the scenario pipeline's wiring: the CBOR parameters
// the sector handlers send decode into exactly the typed parameters chain-mock's miner actor takes
// (and malformed bytes are an error, never a made-up message); the batchers' typed messages map
// one-to-one; the mock aggregate prover's output is what chain-mock's verifier accepts.
#include <gtest/gtest.h>

#include "chain-mock/mock_proof_verifier.hpp"
#include "model/cid.hpp"
#include "scenarios/batcher_chain_adapter.hpp"
#include "scenarios/message_param_decoding.hpp"
#include "sealing/actor_cbor.hpp"
#include "sealing/message_params.hpp"

namespace sealsim::scenarios {
namespace {

Node32 filled(std::uint8_t v) {
  Node32 out{};
  out.fill(v);
  return out;
}

sealing::SectorPreCommitInfo sample_precommit() {
  sealing::SectorPreCommitInfo p;
  p.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  p.sector_number = 300;  // above 255: a two-byte CBOR integer
  p.sealed_cid = commitment_to_cid(CommitmentKind::Sealed, filled(7));
  p.seal_rand_epoch = 4'000;
  p.deal_ids = {1, 70'000};
  p.expiration = 1'600'000;
  return p;
}

TEST(MessageParamDecoding, PreCommitSectorDecodesToWhatWasEncoded) {
  const auto decoded = decode_miner_params(chain::method::kPreCommitSector,
                                           sealing::encode_pre_commit_params(sample_precommit()));
  ASSERT_TRUE(decoded) << decoded.error();
  const auto* params = std::get_if<chain::PreCommitSectorParams>(&*decoded);
  ASSERT_NE(params, nullptr);
  EXPECT_EQ(*params, to_chain_precommit(sample_precommit()));
  EXPECT_EQ(params->sealed_cid, filled(7));
  EXPECT_EQ(params->deal_ids, (std::vector<DealId>{1, 70'000}));
}

TEST(MessageParamDecoding, ProveCommitSectorDecodesToWhatWasEncoded) {
  const Bytes proof(192, 0xab);
  const auto decoded = decode_miner_params(chain::method::kProveCommitSector,
                                           sealing::encode_prove_commit_sector_params(42, proof));
  ASSERT_TRUE(decoded) << decoded.error();
  const auto* params = std::get_if<chain::ProveCommitSectorParams>(&*decoded);
  ASSERT_NE(params, nullptr);
  EXPECT_EQ(params->sector_number, 42u);
  EXPECT_EQ(params->proof, proof);
}

TEST(MessageParamDecoding, MalformedOrUnexpectedParametersAreErrors) {
  Bytes truncated = sealing::encode_pre_commit_params(sample_precommit());
  truncated.resize(truncated.size() - 3);
  const auto a = decode_miner_params(chain::method::kPreCommitSector, truncated);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error(), "method 6: malformed CBOR parameters");
  // A ProveCommitSector encoding is not a SectorPreCommitInfo.
  const auto b = decode_miner_params(chain::method::kPreCommitSector,
                                     sealing::encode_prove_commit_sector_params(1, Bytes(4, 0)));
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error(), "method 6: SectorPreCommitInfo: expected an array of 10 fields");
  sealing::SectorPreCommitInfo replacing = sample_precommit();
  replacing.replace_capacity = true;
  const auto c = decode_miner_params(chain::method::kPreCommitSector, sealing::encode_pre_commit_params(replacing));
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().find("ReplaceCapacity"), std::string::npos) << c.error();
  const auto d = decode_miner_params(chain::method::kTerminateSectors, Bytes{0x80});
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().find("method 9"), std::string::npos) << d.error();
}

TEST(BatcherChainAdapter, TypedBatcherMessagesMapOneToOne) {
  const auto batch = to_chain_params(sealing::PreCommitSectorBatchParams{{sample_precommit(), sample_precommit()}});
  const auto* b = std::get_if<chain::PreCommitSectorBatchParams>(&batch);
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->sectors.size(), 2u);
  EXPECT_EQ(b->sectors[1], to_chain_precommit(sample_precommit()));

  const auto aggregate = to_chain_params(sealing::ProveCommitAggregateParams{{9, 3, 5}, Bytes{1, 2}});
  const auto* a = std::get_if<chain::ProveCommitAggregateParams>(&aggregate);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->sector_numbers, (std::vector<SectorNumber>{3, 5, 9}));
  EXPECT_EQ(a->aggregate_proof, (Bytes{1, 2}));

  sealing::TerminateSectorsParams t;
  t.terminations.push_back({4, 1, {8, 2}});
  const auto terminate = to_chain_params(t);
  const auto* tp = std::get_if<chain::TerminateSectorsParams>(&terminate);
  ASSERT_NE(tp, nullptr);
  ASSERT_EQ(tp->terminations.size(), 1u);
  EXPECT_EQ(tp->terminations[0].deadline, 4u);
  EXPECT_EQ(tp->terminations[0].partition, 1u);
  EXPECT_EQ(tp->terminations[0].sectors, (std::vector<SectorNumber>{2, 8}));
}

TEST(MockAggregateProver, MakesTheAggregateChainMocksVerifierAccepts) {
  sealing::AggregateSealRequest request;
  request.miner = 1000;
  request.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  chain::AggregateSealVerifyInfo check;
  check.seal_proof = request.seal_proof;
  std::vector<Bytes> proofs;
  for (SectorNumber n = 1; n <= 4; ++n) {
    sealing::AggregateSealVerifyInfo info;
    info.number = n;
    info.randomness = Bytes(32, static_cast<std::uint8_t>(n));
    info.interactive_randomness = Bytes(32, static_cast<std::uint8_t>(10 + n));
    info.sealed_cid = commitment_to_cid(CommitmentKind::Sealed, filled(static_cast<std::uint8_t>(20 + n)));
    info.unsealed_cid = commitment_to_cid(CommitmentKind::Unsealed, filled(static_cast<std::uint8_t>(30 + n)));
    request.infos.push_back(info);
    chain::SealVerifyInfo s;
    s.seal_proof = request.seal_proof;
    s.sector = SectorId{1000, n};
    s.ticket = filled(static_cast<std::uint8_t>(n));
    s.seed = filled(static_cast<std::uint8_t>(10 + n));
    s.sealed_cid = filled(static_cast<std::uint8_t>(20 + n));
    s.unsealed_cid = filled(static_cast<std::uint8_t>(30 + n));
    check.infos.push_back(s);
    proofs.push_back(Bytes(192, 0));
  }
  MockAggregateProver prover;
  const auto aggregate = prover.aggregate_seal_proofs(request, proofs);
  ASSERT_TRUE(aggregate) << aggregate.error();
  check.aggregate_proof = *aggregate;
  EXPECT_TRUE(chain::MockProofVerifier().verify_aggregate_seals(check));
  // Another sector's seed does not verify.
  check.infos[2].seed = filled(99);
  EXPECT_FALSE(chain::MockProofVerifier().verify_aggregate_seals(check));

  proofs.pop_back();
  EXPECT_FALSE(prover.aggregate_seal_proofs(request, proofs));
}

}  // namespace
}  // namespace sealsim::scenarios
