// storage_manager.hpp: the sector manager between the sealing FSM and the workers (Lotus v1.11.0
// extern/sector-storage manager.go and ffiwrapper, spec sealing-fsm.md §14.1): each call becomes
// a scheduler task with a selector over the storage index. When the task's work starts on a
// worker, its storage operations run (acquiring the sector's files, reserving space for the files
// it will write); an error there fails the task at once with Lotus's text ("acquire unsealed
// sector: …", "acquiring sector paths: …"). When its simulated work time has passed, the proof
// computation runs, the written files are declared and the reservation is released; a failed or
// lost attempt releases it too. FinalizeSector is two tasks, as in Lotus: Finalize on the sealing
// worker, then Fetch moving the files to long-term storage (copy, verify, only then remove).
//
// PC1, PC2, C1 and C2 are call-tracked: their result is recorded in the call store by the worker
// side before the caller hears of it, so a repeated call (a handler re-run after a restart) waits
// for the call in flight or takes the recorded result instead of running the work again; the
// record is forgotten once the result was delivered (Lotus ends the work then), so a later retry
// runs again. Every result is delivered through the scheduler, never inside the call; a destroyed
// manager (a restarted process) delivers nothing more, while its workers' work goes on.
#pragma once

#include <functional>
#include <memory>
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
  ~StorageManager();
  StorageManager(const StorageManager&) = delete;
  StorageManager& operator=(const StorageManager&) = delete;

  // Drops call records that never reached a worker; the others are re-attached on demand.
  void recover(bool abort_unfinished = false);

  // Real data: `data` holds exactly `size` bytes (zeros for padding and fillers).
  void add_piece(int priority, const ProofSectorRef& sector, std::vector<UnpaddedPieceSize> existing,
                 UnpaddedPieceSize size, Bytes data, TaskDone<PieceInfo> done);
  // Sizes only (big sectors simulated without data): the piece's commitment is given, nothing
  // is written; space is still allocated and reserved as for real data.
  void add_piece_without_data(int priority, const ProofSectorRef& sector,
                              std::vector<UnpaddedPieceSize> existing, UnpaddedPieceSize size,
                              Node32 commitment, TaskDone<PieceInfo> done);
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
  // Every file of the sector from every path (Lotus removes with force: no files is no error).
  void remove(const ProofSectorRef& sector, TaskDone<NoValue> done);

  // Tasks this manager asked the scheduler for (the restart tests count them).
  std::size_t tasks_submitted() const { return tasks_submitted_; }

  // The steps of one task; shared with the scheduler's callbacks, which may outlive the manager.
  struct TaskSteps;

 private:
  TaskId submit(TaskType task, int priority, const ProofSectorRef& sector,
                std::shared_ptr<TaskSteps> steps,
                std::function<void(const TaskOutcome&, std::optional<std::string>)> on_finished);
  void tracked(TaskType task, int priority, const ProofSectorRef& sector,
               const std::string& parameters, std::shared_ptr<TaskSteps> steps,
               std::function<void(const CallRecord&)> deliver);
  void fetch_to_storage(int priority, const ProofSectorRef& sector, bool keep_unsealed,
                        TaskDone<NoValue> done);

  Scheduler& scheduler_;
  StorageIndex& index_;
  CallTracker& calls_;
  ProofBackend& backend_;
  std::size_t tasks_submitted_ = 0;
  // False once this manager is gone: its callers (the old process) hear nothing more.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  // Last reported usage of each path, for PathUsage trace events.
  std::shared_ptr<std::vector<PathUsageSnapshot>> reported_paths_ =
      std::make_shared<std::vector<PathUsageSnapshot>>();
};

}  // namespace sealsim::sealing
