// deal_input_rig.hpp: the real input side of the pipeline for the market: SealingNode with the
// real handlers over FsmSectorManager (scheduler, storage index with real file bytes, mock proof
// backend), fed through MarketInputAdapter, on one FakeClock. The sealing chain is the sealing test
// fake; deals handed over are published on it (StateMarketStorageDeal answers them, and
// StateComputeDataCommitment is the model's CommD of their pieces) so PreCommit's checks pass.
// Each scheduled task takes 10 simulated seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/cid.hpp"
#include "model/piece_commitment.hpp"
#include "model/unsealed_commitment.hpp"
#include "sealing/deal_input/deal_payloads.hpp"
#include "sealing/deal_input/market_input_adapter.hpp"
#include "sealing/market/miner_deal.hpp"
#include "sealing/sealing_node.hpp"
#include "sealing/sector_store_memory.hpp"
#include "sealing/storage/backend_proof_verifier.hpp"
#include "sealing/storage/call_tracker.hpp"
#include "sealing/storage/fsm_sector_manager.hpp"
#include "sealing/storage/mock_proof_backend.hpp"
#include "tests/sealing-storage/scheduler_test_support.hpp"
#include "tests/sealing/fake_batcher_queues.hpp"
#include "tests/sealing/fake_chain_api.hpp"
#include "tests/sealing/fake_chain_events.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing::test {

// Window PoSt proof ids (abi.RegisteredPoStProof) that select the sector size.
inline constexpr std::int64_t kWindowPoSt2KiB = 5;
inline constexpr std::int64_t kWindowPoSt8MiB = 6;
inline constexpr ActorId kMiner = 1000;

// Publishes every handed-over deal on the sealing chain fake, then hands it to the adapter.
class PublishingInput final : public market::DealSectorInput {
 public:
  PublishingInput(FakeChainApi& chain, market::DealSectorInput& next) : chain_(chain), next_(next) {}
  void add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data, market::PieceDealInfo info,
                               std::function<void(market::AddPieceOutcome)> done) override {
    if (const Result<DealInfo> deal = to_sector_deal_info(info); deal && deal->proposal) {
      chain_.deal_proposals[info.deal_id] = *deal->proposal;
    }
    next_.add_piece_to_any_sector(size, std::move(data), std::move(info), std::move(done));
  }

 private:
  FakeChainApi& chain_;
  market::DealSectorInput& next_;
};

struct DealInputRig {
  explicit DealInputRig(SealingConfig config_in = {}, std::int64_t window_post = kWindowPoSt2KiB,
                        ChainEpoch chain_height = 100, SimSeconds start = 1'000'000,
                        PieceDataMode mode = PieceDataMode::RealData)
      : clock(start),
        sealer(scheduler, index, calls, backend, clock,
               FsmSectorManagerOptions{start, mode, &payloads, false}),
        config(config_in) {
    scheduler.add_worker(WorkerSpec{"w", testing::every_task_type(), testing::decent_worker(), false});
    sealing_path = index.add_path({"sealing", std::uint64_t{1} << 34, true, false, std::nullopt});
    index.add_path({"store", std::uint64_t{1} << 34, false, true, std::nullopt});
    chain.miner_info.window_post_proof_type = window_post;
    chain.head.height = chain_height;
    // The market actor's ComputeDataCommitment: the model's CommD of the published deals' pieces.
    chain.compute_data_commitment = [this](RegisteredSealProof proof, const std::vector<DealId>& deals) {
      std::vector<PieceInfo> pieces;
      for (const DealId deal : deals) pieces.push_back(chain.deal_proposals.at(deal).piece);
      return commitment_to_cid(CommitmentKind::Unsealed, generate_unsealed_commitment(proof, pieces));
    };
    events = std::make_unique<FakeChainEvents>(clock, chain.head.height);
    node = std::make_unique<SealingNode>(
        HandlerEnv{sealer, clock, chain, *events, verifier, batchers, batchers, batchers, config,
                   FeeConfig{}, kMiner},
        store, store);
    adapter = std::make_unique<MarketInputAdapter>(*node, payloads);
    input = std::make_unique<PublishingInput>(chain, *adapter);
    node->run();
  }
  ~DealInputRig() {
    input.reset();
    adapter.reset();
    node.reset();
  }

  void advance(SimSeconds seconds) { clock.advance_to(clock.now() + seconds); }
  SectorInfo record(SectorNumber n) { return store.load(n).value(); }  // throws: a test failure
  // The sector's unsealed file on the sealing path (empty when there is none).
  Bytes unsealed_file(SectorNumber n) {
    const SectorId id{kMiner, n};
    const auto path = index.good_copy(id, SectorFileType::Unsealed);
    if (!path) return {};
    return content.read_all(SectorFileKey{id, SectorFileType::Unsealed, *path}).value_or(Bytes{});
  }

  FakeClock clock;
  testing::ScriptedTimingModel timing;
  Scheduler scheduler{timing};
  InMemorySectorFileContent content;
  StorageIndex index{&content};
  InMemoryCallRecordStore calls;
  MockProofBackend backend;
  DealPayloads payloads;
  FsmSectorManager sealer;
  BackendProofVerifier verifier{backend};
  FakeChainApi chain{clock};
  std::unique_ptr<FakeChainEvents> events;
  FakeBatcherQueues batchers{clock};
  SealingConfig config;
  MemorySectorStore store;
  StoragePathId sealing_path = 0;
  std::unique_ptr<SealingNode> node;
  std::unique_ptr<MarketInputAdapter> adapter;
  std::unique_ptr<PublishingInput> input;  // what the market's OnDealComplete calls
};

// A published deal as the market hands it over: the payload inflated with zeros to the piece's
// unpadded size (the padreader), its CommP computed by the model from those bytes.
struct HandedDeal {
  market::MinerDeal deal;
  Bytes data;  // exactly piece_size.unpadded() bytes
  Node32 comm_p{};
};

inline HandedDeal handed_deal(DealId id, PaddedPieceSize piece_size, std::size_t payload_bytes,
                              ChainEpoch start_epoch = 10'000) {
  HandedDeal h;
  h.data = Bytes(piece_size.unpadded().bytes(), 0);
  for (std::size_t i = 0; i < payload_bytes && i < h.data.size(); ++i) {
    h.data[i] = static_cast<std::uint8_t>((i * 131 + id * 17 + (i >> 7)) & 0xff);
  }
  h.comm_p = compute_piece_commitment(h.data).commitment;
  market::DealProposal& p = h.deal.client_deal_proposal.proposal;
  p.piece_cid = commitment_to_cid(CommitmentKind::Unsealed, h.comm_p).to_string();
  p.piece_size = piece_size;
  p.client = "t0100";
  p.provider = "t0" + std::to_string(kMiner);
  p.label = "deal " + std::to_string(id);
  p.start_epoch = start_epoch;
  p.end_epoch = start_epoch + 200'000;
  p.provider_collateral = TokenAmount(1000 + id);
  h.deal.proposal_cid = "proposal-" + std::to_string(id);
  h.deal.deal_id = id;
  // A real CID (the publish message's), so the sector record can hold it.
  Node32 message{};
  message[0] = static_cast<std::uint8_t>(id);
  h.deal.publish_cid = commitment_to_cid(CommitmentKind::Sealed, message).to_string();
  h.deal.state = market::DealStatus::Staged;
  return h;
}

}  // namespace sealsim::sealing::test
