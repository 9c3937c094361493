// sealing_node.hpp: Lotus's `Sealing` object (sealing.go, spec §1.5, §10, §4): the node that owns
// the sector state group and the handler runner, hands out sector numbers from the persisted
// counter, feeds deals into sectors (InputPacking), pledges committed-capacity sectors, keeps the
// sealing statistics that the limits read, and offers the operator commands.
//
// Startup: Lotus blocks its public entry points until Run has sent SectorRestart to every stored
// sector. A single-threaded simulation cannot block, so before run() the commands are refused with
// kNotStartedError, and a deal-sector creation that Lotus would hold until startup runs at the end
// of run(). A simulated restart is: destroy the node, keep the store, build a new node, run().
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sealing/handlers.hpp"
#include "sealing/input_packing.hpp"
#include "sealing/row_coverage.hpp"
#include "sealing/sector_id_counter.hpp"
#include "sealing/sector_state_group.hpp"
#include "sealing/sector_stats.hpp"
#include "sealing/sector_store.hpp"
#include "sealing/trace_sink.hpp"

namespace sealsim::sealing {

inline constexpr const char* kNotStartedError =
    "sealing not started: Lotus holds this call until Sealing.Run has restarted the stored sectors";
// go-statemachine's answer to a Send to a machine that has stopped (a halted sector).
inline constexpr const char* kMachineStoppedError = "normal shutdown of state machine";

struct SealingNodeOptions {
  TraceSink* trace = nullptr;  // every plan call is also reported here
  RowCoverage* coverage = nullptr;
  // Builds the handler runner from the node's handler environment (its `input` filled in).
  // Unset: SealingHandlers. Tests wrap it to stop at handlers other parts provide.
  std::function<std::unique_ptr<HandlerRunner>(const HandlerEnv&)> make_runner;
};

class SealingNode final : private TraceSink {
 public:
  // `env` names the sector manager, clock, chain, events, verifier, batcher queues, config, fees
  // and miner id; its `input` is replaced by the node's own input side.
  SealingNode(HandlerEnv env, SectorStore& store, SectorIdCounter& counter,
              SealingNodeOptions options = {});
  ~SealingNode() override;
  SealingNode(const SealingNode&) = delete;
  SealingNode& operator=(const SealingNode&) = delete;

  // Sealing.Run: SectorRestart to every stored sector (in sector order), then the node is started.
  void run();
  bool started() const { return started_; }

  // --- input ---
  // AddPieceToAnySector (see InputPacking::add_piece_to_any_sector for the contract).
  void add_piece_to_any_sector(UnpaddedPieceSize size, PieceData data, DealInfo deal,
                               AddPieceDone done);
  // PledgeSector: a committed-capacity sector (SectorStartCC → Packing). Refused with "too many
  // sectors sealing (curSealing: N, max: M)" while MaxSealingSectors is reached, or "getting seal
  // proof type: ..." when the chain cannot say which proof to use.
  Result<SectorRef> pledge_sector();

  // --- operator commands (storage/miner_sealing.go, the miner API) ---
  // SectorRemove / SectorTerminate / SectorStartSealing: send SectorRemove / SectorTerminate /
  // SectorStartPacking. Like Lotus, a sector number without a record gets a fresh record first.
  // Refused only with kNotStartedError or kMachineStoppedError (the sector's machine halted).
  Result<Unit> remove_sector(SectorNumber sector);
  Result<Unit> terminate_sector(SectorNumber sector);
  Result<Unit> start_packing(SectorNumber sector);
  // `lotus-miner sectors update-state` → SectorsUpdate → SectorForceState: how an operator
  // restarts a failed sector. The CLI refuses a name outside ExistSectorStateList with
  // "\"X\" is not a valid state" (the raw API would force any string; group().send does that).
  Result<Unit> force_sector_state(SectorNumber sector, const std::string& state);
  // MarkForUpgrade, with upgrade_queue.go's checks (UpgradeQueue::mark lists the refusals).
  Result<Unit> mark_for_upgrade(SectorNumber sector);
  bool is_marked_for_upgrade(SectorNumber sector) const;

  // --- inspection ---
  SealingStatistics statistics() const { return stats_.snapshot(); }
  // GetSectorInfo: the persisted record.
  std::optional<SectorInfo> sector_info(SectorNumber sector) { return store_.load(sector); }
  SectorStateGroup& group() { return group_; }
  InputPacking& input() { return input_; }
  const SealingConfig& config() const { return env_.config; }

 private:
  // Every plan call: the statistics update of plan() step 5 (spec §1.6, §5.6).
  void record(const TraceRecord& record) override;
  // tryCreateDealSector (§10.4).
  void try_create_deal_sector(RegisteredSealProof proof);
  // createSector: a new number from the counter, counted as staging at once.
  SectorNumber create_sector();
  Result<Unit> send_command(SectorNumber sector, SectorEvent event);

  HandlerEnv env_;
  SectorStore& store_;
  SectorIdCounter& counter_;
  TraceSink* downstream_trace_;
  SectorStats stats_;
  InputPacking input_;
  std::unique_ptr<HandlerRunner> runner_;
  SectorStateGroup group_;  // after everything its handlers use; destroyed first
  bool started_ = false;
  std::optional<RegisteredSealProof> deferred_create_;
  std::shared_ptr<SealingNode*> self_;  // weak-held by clock callbacks
};

}  // namespace sealsim::sealing
