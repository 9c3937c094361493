// chain_property_test.cpp: RapidCheck property of issue 3: any random sequence of advance / send
// message / reorg / null rounds keeps the chain's invariants.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "chain-mock/chain_error.hpp"
#include "chain-mock/deposits.hpp"
#include "chain-mock/miner_actor.hpp"
#include "chain-mock/mock_chain.hpp"

namespace sealsim::chain {
namespace {

using Action = std::tuple<int, int, int, int>;  // kind, three parameters

struct World {
  MockChain chain;
  std::vector<Address> accounts;
  Address miner;
  MockProofVerifier verifier;
  TokenAmount total_supply;

  explicit World(std::uint64_t seed) : chain(ChainConfig::devnet_2k(), seed) {
    for (int i = 0; i < 3; ++i) accounts.push_back(chain.create_account(TokenAmount::from_fil(50)));
    miner = chain.create_miner(MinerSetup{accounts[0], accounts[1], {}, RegisteredSealProof::StackedDrg2KiBV1_1, TokenAmount::from_fil(5)});
    for (const auto& [id, actor] : chain.head_state().actors) total_supply += actor.balance;
    chain.advance(20);
  }

  void push(Address from, Address to, MethodNumber method, MessageParams params, TokenAmount value) {
    Message m;
    m.from = from;
    m.to = to;
    m.method = method;
    m.params = std::move(params);
    m.value = value;
    try {
      chain.mpool_push_message(m);
    } catch (const ChainError&) {
      // Refused pushes (funds) are part of the behaviour under test, not a failure.
    }
  }

  void apply(const Action& action) {
    auto [kind, a, b, c] = action;
    ChainEpoch head = chain.chain_head().height;
    switch (kind) {
      case 0:
        chain.advance(1 + a % 5);
        break;
      case 1:  // transfer
        push(accounts[static_cast<std::size_t>(a % 3)], accounts[static_cast<std::size_t>(b % 3)], method::kSend, std::monostate{},
             TokenAmount::from_nano(c) * 1'000'000);
        break;
      case 2: {  // precommit a small sector number (collisions exercise the allocation checks)
        SectorPreCommitInfo info;
        info.sector_number = static_cast<SectorNumber>(a % 8);
        info.sealed_cid.fill(static_cast<std::uint8_t>(b));
        info.seal_rand_epoch = std::max<ChainEpoch>(0, head - 5);
        info.expiration = head + 1 + chain.config().max_prove_commit_duration(info.seal_proof) + chain.config().min_sector_expiration + 10;
        push(accounts[1], miner, method::kPreCommitSector, info, precommit_deposit_for(chain.config(), info.seal_proof));
        break;
      }
      case 3: {  // prove-commit with the proof valid for the current chain, if precommitted
        auto sector = static_cast<SectorNumber>(a % 8);
        std::optional<SectorPreCommitOnChainInfo> pc;
        try {
          pc = chain.state_sector_precommit_info(miner, sector);
        } catch (const ChainError&) {
        }
        if (!pc || chain.config().seed_epoch(pc->precommit_epoch) > head) {
          push(accounts[1], miner, method::kProveCommitSector, ProveCommitSectorParams{sector, Bytes(192)}, TokenAmount());
          break;
        }
        SealVerifyInfo info;
        info.seal_proof = pc->info.seal_proof;
        info.sector = SectorId{miner.id, sector};
        info.ticket = chain.get_randomness_from_tickets({}, DomainSeparationTag::SealRandomness, pc->info.seal_rand_epoch, miner.to_cbor());
        info.seed = chain.get_randomness_from_beacon({}, DomainSeparationTag::InteractiveSealChallengeSeed,
                                                     chain.config().seed_epoch(pc->precommit_epoch), miner.to_cbor());
        info.sealed_cid = pc->info.sealed_cid;
        info.unsealed_cid = chain.state_compute_data_commitment(info.seal_proof, pc->info.deal_ids);
        push(accounts[1], miner, method::kProveCommitSector, ProveCommitSectorParams{sector, verifier.make_seal_proof(info)},
             initial_pledge_for(chain.config(), info.seal_proof));
        break;
      }
      case 4: {  // reorg
        std::size_t max_depth = std::min<std::size_t>(6, chain.store().size() - 1);
        if (max_depth == 0) break;
        ReorgOptions options;
        options.depth = 1 + static_cast<std::size_t>(a) % max_depth;
        options.return_messages_to_pool = b % 2 == 0;
        if (c % 3 == 0) options.null_heights.insert(head);
        chain.reorg(options);
        break;
      }
      case 5:
        chain.null_rounds(1 + a % 3);
        break;
      case 6:  // market escrow
        push(accounts[static_cast<std::size_t>(a % 3)], kMarketActor, method::kAddBalance,
             AddBalanceParams{accounts[static_cast<std::size_t>(b % 3)]}, TokenAmount::from_nano(1 + c));
        break;
      default:
        break;
    }
  }

  void check_invariants() const {
    const StateTree& state = chain.head_state();
    // Balances never negative; supply conserved (the mock mints nothing).
    TokenAmount supply;
    for (const auto& [id, actor] : state.actors) {
      RC_ASSERT(!actor.balance.is_negative());
      supply += actor.balance;
    }
    RC_ASSERT(supply == total_supply);
    RC_ASSERT(!miner::available_balance(state, miner.id).is_negative());
    // Escrow = free + locked, with locked exactly what live deals require.
    std::map<ActorId, TokenAmount> required;
    for (const auto& [id, deal] : state.market.deals) {
      required[deal.proposal.client.id] += deal.proposal.client_balance_requirement();
      required[deal.proposal.provider.id] += deal.proposal.provider_collateral;
    }
    TokenAmount escrow_total;
    for (const auto& [id, entry] : state.market.balances) {
      RC_ASSERT(!entry.locked.is_negative());
      RC_ASSERT(!entry.available().is_negative());
      RC_ASSERT(entry.available() + entry.locked == entry.escrow);
      RC_ASSERT(entry.locked == required[id]);
      escrow_total += entry.escrow;
    }
    RC_ASSERT(escrow_total == state.find_actor(kMarketActor.id)->balance);
    // No sector both precommitted and proven; every proven sector in exactly one live partition.
    const MinerState& m = *state.find_miner(miner.id);
    for (const auto& [n, pc] : m.precommits) RC_ASSERT(m.sectors.count(n) == 0u);
    for (const auto& [n, s] : m.sectors) {
      std::size_t homes = 0;
      for (const Deadline& d : m.deadlines) {
        for (const Partition& p : d.partitions) homes += p.is_live(n) ? 1u : 0u;
      }
      RC_ASSERT(homes == 1u);
      RC_ASSERT(m.allocated_sectors.count(n) == 1u);
    }
    // Every included message has exactly one receipt on the canonical chain; nonces contiguous.
    std::set<MessageCid> seen;
    std::map<ActorId, std::vector<std::uint64_t>> nonces;
    for (std::size_t i = 0; i < chain.store().size(); ++i) {
      const ChainNode& node = chain.store().at_index(i);
      RC_ASSERT(node.receipts.size() == node.tipset.messages.size());
      for (const MessageCid& cid : node.tipset.messages) {
        RC_ASSERT(seen.insert(cid).second);
        const MessageRecord* record = chain.message(cid);
        RC_ASSERT(record != nullptr);
        RC_ASSERT(record->status == MessageStatus::Included);
        RC_ASSERT(record->included_height == node.tipset.height);
        nonces[record->message.from.id].push_back(record->message.nonce);
      }
    }
    for (const MessageRecord& record : chain.messages()) {
      if (record.status == MessageStatus::Included) RC_ASSERT(seen.count(record.cid) == 1u);
    }
    for (const auto& [sender, list] : nonces) {
      for (std::size_t i = 0; i < list.size(); ++i) RC_ASSERT(list[i] == i);
      RC_ASSERT(state.find_actor(sender)->nonce == list.size());
    }
    for (Address a : accounts) {
      if (nonces.count(a.id) == 0) RC_ASSERT(state.find_actor(a.id)->nonce == 0u);
    }
  }
};

RC_GTEST_PROP(ChainProperty, RandomOperationSequencesKeepTheInvariants, ()) {
  auto seed = *rc::gen::inRange<std::uint64_t>(0, 1000);
  auto actions = *rc::gen::container<std::vector<Action>>(
      rc::gen::tuple(rc::gen::inRange(0, 7), rc::gen::inRange(0, 1000), rc::gen::inRange(0, 1000), rc::gen::inRange(0, 1000)));
  World world(seed);
  world.check_invariants();
  for (const Action& action : actions) {
    world.apply(action);
    world.check_invariants();
  }
}

// The property must see the interesting paths: a fixed sequence that precommits, proves, reorgs.
TEST(ChainProperty, ScriptedSequenceReachesProvenSectorsAndReorgs) {
  World world(3);
  world.apply({2, 1, 7, 0});
  world.apply({0, 4, 0, 0});
  world.apply({0, 4, 0, 0});
  world.apply({0, 4, 0, 0});
  world.apply({3, 1, 0, 0});
  world.apply({0, 1, 0, 0});
  world.apply({0, 1, 0, 0});
  EXPECT_EQ(world.chain.head_state().find_miner(world.miner.id)->sectors.count(1), 1u);
  world.apply({4, 2, 1, 0});
  world.apply({1, 0, 2, 5});
  world.apply({5, 1, 0, 0});
  world.apply({0, 3, 0, 0});
  world.check_invariants();
}

}  // namespace
}  // namespace sealsim::chain
