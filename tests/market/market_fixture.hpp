// market_fixture.hpp: the provider_states_test setup of market-fsm §8: fakes for every interface,
// the default deal (height 50, 1 MiB piece, start 200, 200 days, price 10 000, collateral 10 000,
// escrow = duration × price, ask 10 000 000 / 1 000 000 / 256 B / 1 MiB, bounds (5000, total FIL)),
// and a helper that starts a deal in a status and runs that status's entry function once.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "model/cid.hpp"
#include "sealing/market/file_store.hpp"
#include "sealing/market/provider_deals.hpp"
#include "sealing/market/staging_store.hpp"
#include "tests/market/fake_deal_connections.hpp"
#include "tests/market/fake_deal_decider.hpp"
#include "tests/market/fake_deal_handoff.hpp"
#include "tests/market/fake_deal_publishing.hpp"
#include "tests/market/fake_piece_committer.hpp"
#include "tests/market/fake_piece_store.hpp"
#include "tests/market/fake_provider_node.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::market {
inline void PrintTo(DealStatus status, std::ostream* os) { *os << deal_status_name(status); }
}  // namespace sealsim::market

namespace sealsim::market::test {

inline constexpr const char* kProviderAddress = "t01000";
inline constexpr const char* kClientAddress = "t0100";

inline std::string market_piece_cid(std::uint8_t fill) {
  Node32 node{};
  node.fill(fill);
  node[31] &= 0x3f;
  return commitment_to_cid(CommitmentKind::Unsealed, node).to_string();
}

inline MinerDeal default_deal() {
  MinerDeal d;
  DealProposal& p = d.client_deal_proposal.proposal;
  p.piece_cid = market_piece_cid(0x11);
  p.piece_size = PaddedPieceSize(1 << 20);
  p.client = kClientAddress;
  p.provider = kProviderAddress;
  p.start_epoch = 200;
  p.end_epoch = 200 + 2880 * 200;
  p.storage_price_per_epoch = TokenAmount(10'000);
  p.provider_collateral = TokenAmount(10'000);
  p.client_collateral = TokenAmount(0);
  d.client_deal_proposal.client_signature = "signature";
  d.proposal_cid = proposal_cid(d.client_deal_proposal);
  d.client_peer = "client-peer";
  d.miner_peer = "miner-peer";
  d.ref.root = "payload-root";
  d.add_funds_cid = "bafy-add-funds";
  d.publish_cid = "bafy-publish";
  return d;
}

class MarketFixture : public ::testing::Test {
 protected:
  ProviderEnvironment env() {
    ProviderEnvironment e;
    e.actor_address = kProviderAddress;
    e.miner_peer = "miner-peer";
    e.node = &node;
    e.connections = &connections;
    e.publisher = &publishing;
    e.handoff = &handoff;
    e.files = &files;
    e.staging = &staging;
    e.pieces = &pieces;
    e.committer = &committer;
    e.decider = use_decider ? &decider : nullptr;
    e.ask = StorageAsk{TokenAmount(10'000'000), TokenAmount(1'000'000), PaddedPieceSize(256),
                       PaddedPieceSize(1 << 20)};
    return e;
  }

  // In fsmtest mode (single_step): only run_entry_function runs an entry function.
  ProviderDeals& provider() {
    if (!provider_) {
      provider_ = std::make_unique<ProviderDeals>(env(), store, clock);
      provider_->set_entry_functions_enabled(!single_step);
    }
    return *provider_;
  }

  // Starts `deal` in `status`, runs that status's entry function once and replays the events it
  // fires through the real table; returns the record afterwards.
  MinerDeal run_in(DealStatus status, MinerDeal deal) {
    deal.state = status;
    deal.proposal_cid = proposal_cid(deal.client_deal_proposal);
    const std::string cid = deal.proposal_cid;
    provider().begin_tracking(std::move(deal));
    provider().run_entry_function(cid);
    return *provider().deal(cid);
  }

  FakeProviderNode node;
  FakeDealConnections connections;
  FakeDealPublishing publishing;
  FakeDealHandoff handoff;
  MemoryFileStore files;
  MemoryStagingStore staging;
  FakePieceStore pieces;
  FakePieceCommitter committer;
  FakeDealDecider decider;
  bool use_decider = false;
  bool single_step = true;
  MemoryDealStore store;
  sealing::test::FakeClock clock{1'000'000};
  std::unique_ptr<ProviderDeals> provider_;
};

}  // namespace sealsim::market::test
