// storage_manager.hpp: the sector manager between the sealing FSM and the workers (Lotus v1.11.0
// extern/sector-storage manager.go, spec sealing-fsm.md §14.1): each call becomes a scheduler task
// with a selector over the storage index; when the task's simulated time has passed, its storage
// operations and proof computation run and the result goes to the caller. PC1, PC2, C1 and C2 are
// call-tracked, so a repeated call (a handler re-run after a restart) waits for the call in flight
// or takes the result already recorded instead of running the work again.
//
// Simplification, knowingly: the storage operations of a task (acquiring, reserving, declaring,
// moving files) happen when its work ends, not when it starts; a path that fills during the task
// therefore fails it at its end. Every result is delivered through the scheduler, never inside
// the call. Call records stay in the store until the caller forgets them through the
// CallTracker (the FSM glue should do so once the sector state carrying the result is persisted).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sealing/storage/call_tracker.hpp"
#include "sealing/storage/proof_backend.hpp"
#include "sealing/storage/scheduler.hpp"
#include "sealing/storage/storage_index.hpp"

namespace sealsim::sealing {

// A value, or the error text the FSM turns into a failure event (Lotus's (value, error) pairs).
template <class T>
struct TaskResult {
  std::optional<T> value;
  std::string error;
  bool ok() const { return value.has_value(); }
};

struct NoValue {
  friend bool operator==(NoValue, NoValue) = default;
};

template <class T>
using TaskDone = std::function<void(TaskResult<T>)>;

class StorageManager {
 public:
  // All four outlive the manager (they stand for the workers, their disks and the manager's
  // datastore, which survive a manager restart); call recover() after constructing.
  StorageManager(Scheduler& scheduler, StorageIndex& index, CallTracker& calls,
                 ProofBackend& backend);

  // Drops call records that never reached a worker; the others are re-attached on demand.
  void recover(bool abort_unfinished = false);

  // Real data only: `data` holds exactly `size` bytes (zeros for padding and fillers).
  void add_piece(int priority, const ProofSectorRef& sector, std::vector<UnpaddedPieceSize> existing,
                 UnpaddedPieceSize size, Bytes data, TaskDone<PieceInfo> done);
  void seal_pre_commit1(int priority, const ProofSectorRef& sector, Bytes ticket,
                        std::vector<PieceInfo> pieces, TaskDone<Bytes> done);
  void seal_pre_commit2(int priority, const ProofSectorRef& sector, Bytes pc1_output,
                        TaskDone<SectorCommitments> done);
  void seal_commit1(int priority, const ProofSectorRef& sector, Bytes ticket, Bytes seed,
                    std::vector<PieceInfo> pieces, SectorCommitments commitments,
                    TaskDone<Bytes> done);
  void seal_commit2(int priority, const ProofSectorRef& sector, Bytes c1_output,
                    TaskDone<Bytes> done);
  // Shrinks the cache, drops the unsealed file unless kept, moves the rest to long-term storage.
  void finalize_sector(int priority, const ProofSectorRef& sector, bool keep_unsealed,
                       TaskDone<NoValue> done);
  // Lotus v1.11.0: a no-op that succeeds (quirk Q19).
  void release_unsealed(const ProofSectorRef& sector, TaskDone<NoValue> done);
  void remove(const ProofSectorRef& sector, TaskDone<NoValue> done);

  // Tasks this manager asked the scheduler for (the restart tests count them).
  std::size_t tasks_submitted() const { return tasks_submitted_; }

 private:
  using Work = std::function<Bytes(WorkerId)>;  // runs when the task ends; throws on failure
  void tracked(TaskType task, int priority, const ProofSectorRef& sector,
               const std::string& parameters, std::function<bool(WorkerId)> selector, Work work,
               std::function<void(const CallRecord&)> deliver);
  TaskId submit(TaskType task, int priority, const ProofSectorRef& sector,
                std::function<bool(WorkerId)> selector,
                std::function<void(const TaskOutcome&)> on_finished);

  Scheduler& scheduler_;
  StorageIndex& index_;
  CallTracker& calls_;
  ProofBackend& backend_;
  std::size_t tasks_submitted_ = 0;
};

}  // namespace sealsim::sealing
