// sealing_node_rig.hpp: a SealingNode wired to the sealing test fakes on a FakeClock, for the node
// and input-packing tests. A test can park chosen handlers (the sector stays busy in that state)
// to assert on the state the node's own part reaches.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sealing/handlers.hpp"
#include "sealing/sealing_node.hpp"
#include "sealing/sector_store_memory.hpp"
#include "tests/sealing/fake_batcher_queues.hpp"
#include "tests/sealing/fake_chain_api.hpp"
#include "tests/sealing/fake_chain_events.hpp"
#include "tests/sealing/fake_clock.hpp"
#include "tests/sealing/fake_proof_verifier.hpp"
#include "tests/sealing/fake_sector_manager.hpp"

namespace sealsim::sealing::test {

// Runs the node's SealingHandlers, recording each start; the handlers a test names in `park` are
// parked instead (the sector stays busy in that state) so a test can hold sectors there.
class ParkingRunner final : public HandlerRunner {
 public:
  explicit ParkingRunner(const HandlerEnv& env) : handlers_(env) {}
  void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) override {
    started.emplace_back(run->sector(), handler);
    if (park.count(handler) != 0) {
      parked.push_back(run);
    } else {
      handlers_.run(handler, run);
    }
  }
  std::vector<std::pair<SectorNumber, SectorHandler>> started;
  std::set<SectorHandler> park;
  std::vector<std::shared_ptr<HandlerRun>> parked;

 private:
  SealingHandlers handlers_;
};

// Window PoSt proof ids (abi.RegisteredPoStProof) that select the sector size.
inline constexpr std::int64_t kWindowPoSt2KiB = 5;
inline constexpr std::int64_t kWindowPoSt8MiB = 6;
inline constexpr SimSeconds kStartTime = 1'000'000;

struct NodeRig {
  explicit NodeRig(SealingConfig config_in = {}, std::int64_t window_post = kWindowPoSt2KiB)
      : config(config_in) {
    chain.miner_info.window_post_proof_type = window_post;
  }
  ~NodeRig() { node.reset(); }

  FakeClock clock{kStartTime};
  FakeSectorManager sealer{clock};
  FakeChainApi chain{clock};
  FakeChainEvents events{clock, chain.head.height};
  FakeProofVerifier verifier;
  FakeBatcherQueues batchers{clock};
  SealingConfig config;
  MemorySectorStore memory;
  std::unique_ptr<SealingNode> node;
  ParkingRunner* runner = nullptr;
  // Handlers the next built node's runner parks. The node's own part (input, packing) ends where
  // GetTicket starts; these tests hold their sectors there (the pre-commit side has its own tests).
  std::set<SectorHandler> park{SectorHandler::GetTicket};
  std::map<DealId, Result<SectorOffset>> answers;

  HandlerEnv env() {
    return HandlerEnv{sealer, clock, chain, events, verifier, batchers, batchers, batchers,
                      config, FeeConfig{}, 1000};
  }
  // Builds the node (not yet run) on `store`/`counter`.
  SealingNode& build(SectorStore& store, SectorIdCounter& counter) {
    node.reset();
    SealingNodeOptions options;
    options.make_runner = [this](const HandlerEnv& handler_env) {
      auto made = std::make_unique<ParkingRunner>(handler_env);
      made->park = park;
      runner = made.get();
      return made;
    };
    node = std::make_unique<SealingNode>(env(), store, counter, std::move(options));
    return *node;
  }
  SealingNode& build() { return build(memory, memory); }
  SealingNode& start() {
    build().run();
    return *node;
  }

  // A deal whose proposal is unique to `id`.
  static DealInfo deal(DealId id, std::uint64_t unpadded_size) {
    DealInfo info;
    info.deal_id = id;
    DealProposal proposal;
    proposal.piece.size = UnpaddedPieceSize(unpadded_size).padded();
    proposal.piece.commitment[0] = static_cast<std::uint8_t>(id);
    proposal.label = "deal " + std::to_string(id);
    proposal.start_epoch = 10'000;
    proposal.end_epoch = 600'000;
    info.proposal = proposal;
    info.schedule = DealSchedule{10'000, 600'000};
    return info;
  }
  void add_deal(DealId id, std::uint64_t unpadded_size) {
    node->add_piece_to_any_sector(UnpaddedPieceSize(unpadded_size), PieceData{false, id},
                                  deal(id, unpadded_size), [this, id](Result<SectorOffset> result) {
                                    answers.insert_or_assign(id, std::move(result));
                                  });
  }
  bool answered(DealId id) const { return answers.count(id) != 0; }

  // Runs everything due now (deferred matching passes, sends, answers).
  void settle() { clock.advance_to(clock.now()); }
  void advance(SimSeconds seconds) { clock.advance_to(clock.now() + seconds); }
  SectorInfo record(SectorNumber sector) { return *node->sector_info(sector); }
  bool in_state(SectorNumber sector, SectorState state) {
    auto info = node->sector_info(sector);
    return info && info->in_state(state);
  }
  // Stores a record in `state` before the node starts (what a previous run left behind).
  void store_record(SectorStore& store, SectorNumber sector, SectorState state, SectorInfo base = {}) {
    base.sector_number = sector;
    base.sector_type = RegisteredSealProof::StackedDrg2KiBV1_1;
    base.set_state(state);
    store.save(sector, base);
  }
};

}  // namespace sealsim::sealing::test
