// chain_fixture.hpp: a mock chain with an owner, a worker, a client and a 2 KiB miner, plus helpers
// to send messages, wait for receipts and build the mock proofs the chain accepts.
#pragma once

#include <gtest/gtest.h>

#include "chain-mock/chain_error.hpp"
#include "chain-mock/deposits.hpp"
#include "chain-mock/mock_chain.hpp"

namespace sealsim::chain::testing {

// Asserts a receipt's exit code (showing the actor's error text) and hands the receipt on.
inline MessageReceipt expect_code(MessageReceipt r, ExitCode code) {
  EXPECT_EQ(r.exit_code, code) << r.error;
  return r;
}

inline Node32 fill32(std::uint8_t byte) {
  Node32 n{};
  n.fill(byte);
  return n;
}

class ChainFixture : public ::testing::Test {
 protected:
  explicit ChainFixture(ChainConfig config = ChainConfig::mainnet(), std::uint64_t seed = 42)
      : chain(config, seed) {
    owner = chain.create_account(TokenAmount::from_fil(1000));
    worker = chain.create_account(TokenAmount::from_fil(1000));
    client = chain.create_account(TokenAmount::from_fil(1000));
    miner = chain.create_miner(MinerSetup{owner, worker, {}, RegisteredSealProof::StackedDrg2KiBV1_1, TokenAmount::from_fil(10)});
    chain.advance(1000);
  }

  ChainEpoch head() { return chain.chain_head().height; }

  MessageCid send(Address from, Address to, MethodNumber method, MessageParams params, TokenAmount value = {}) {
    Message m;
    m.from = from;
    m.to = to;
    m.method = method;
    m.params = std::move(params);
    m.value = value;
    return chain.mpool_push_message(m);
  }

  // Advances until the message is included; returns its receipt.
  MessageReceipt land(const MessageCid& cid, ChainEpoch max_epochs = 20) {
    for (ChainEpoch i = 0; i < max_epochs; ++i) {
      if (auto found = chain.state_search_msg(cid)) return found->receipt;
      chain.advance(1);
    }
    ADD_FAILURE() << "message not included";
    return {};
  }

  MessageReceipt send_and_land(Address from, Address to, MethodNumber method, MessageParams params, TokenAmount value = {}) {
    return land(send(from, to, method, std::move(params), value));
  }

  SectorPreCommitInfo precommit_info(SectorNumber n, std::vector<DealId> deals = {}) {
    SectorPreCommitInfo info;
    info.seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
    info.sector_number = n;
    info.sealed_cid = fill32(static_cast<std::uint8_t>(0x10 + n));
    info.seal_rand_epoch = head() - chain.config().seal_randomness_lookback;
    info.deal_ids = std::move(deals);
    // Lotus preCommitParams' minimum: TicketEpoch + MaxPreCommitRandomnessLookback + msd + MinSectorExpiration.
    info.expiration = info.seal_rand_epoch + chain.config().max_pre_commit_randomness_lookback +
                      chain.config().max_prove_commit_duration(info.seal_proof) + chain.config().min_sector_expiration;
    return info;
  }

  TokenAmount deposit() { return precommit_deposit_for(chain.config(), RegisteredSealProof::StackedDrg2KiBV1_1); }
  TokenAmount pledge() { return initial_pledge_for(chain.config(), RegisteredSealProof::StackedDrg2KiBV1_1); }

  // Precommits sector n and returns the precommit epoch.
  ChainEpoch precommit(SectorNumber n, std::vector<DealId> deals = {}) {
    MessageReceipt r = send_and_land(worker, miner, method::kPreCommitSector, precommit_info(n, std::move(deals)), deposit());
    EXPECT_EQ(r.exit_code, ExitCode::Ok) << r.error;
    return chain.state_sector_precommit_info(miner, n)->precommit_epoch;
  }

  // The seal inputs of a precommitted sector as seen from the head.
  SealVerifyInfo seal_info(SectorNumber n) {
    SectorPreCommitOnChainInfo pc = *chain.state_sector_precommit_info(miner, n);
    Bytes entropy = miner.to_cbor();
    TipSetToken tok = chain.chain_head().token;
    SealVerifyInfo info;
    info.seal_proof = pc.info.seal_proof;
    info.sector = SectorId{miner.id, n};
    info.ticket = chain.get_randomness_from_tickets(tok, DomainSeparationTag::SealRandomness, pc.info.seal_rand_epoch, entropy);
    info.seed = chain.get_randomness_from_beacon(tok, DomainSeparationTag::InteractiveSealChallengeSeed,
                                                 chain.config().seed_epoch(pc.precommit_epoch), entropy);
    info.sealed_cid = pc.info.sealed_cid;
    info.unsealed_cid = chain.state_compute_data_commitment(pc.info.seal_proof, pc.info.deal_ids);
    return info;
  }

  Bytes proof_for(SectorNumber n) { return verifier.make_seal_proof(seal_info(n)); }

  // Waits for the seed, proves sector n with a valid proof and runs the cron.
  MessageReceipt prove(SectorNumber n) {
    ChainEpoch pc_epoch = chain.state_sector_precommit_info(miner, n)->precommit_epoch;
    chain.advance_to(chain.config().seed_epoch(pc_epoch) + 1);
    return send_and_land(worker, miner, method::kProveCommitSector, ProveCommitSectorParams{n, proof_for(n)}, pledge() - deposit());
  }

  MockChain chain;
  MockProofVerifier verifier;
  Address owner;
  Address worker;
  Address client;
  Address miner;
};

}  // namespace sealsim::chain::testing
