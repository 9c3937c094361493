// deal_stream_support.hpp: the pieces of the deal-stream properties shared by the market's own
// property (fake packing input) and the one over the real sealing input side (tests/deal_input/):
// the fake market actor (locks provider collateral when a publish message lands, unlocks it when
// the deal expires, is slashed or misses activation; also the publisher's message sender and the
// client's escrow), the generator of one deal of a stream and the provider they run through.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "model/cid.hpp"
#include "sealing/market/data_transfer.hpp"
#include "sealing/market/deal_publisher.hpp"
#include "sealing/market/on_deal_complete.hpp"
#include "sealing/market/storage_client.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {

enum class ChainFate { StaysActive, Expires, Slashed, PreCommitFails, ActivationFails };

// The market actor as far as the property needs it; also the publisher's message sender.
class FakeMarketChain : public FakeProviderNode, public PublishMessageSender, public ClientEscrow {
 public:
  explicit FakeMarketChain(sealing::test::FakeClock& clock) : clock_(clock) {
    signature_valid.reset();
    pre_commit_outcome.reset();
    commit_outcome.reset();
  }
  std::map<std::string, ChainFate> fate_by_piece;  // chosen by the generator, per deal
  TokenAmount locked;                              // provider collateral locked in deals
  ChainEpoch epoch() const { return 10 + clock_.now() / 30; }

  // ---- PublishMessageSender
  Result<ChainHead> get_chain_head() override { return ok(ChainHead{"tipset", epoch()}); }
  Result<std::string> worker_address() override { return ok(std::string("t0101")); }
  Result<std::string> push(const PublishStorageDealsMessage& message) override {
    // A well-formed CID (the sealing input parses it into the sector's deal info).
    Node32 digest{};
    digest[0] = static_cast<std::uint8_t>(++messages_);
    digest[1] = static_cast<std::uint8_t>(messages_ >> 8);
    const std::string cid = commitment_to_cid(CommitmentKind::Sealed, digest).to_string();
    for (const auto& d : message.deals) {
      const DealId id = next_deal_id_++;
      deal_ids_[proposal_signing_bytes(d.proposal)] = id;
      deals_[id] = d.proposal;
      locked += d.proposal.provider_collateral;
    }
    return ok(cid);
  }
  // ---- ClientEscrow
  void add_funds(const std::string&, TokenAmount amount) override {
    escrow_ += amount;
    balance = ok(EscrowBalance{TokenAmount(0), escrow_});
  }
  // ---- ProviderNode overrides driven by the deal's fate
  Result<ChainHead> get_chain_head_for_node() { return get_chain_head(); }
  void wait_for_publish_deals(const std::string& publish_cid, const DealProposal& proposal,
                              Callback<PublishDealsResult> done) override {
    const DealId id = deal_ids_.at(proposal_signing_bytes(proposal));
    clock_.schedule_at(clock_.now() + 300, [done, id, publish_cid] {
      done(ok(PublishDealsResult{id, publish_cid}));
    });
  }
  Result<Unit> on_deal_sector_pre_committed(const std::string&, DealId id, const DealProposal& p,
                                            const std::string&, Callback<PreCommitOutcome> done) override {
    const ChainFate fate = fate_by_piece.at(p.label);
    clock_.schedule_at(clock_.now() + 600, [this, done, id, fate] {
      if (fate == ChainFate::PreCommitFails) {
        unlock(id);  // never activated: the actor removes the deal
        done(fail<PreCommitOutcome>("deal did not appear on chain"));
      } else {
        done(ok(PreCommitOutcome{id, false}));
      }
    });
    return ok();
  }
  Result<Unit> on_deal_sector_committed(const std::string&, DealId id, SectorNumber,
                                        const DealProposal& p, const std::string&,
                                        Callback<Unit> done) override {
    const ChainFate fate = fate_by_piece.at(p.label);
    clock_.schedule_at(clock_.now() + 900, [this, done, id, fate] {
      if (fate == ChainFate::ActivationFails) {
        unlock(id);
        done(fail<Unit>("deal wasn't active"));
      } else {
        done(ok());
      }
    });
    return ok();
  }
  Result<Unit> on_deal_expired_or_slashed(DealId id, Callback<Unit> expired,
                                          Callback<ChainEpoch> slashed) override {
    const ChainFate fate = fate_by_piece.at(deals_.at(id).label);
    if (fate == ChainFate::Expires) {
      clock_.schedule_at(clock_.now() + 1200, [this, id, expired] {
        unlock(id);
        expired(ok());
      });
    } else if (fate == ChainFate::Slashed) {
      clock_.schedule_at(clock_.now() + 1200, [this, id, slashed] {
        unlock(id);
        slashed(ok(epoch()));
      });
    }
    return ok();
  }

 private:
  void unlock(DealId id) { locked -= deals_.at(id).provider_collateral; }
  sealing::test::FakeClock& clock_;
  std::map<std::string, DealId> deal_ids_;
  std::map<DealId, DealProposal> deals_;
  DealId next_deal_id_ = 100;
  int messages_ = 0;
  TokenAmount escrow_;
};

struct GeneratedDeal {
  std::size_t payload_bytes;
  unsigned piece_log2;  // piece size 2^piece_log2, at least the payload's own piece
  bool offline;
  bool underpriced;
  ChainEpoch start_offset;  // from the chain head at proposal time
  ChainFate fate;
  sealing::SimSeconds gap;  // before the next proposal
};

inline rc::Gen<GeneratedDeal> gen_deal() {
  return rc::gen::build<GeneratedDeal>(
      rc::gen::set(&GeneratedDeal::payload_bytes, rc::gen::inRange<std::size_t>(1, 20'000)),
      rc::gen::set(&GeneratedDeal::piece_log2, rc::gen::inRange(15u, 21u)),
      rc::gen::set(&GeneratedDeal::offline, rc::gen::arbitrary<bool>()),
      rc::gen::set(&GeneratedDeal::underpriced, rc::gen::weightedOneOf<bool>(
                                                    {{1, rc::gen::just(true)}, {6, rc::gen::just(false)}})),
      rc::gen::set(&GeneratedDeal::start_offset, rc::gen::inRange<ChainEpoch>(0, 400)),
      rc::gen::set(&GeneratedDeal::fate,
                   rc::gen::element(ChainFate::StaysActive, ChainFate::Expires, ChainFate::Slashed,
                                    ChainFate::PreCommitFails, ChainFate::ActivationFails)),
      rc::gen::set(&GeneratedDeal::gap, rc::gen::inRange<sealing::SimSeconds>(0, 2000)));
}

// Proposes every deal of the stream through the client (fates recorded on the chain, labels
// "deal-N"), advancing the clock by each deal's gap; returns the proposal CIDs in order.
inline std::vector<std::string> propose_stream(const std::vector<GeneratedDeal>& stream,
                                               StorageClient& client, FakeMarketChain& chain,
                                               sealing::test::FakeClock& clock) {
  std::vector<std::string> cids;
  int n = 0;
  for (const auto& g : stream) {
    ClientDealParams p;
    p.client = kClientAddress;
    p.provider = kProviderAddress;
    p.payload = Bytes(g.payload_bytes, static_cast<std::uint8_t>(n + 1));
    const std::uint64_t own = padded_size_for_payload(g.payload_bytes).padded().bytes();
    p.piece_size = PaddedPieceSize(std::max<std::uint64_t>(own, std::uint64_t{1} << g.piece_log2));
    p.price_per_epoch = g.underpriced ? TokenAmount(0) : TokenAmount(10'000);
    p.provider_collateral = TokenAmount(5000 + n);
    p.start_epoch = chain.epoch() + g.start_offset;
    p.end_epoch = p.start_epoch + kDealMinDuration;
    p.offline = g.offline;
    p.label = "deal-" + std::to_string(n++);
    chain.fate_by_piece[p.label] = g.fate;
    cids.push_back(client.make_deal(p, 4096, 5).proposal_cid);
    clock.advance_to(clock.now() + g.gap);
  }
  return cids;
}

// The whole provider over a FakeMarketChain (real DealPublisher, OnDealComplete handoff to
// `input`, online transfers, the client), as both deal-stream properties run their streams.
struct DealStreamProvider {
  DealStreamProvider(sealing::test::FakeClock& clock, PublishMsgConfig publishing, DealSectorInput& input)
      : chain(clock),
        publisher(publishing, chain, clock),
        adapter(input, clock),
        provider(environment(), store, clock),
        transfers(provider, staging, clock),
        client(chain, provider, transfers) {}

  FakeMarketChain chain;
  FakeDealConnections connections;
  MemoryFileStore files;
  MemoryStagingStore staging;
  FakePieceStore pieces;
  ModelPieceCommitter committer;
  MemoryDealStore store;
  DealPublisher publisher;
  OnDealCompleteAdapter adapter;
  ProviderDeals provider;
  OnlineTransfers transfers;
  StorageClient client;

 private:
  ProviderEnvironment environment() {
    ProviderEnvironment env;
    env.actor_address = kProviderAddress;
    env.miner_peer = "miner";
    env.node = &chain;
    env.connections = &connections;
    env.publisher = &publisher;
    env.handoff = &adapter;
    env.files = &files;
    env.staging = &staging;
    env.pieces = &pieces;
    env.committer = &committer;
    env.ask = StorageAsk{TokenAmount(10'000'000), TokenAmount(1'000'000), PaddedPieceSize(256),
                         PaddedPieceSize(1 << 20)};
    return env;
  }
};

}  // namespace sealsim::market::test
