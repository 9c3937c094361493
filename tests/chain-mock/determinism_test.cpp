// determinism_test.cpp: the same seed and calls give byte-identical chain logs; another seed gives
// other randomness.
#include "tests/chain-mock/chain_fixture.hpp"

namespace sealsim::chain::testing {
namespace {

// A scripted run touching every part of the chain: accounts, a miner, transfers, a precommit,
// null rounds, a reorg, an injected failure, market funding.
std::string scripted_run(std::uint64_t seed, Node32* seed_randomness) {
  MockChain chain(ChainConfig::mainnet(), seed);
  Address owner = chain.create_account(TokenAmount::from_fil(100));
  Address worker = chain.create_account(TokenAmount::from_fil(100));
  Address miner = chain.create_miner(MinerSetup{owner, worker, {}, RegisteredSealProof::StackedDrg2KiBV1_1, TokenAmount::from_fil(5)});
  chain.advance(950);
  SectorPreCommitInfo info;
  info.sector_number = 1;
  info.sealed_cid = fill32(3);
  info.seal_rand_epoch = 50;
  info.expiration = 50 + 3780 + 86550 + 518400;
  Message pc;
  pc.from = worker;
  pc.to = miner;
  pc.method = method::kPreCommitSector;
  pc.params = info;
  pc.value = TokenAmount::from_fil(1);
  chain.mpool_push_message(pc);
  for (int i = 0; i < 5; ++i) {
    Message m;
    m.from = owner;
    m.to = worker;
    m.value = TokenAmount(100 + i);
    chain.mpool_push_message(m);
  }
  chain.faults().fail_message(MessageMatch{owner, std::nullopt, std::nullopt}, ExitCode::ErrIllegalState);
  chain.advance(3);
  chain.null_rounds(2);
  chain.advance(160);
  chain.reorg(ReorgOptions{4, std::nullopt, {chain.current_epoch() - 1}, true});
  Message add;
  add.from = worker;
  add.to = kMarketActor;
  add.method = method::kAddBalance;
  add.params = AddBalanceParams{miner};
  add.value = TokenAmount::from_fil(1);
  chain.mpool_push_message(add);
  chain.advance(10);
  *seed_randomness = chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed, 1100, miner.to_cbor());
  Json trace;
  trace["log"] = chain.log().to_json();
  trace["snapshot"] = chain.snapshot_json();
  return trace.dump();
}

TEST(Determinism, SameSeedSameCallsGiveByteIdenticalLogs) {
  Node32 r1{}, r2{};
  std::string a = scripted_run(2026, &r1);
  std::string b = scripted_run(2026, &r2);
  EXPECT_EQ(a, b);
  EXPECT_EQ(r1, r2);
  EXPECT_GT(a.size(), 10000u);
  EXPECT_NE(a.find("\"kind\":\"reorg\""), std::string::npos);
  EXPECT_NE(a.find("\"kind\":\"sector_precommitted\""), std::string::npos);
}

TEST(Determinism, DifferentSeedsGiveDifferentRandomness) {
  Node32 r1{}, r2{};
  std::string a = scripted_run(1, &r1);
  std::string b = scripted_run(2, &r2);
  EXPECT_NE(r1, r2);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace sealsim::chain::testing
