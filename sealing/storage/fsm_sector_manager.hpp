// fsm_sector_manager.hpp: the sealing FSM's SectorManager (sealing/sector_manager.hpp, spec §14.1)
// over the storage manager: each call becomes scheduler work posted on the sealing clock (never
// completed inside the call), its simulated duration from the timing model moves the clock, and
// its result or error text comes back through the continuation, which the handlers turn into
// their events (spec §8: any error → SectorAddPieceFailed, SectorSealPreCommit1Failed, ...).
//
// Piece data: with PieceDataMode::RealData (2 KiB and 8 MiB sectors only) AddPiece writes the
// fr32-padded bytes of zero pieces and of the deals' payloads into the unsealed file; with
// SizesOnly (any size; how 32/64 GiB sectors are simulated) it allocates the file and records the
// piece's commitment (a zero piece's, or the deal's PieceCID) without bytes.
//
// A restart: destroy this object (its pending continuations are dropped, as with a dead process)
// and build a new one over the same scheduler, storage index, call store and backend.
#pragma once

#include <cstdint>
#include <optional>

#include "sealing/clock.hpp"
#include "sealing/sector_manager.hpp"
#include "sealing/storage/scheduler_clock_bridge.hpp"
#include "sealing/storage/storage_manager.hpp"

namespace sealsim::sealing {

// Where deal pieces come from (the market side of a scenario).
class PieceDataSource {
 public:
  virtual ~PieceDataSource() = default;
  // The deal's payload: exactly `size` bytes (real-data runs).
  virtual Bytes deal_bytes(DealId deal, UnpaddedPieceSize size) = 0;
  // The deal's PieceCID as a raw commitment (sizes-only runs).
  virtual Node32 deal_commitment(DealId deal, UnpaddedPieceSize size) = 0;
};

enum class PieceDataMode { SizesOnly, RealData };

// Real bytes are simulated up to this sector size (2 KiB and 8 MiB proofs).
inline constexpr std::uint64_t kMaxRealDataSectorSize = std::uint64_t{8} << 20;

struct FsmSectorManagerOptions {
  SimSeconds scheduler_epoch = 0;  // clock time at which the scheduler's time was 0
  PieceDataMode piece_data = PieceDataMode::SizesOnly;
  PieceDataSource* deals = nullptr;  // needed once a deal piece is added
  bool abort_unfinished = false;     // LOTUS_MINER_ABORT_UNFINISHED_WORK on (re)start
  // Largest sector simulated with real bytes: raised by runs whose proof backend keeps the
  // sector's data itself anyway (the cpu backend: up to its own size limit).
  std::uint64_t max_real_data_sector_size = kMaxRealDataSectorSize;
};

class FsmSectorManager final : public SectorManager {
 public:
  // The scheduler, index, call store and backend outlive this object (they survive a restart).
  // Recovers the call records (spec §14.5) on construction.
  FsmSectorManager(Scheduler& scheduler, StorageIndex& index, CallRecordStore& calls,
                   ProofBackend& backend, Clock& clock, FsmSectorManagerOptions options);

  void add_piece(int priority, const SectorRef& sector, const std::vector<UnpaddedPieceSize>& existing,
                 UnpaddedPieceSize size, PieceData data, Done<PieceInfo> done) override;
  void seal_pre_commit1(int priority, const SectorRef& sector, const Bytes& ticket,
                        const std::vector<PieceInfo>& pieces, Done<Bytes> done) override;
  void seal_pre_commit2(int priority, const SectorRef& sector, const Bytes& pc1_out,
                        Done<SealedCids> done) override;
  void seal_commit1(int priority, const SectorRef& sector, const Bytes& ticket, const Bytes& seed,
                    const std::vector<PieceInfo>& pieces, const SealedCids& cids,
                    Done<Bytes> done) override;
  void seal_commit2(int priority, const SectorRef& sector, const Bytes& c1_out,
                    Done<Bytes> done) override;
  // Non-empty ranges keep the unsealed file (moved to long-term storage with the sector).
  void finalize_sector(int priority, const SectorRef& sector,
                       const std::vector<UnpaddedRange>& keep_unsealed, Done<Unit> done) override;
  void release_unsealed(const SectorRef& sector, const std::vector<UnpaddedRange>& safe_to_free,
                        Done<Unit> done) override;
  void remove(const SectorRef& sector, Done<Unit> done) override;

  // A worker lost, back or added, at the current clock time (see SchedulerClockBridge::change).
  void change_workers(std::function<void(Scheduler&)> change) { bridge_.change(std::move(change)); }
  const StorageManager& storage() const { return manager_; }

 private:
  CallTracker calls_;
  StorageManager manager_;
  SchedulerClockBridge bridge_;
  FsmSectorManagerOptions options_;
};

}  // namespace sealsim::sealing
