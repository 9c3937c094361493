// chain_basics_test.cpp: clock, tipsets, null rounds, tokens, randomness, reorg shape, value
// types and the spec's constants.
#include <gtest/gtest.h>

#include "chain-mock/address.hpp"
#include "chain-mock/chain_error.hpp"
#include "chain-mock/data_commitment.hpp"
#include "chain-mock/deposits.hpp"
#include "chain-mock/mock_chain.hpp"

namespace sealsim::chain {
namespace {

TEST(ChainClock, EpochsAndTimestamps) {
  ChainClock clock(1000, 30);
  EXPECT_EQ(clock.epoch(), 0);
  EXPECT_EQ(clock.timestamp_of(10), 1300);
  EXPECT_EQ(clock.epoch_at(1329), 10);
  EXPECT_EQ(clock.epoch_at(500), 0);
  clock.tick();
  EXPECT_EQ(clock.now(), 1030);
  EXPECT_THROW(ChainClock(0, 0), ChainError);
}

TEST(ChainConfig, SpecConstants) {
  ChainConfig c = ChainConfig::mainnet();
  // sealing-fsm.md §12.4.
  EXPECT_EQ(c.block_delay_seconds, 30);
  EXPECT_EQ(c.max_pre_commit_randomness_lookback, 3780);
  EXPECT_EQ(c.max_prove_commit_duration(RegisteredSealProof::StackedDrg32GiBV1_1), 86550);
  EXPECT_EQ(c.max_prove_commit_duration(RegisteredSealProof::StackedDrg32GiBV1), 3030);
  EXPECT_EQ(c.min_sector_expiration, 518400);
  EXPECT_EQ(c.max_sector_expiration_extension, 1555200);
  EXPECT_EQ(c.seed_epoch(1000), 1150);
  EXPECT_EQ(ChainConfig::devnet_2k().seed_epoch(1000), 1010);
  EXPECT_EQ(ChainConfig::devnet_2k().block_delay_seconds, 4);
  // A precommit at epoch 100 may be proven up to 100 + 86550 and is removed by the cron of the next epoch.
  EXPECT_EQ(c.precommit_expiry_epoch(100, RegisteredSealProof::StackedDrg2KiBV1_1), 100 + 86550 + 1);
}

TEST(Address, IdAddressBytesAndCbor) {
  // f01000: protocol 0, uvarint(1000) = e8 07; CBOR byte string of length 3.
  EXPECT_EQ(to_hex(Address{1000}.to_bytes()), "00e807");
  EXPECT_EQ(to_hex(Address{1000}.to_cbor()), "4300e807");
  EXPECT_EQ(to_hex(Address{5}.to_cbor()), "420005");
  EXPECT_EQ(Address{1000}.to_string(), "t01000");
}

TEST(TokenAmount, DecimalPrinting) {
  EXPECT_EQ(TokenAmount::from_fil(3).to_string(), "3000000000000000000");
  EXPECT_EQ(TokenAmount(-42).to_string(), "-42");
  EXPECT_EQ(TokenAmount().to_string(), "0");
  EXPECT_EQ(TokenAmount::from_fil(1000000).to_string(), "1000000000000000000000000");
}

TEST(DataCommitment, ZeroPieceCommitmentsMatchLotusTable) {
  EXPECT_EQ(to_hex(as_span(zero_piece_commitment(128))), "3731bb99ac689f66eef5973e4a94da188f4ddcae580724fc6f3fd60dfd488333");
  EXPECT_EQ(to_hex(as_span(zero_piece_commitment(2048))), "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833");
  EXPECT_THROW(zero_piece_commitment(100), ChainError);
}

TEST(DataCommitment, PaddingRules) {
  // No pieces: the all-zero sector.
  EXPECT_EQ(unsealed_sector_commitment(2048, {}), zero_piece_commitment(2048));
  // Zero pieces give the zero commitment wherever they sit.
  std::vector<PieceInfo> zeros{{PaddedPieceSize(128), zero_piece_commitment(128)}, {PaddedPieceSize(512), zero_piece_commitment(512)}};
  EXPECT_EQ(unsealed_sector_commitment(2048, zeros), zero_piece_commitment(2048));
  // One 1 KiB piece: node(piece, Z(1024)).
  Node32 p{};
  p.fill(7);
  std::vector<PieceInfo> one{{PaddedPieceSize(1024), p}};
  EXPECT_EQ(unsealed_sector_commitment(2048, one), piece_node(p, zero_piece_commitment(1024)));
  // 128 then 1024: 128 + padding (128, 256, 512) then the piece: node(node(node(node(p,Z128),Z256),Z512), q).
  Node32 q{};
  q.fill(9);
  std::vector<PieceInfo> two{{PaddedPieceSize(128), p}, {PaddedPieceSize(1024), q}};
  Node32 left = piece_node(piece_node(piece_node(p, zero_piece_commitment(128)), zero_piece_commitment(256)), zero_piece_commitment(512));
  EXPECT_EQ(unsealed_sector_commitment(2048, two), piece_node(left, q));
  std::vector<PieceInfo> too_big{{PaddedPieceSize(4096), p}};
  EXPECT_THROW(unsealed_sector_commitment(2048, too_big), ChainError);
}

TEST(Deposits, FormulaIsConsistent) {
  ChainConfig c;
  TokenAmount pledge32 = initial_pledge_for(c, RegisteredSealProof::StackedDrg32GiBV1_1);
  EXPECT_EQ(pledge32, TokenAmount::from_nano(200'000'000));  // 0.2 FIL per 32 GiB
  EXPECT_EQ(precommit_deposit_for(c, RegisteredSealProof::StackedDrg32GiBV1_1), TokenAmount::from_nano(100'000'000));
  EXPECT_LE(precommit_deposit_for(c, RegisteredSealProof::StackedDrg2KiBV1_1), initial_pledge_for(c, RegisteredSealProof::StackedDrg2KiBV1_1));
  EXPECT_EQ(initial_pledge_for(c, RegisteredSealProof::StackedDrg64GiBV1_1), pledge32 * 2);
}

TEST(MockChain, AdvanceProducesLinkedTipsets) {
  MockChain chain(ChainConfig::mainnet(), 1);
  chain.advance(5);
  EXPECT_EQ(chain.chain_head().height, 5);
  EXPECT_EQ(chain.store().size(), 6u);
  for (std::size_t i = 1; i < chain.store().size(); ++i) {
    const TipSet& ts = chain.store().at_index(i).tipset;
    EXPECT_EQ(ts.parent, chain.store().at_index(i - 1).tipset.key);
    EXPECT_EQ(ts.height, static_cast<ChainEpoch>(i));
    EXPECT_EQ(ts.timestamp, ChainConfig::mainnet().genesis_timestamp + 30 * ts.height);
  }
  ChainHeadInfo head = chain.chain_head();
  EXPECT_EQ(head.token, token_of(head.key));
  EXPECT_EQ(chain.chain_get_tipset_by_height(3).height, 3);
  EXPECT_THROW(chain.chain_get_tipset_by_height(6), ChainError);
  EXPECT_THROW(chain.chain_get_tipset_by_height(2, token_of(TipSetKey{})), ChainError);
}

TEST(MockChain, NullRoundsLeaveGapsAndLookupsFallBack) {
  MockChain chain(ChainConfig::mainnet(), 1);
  chain.advance(3);
  chain.null_rounds(4);  // epochs 4..7 empty
  EXPECT_EQ(chain.current_epoch(), 7);
  EXPECT_EQ(chain.chain_head().height, 3);
  chain.advance(1);
  EXPECT_EQ(chain.chain_head().height, 8);
  EXPECT_EQ(chain.store().head().tipset.parent_height, 3);
  EXPECT_EQ(chain.chain_get_tipset_by_height(6).height, 3);  // null → the tipset before
  EXPECT_EQ(chain.log().count("null_round"), 4u);
  chain.schedule_null_rounds(10, 2);
  chain.advance(4);
  EXPECT_EQ(chain.chain_get_tipset_by_height(11).height, 9);
  EXPECT_EQ(chain.chain_head().height, 12);
}

TEST(MockChain, RandomnessIsDeterministicAndBoundToTheChain) {
  MockChain a(ChainConfig::mainnet(), 7);
  MockChain b(ChainConfig::mainnet(), 7);
  MockChain c(ChainConfig::mainnet(), 8);
  for (MockChain* chain : {&a, &b, &c}) chain->advance(20);
  Bytes entropy = Address{1000}.to_cbor();
  auto ticket = [&](MockChain& chain, ChainEpoch e) {
    return chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, e, entropy);
  };
  EXPECT_EQ(ticket(a, 10), ticket(b, 10));
  EXPECT_NE(ticket(a, 10), ticket(c, 10));
  EXPECT_NE(ticket(a, 10), ticket(a, 11));
  EXPECT_NE(ticket(a, 10), a.get_randomness_from_tickets({}, DomainSeparationTag::InteractiveSealChallengeSeed, 10, entropy));
  EXPECT_NE(ticket(a, 10), a.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 10, Address{1001}.to_cbor()));
  EXPECT_NE(ticket(a, 10), a.get_randomness_from_beacon({}, DomainSeparationTag::SealRandomness, 10, entropy));
  EXPECT_THROW(ticket(a, 21), ChainError);  // from the future
  // Drawing through an older token sees the same epoch the same way.
  TipSetToken old = a.chain_get_tipset_by_height(15).token();
  EXPECT_EQ(a.get_randomness_from_tickets(old, DomainSeparationTag::SealRandomness, 10, entropy), ticket(a, 10));
  EXPECT_THROW(a.get_randomness_from_tickets(old, DomainSeparationTag::SealRandomness, 16, entropy), ChainError);
}

TEST(MockChain, NullRoundRandomnessComesFromTheTipsetBefore) {
  MockChain chain(ChainConfig::mainnet(), 7);
  chain.advance(5);
  chain.null_rounds(3);
  chain.advance(2);
  Bytes entropy;
  // The base is the tipset at 5 for epochs 6..8, but the epoch itself still enters the hash.
  Node32 r6 = chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 6, entropy);
  Node32 r7 = chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 7, entropy);
  EXPECT_NE(r6, r7);
  EXPECT_EQ(r6, draw_randomness(chain.chain_get_tipset_by_height(5).ticket, DomainSeparationTag::SealRandomness, 6, entropy));
}

TEST(MockChain, ReorgReplacesTipsetsAndTheirRandomness) {
  MockChain chain(ChainConfig::mainnet(), 7);
  chain.advance(10);
  Bytes entropy;
  Node32 before9 = chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed, 9, entropy);
  Node32 before5 = chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 5, entropy);
  TipSetToken old_head = chain.chain_head().token;
  chain.reorg(ReorgOptions{3, std::nullopt, {}, true});
  EXPECT_EQ(chain.chain_head().height, 10);
  EXPECT_EQ(chain.store().head().tipset.branch, 1u);
  EXPECT_NE(chain.chain_head().token, old_head);
  EXPECT_THROW(chain.state_miner_info(Address{1000}, old_head), ChainError);  // reorged-away token
  EXPECT_NE(chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed, 9, entropy), before9);
  EXPECT_EQ(chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 5, entropy), before5);  // below the fork
  EXPECT_THROW(chain.reorg(ReorgOptions{11, std::nullopt, {}, true}), ChainError);
  EXPECT_THROW(chain.reorg(ReorgOptions{0, std::nullopt, {}, true}), ChainError);
}

TEST(MockChain, DrandGlobalBeaconSurvivesAReorgUnlessTheEpochTurnsNull) {
  ChainConfig config = ChainConfig::mainnet();
  config.beacon_model = BeaconModel::DrandGlobal;
  MockChain chain(config, 7);
  chain.advance(10);
  Bytes entropy;
  Node32 seed9 = chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed, 9, entropy);
  Node32 ticket9 = chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 9, entropy);
  chain.reorg(ReorgOptions{3, std::nullopt, {}, true});
  EXPECT_EQ(chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed, 9, entropy), seed9);
  EXPECT_NE(chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, 9, entropy), ticket9);
  chain.reorg(ReorgOptions{3, std::nullopt, {9}, true});  // epoch 9 becomes a null round
  EXPECT_NE(chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed, 9, entropy), seed9);
}

TEST(MockChain, ReorgCanShortenOrLengthenTheChain) {
  MockChain chain(ChainConfig::mainnet(), 7);
  chain.advance(10);
  chain.reorg(ReorgOptions{4, 8, {7}, true});
  EXPECT_EQ(chain.chain_head().height, 8);
  EXPECT_EQ(chain.current_epoch(), 8);
  EXPECT_EQ(chain.chain_get_tipset_by_height(7).height, 6);
  chain.reorg(ReorgOptions{1, 12, {}, true});
  EXPECT_EQ(chain.chain_head().height, 12);
}

TEST(MockChain, SetupErrors) {
  MockChain chain(ChainConfig::mainnet(), 7);
  EXPECT_THROW(chain.create_miner(MinerSetup{Address{500}, Address{501}, {}, RegisteredSealProof::StackedDrg2KiBV1_1, {}}), ChainError);
  EXPECT_THROW(chain.set_balance(Address{500}, TokenAmount(1)), ChainError);
  EXPECT_THROW(chain.state_miner_info(Address{1000}), ChainError);
  EXPECT_THROW(chain.wallet_balance(Address{12345}), ChainError);
}

}  // namespace
}  // namespace sealsim::chain
