// storage_manager.cpp: sector manager calls as scheduler tasks over the storage index.
#include "sealing/storage/storage_manager.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <utility>

#include "model/cid.hpp"
#include "sealing/storage/unsealed_piece_writer.hpp"

namespace sealsim::sealing {

struct StorageManager::TaskSteps {
  std::function<bool(WorkerId)> selector;  // may this worker run it; empty: any
  std::function<void(WorkerId)> start;     // storage operations as the work starts; throws
  std::function<Bytes(WorkerId)> work;     // when the work ends; throws on failure
  std::function<void()> release;           // gives back what start took (idempotent)
};

namespace {

std::string sector_json(const ProofSectorRef& sector) {
  return "{\"ID\":{\"Miner\":" + std::to_string(sector.id.miner) + ",\"Number\":" +
         std::to_string(sector.id.number) + "},\"ProofType\":" +
         std::to_string(static_cast<std::int64_t>(sector.proof)) + "}";
}

std::string pieces_json(const std::vector<PieceInfo>& pieces) {
  std::string json = "[";
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) json += ",";
    json += "{\"Size\":" + std::to_string(pieces[i].size.bytes()) + ",\"PieceCID\":\"" +
            commitment_to_cid(CommitmentKind::Unsealed, pieces[i].commitment).to_string() + "\"}";
  }
  return json + "]";
}

Bytes encode(const SectorCommitments& commitments) {
  // Sized up front: GCC 12 misreads a vector insert of the second half as out of bounds.
  Bytes bytes(64);
  std::copy(commitments.unsealed.begin(), commitments.unsealed.end(), bytes.begin());
  std::copy(commitments.sealed.begin(), commitments.sealed.end(), bytes.begin() + 32);
  return bytes;
}

SectorCommitments decode_commitments(const Bytes& bytes) {
  SectorCommitments commitments;
  if (bytes.size() != 64) throw ProofBackendError("stored PC2 result is not 64 bytes");
  std::copy_n(bytes.begin(), 32, commitments.unsealed.begin());
  std::copy_n(bytes.begin() + 32, 32, commitments.sealed.begin());
  return commitments;
}

template <class T>
TaskResult<T> failed(std::string error) {
  return TaskResult<T>{std::nullopt, std::move(error)};
}

// Runs `body`; an exception becomes its message.
std::optional<std::string> guarded(const std::function<void()>& body) {
  try {
    body();
    return std::nullopt;
  } catch (const std::exception& error) {
    return std::string(error.what());
  }
}

// Rethrows a storage fault with Lotus's context prefix, keeping its kind.
template <class Body>
auto with_context(const std::string& context, Body body) {
  try {
    return body();
  } catch (const StorageError& error) {
    throw StorageError(error.kind(), context + error.what());
  }
}

// Emits a PathUsage event for every path whose used or reserved space changed since the last
// report (paths in id order, so the trace is deterministic).
void report_path_usage(Scheduler& scheduler, const StorageIndex& index,
                       std::vector<PathUsageSnapshot>& reported) {
  if (!scheduler.tracing()) return;
  for (StoragePathId id = 0; id < index.path_count(); ++id) {
    const StoragePathState& state = index.path(id);
    PathUsageSnapshot now{id,          state.config.name, state.config.capacity,
                          state.used,  state.reserved,    state.available()};
    if (id < reported.size() && reported[id] == now) continue;
    if (id >= reported.size()) reported.resize(id + 1);
    reported[id] = now;
    SchedulerTraceEvent event;
    event.kind = SchedulerTraceKind::PathUsage;
    event.path = std::move(now);
    scheduler.emit_trace(std::move(event));
  }
}

}  // namespace

StorageManager::StorageManager(Scheduler& scheduler, StorageIndex& index, CallTracker& calls,
                               ProofBackend& backend)
    : scheduler_(scheduler), index_(index), calls_(calls), backend_(backend) {}

StorageManager::~StorageManager() { *alive_ = false; }

void StorageManager::recover(bool abort_unfinished) { calls_.recover(abort_unfinished); }

TaskId StorageManager::submit(
    TaskType task, int priority, const ProofSectorRef& sector, std::shared_ptr<TaskSteps> steps,
    std::function<void(const TaskOutcome&, std::optional<std::string>)> on_finished) {
  Scheduler* scheduler = &scheduler_;
  StorageIndex* index = &index_;
  auto reported = reported_paths_;
  auto report = [scheduler, index, reported] { report_path_usage(*scheduler, *index, *reported); };
  TaskRequest request{sector.id, sector.proof, task, priority};
  if (steps->selector) {
    request.selector = [steps](WorkerId worker, const WorkerSpec&) { return steps->selector(worker); };
  }
  request.on_start = [steps, report](WorkerId worker) -> std::optional<std::string> {
    if (!steps->start) return std::nullopt;
    std::optional<std::string> error = guarded([&] { steps->start(worker); });
    if (error && steps->release) steps->release();
    report();
    return error;
  };
  request.on_work_done = [steps, report](WorkerId worker) -> std::optional<std::string> {
    std::optional<std::string> error;
    if (steps->work) error = guarded([&] { steps->work(worker); });
    if (steps->release) steps->release();
    report();
    return error;
  };
  request.on_abandoned = [steps, report] {
    if (steps->release) steps->release();
    report();
  };
  // A task failed by its timing (work or prepare error) never reached on_work_done.
  request.on_finished = [steps, report, on_finished = std::move(on_finished)](const TaskOutcome& outcome) {
    if (steps->release) steps->release();
    report();
    std::optional<std::string> error;
    if (outcome.status != TaskStatus::Done) error = outcome.error;
    on_finished(outcome, std::move(error));
  };
  ++tasks_submitted_;
  return scheduler_.submit(std::move(request));
}

void StorageManager::tracked(TaskType task, int priority, const ProofSectorRef& sector,
                             const std::string& parameters, std::shared_ptr<TaskSteps> steps,
                             std::function<void(const CallRecord&)> deliver) {
  const CallKey key = make_call_key(task, parameters);
  const CallTracker::StartResult started = calls_.start(key);
  // Completion and delivery go through the store, never this manager or its tracker: both may be
  // gone (restarted) by the time the worker answers.
  CallRecordStore* store = &calls_.store();
  std::shared_ptr<bool> alive = alive_;
  auto deliver_and_forget = [store, key, deliver, alive](const CallRecord& record) {
    if (!*alive) return;
    deliver(record);
    store->erase(key);  // consumed: a later call with the same parameters runs again
  };
  auto deliver_from_store = [store, key, deliver_and_forget](const TaskOutcome& outcome) {
    std::optional<CallRecord> record = store->get(key);
    if (!record || record->state != CallState::Done) {
      deliver_and_forget(CallRecord{key, CallState::Done, {}, {},
                                    "call ended without a result: " +
                                        (outcome.error.empty() ? std::string("lost") : outcome.error)});
      return;
    }
    deliver_and_forget(*record);
  };
  if (started.start == CallTracker::Start::AlreadyDone) {
    scheduler_.defer([deliver_and_forget, record = started.record] { deliver_and_forget(record); });
    return;
  }
  if (started.start == CallTracker::Start::InFlight && started.record.worker_call) {
    scheduler_.watch(*started.record.worker_call, deliver_from_store);
    return;
  }
  // New (or started but never handed to a worker): run it. The "worker side" records the result
  // before anyone is told, so a manager restart in between loses nothing.
  std::function<Bytes(WorkerId)> work = std::move(steps->work);
  auto result = std::make_shared<Bytes>();
  steps->work = [work, result](WorkerId worker) {
    *result = work(worker);
    return Bytes{};
  };
  const TaskId task_id =
      submit(task, priority, sector, steps,
             [store, key, result](const TaskOutcome&, std::optional<std::string> error) {
               CallTracker worker_side(*store);
               if (error) {
                 worker_side.mark_done(key, {}, std::move(error));
               } else {
                 worker_side.mark_done(key, std::move(*result));
               }
             });
  calls_.mark_running(key, task_id);
  scheduler_.watch(task_id, deliver_from_store);
}

namespace {

// The unsealed file a running AddPiece holds, shared by its steps.
struct AddPieceState {
  std::optional<UnsealedPieceTarget> target;
  std::optional<PieceInfo> piece;
};

// Sealed and cache files a running PC1 holds, shared by its steps.
struct AcquiredState {
  std::optional<AcquiredSector> acquired;
};

}  // namespace

void StorageManager::add_piece(int priority, const ProofSectorRef& sector,
                               std::vector<UnpaddedPieceSize> existing, UnpaddedPieceSize size,
                               Bytes data, TaskDone<PieceInfo> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  auto state = std::make_shared<AddPieceState>();
  auto steps = std::make_shared<TaskSteps>();
  const bool new_sector = existing.empty();
  steps->selector = [index, new_sector, id = sector.id](WorkerId worker) {
    return new_sector ? index->can_reach(PathKind::Sealing, worker)
                      : index->good_copy(id, SectorFileType::Unsealed, worker).has_value();
  };
  auto shared_data = std::make_shared<const Bytes>(std::move(data));
  steps->start = [index, state, sector, existing, size, shared_data](WorkerId worker) {
    if (shared_data->size() != size.bytes()) {
      throw ProofBackendError("add piece: got " + std::to_string(shared_data->size()) +
                              " bytes of data for a piece of " + std::to_string(size.bytes()));
    }
    state->target = with_context("acquire unsealed sector: ", [&] {
      return acquire_unsealed_for_piece(*index, sector, existing, size, worker);
    });
  };
  steps->work = [index, backend, state, sector, existing, size, shared_data](WorkerId) {
    backend->add_piece(sector, existing, size, *shared_data);  // the backend's sector record
    state->piece = write_piece(*index, sector, *state->target, size, *shared_data).piece;
    return Bytes{};
  };
  steps->release = [state] { state->target.reset(); };
  submit(TaskType::AddPiece, priority, sector, steps,
         [alive = alive_, state, done = std::move(done)](const TaskOutcome&,
                                                         std::optional<std::string> error) {
           if (!*alive) return;
           if (error) return done(failed<PieceInfo>(*error));
           done(TaskResult<PieceInfo>{state->piece, {}});
         });
}

void StorageManager::add_piece_without_data(int priority, const ProofSectorRef& sector,
                                            std::vector<UnpaddedPieceSize> existing,
                                            UnpaddedPieceSize size, Node32 commitment,
                                            TaskDone<PieceInfo> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  auto state = std::make_shared<AddPieceState>();
  auto steps = std::make_shared<TaskSteps>();
  const bool new_sector = existing.empty();
  steps->selector = [index, new_sector, id = sector.id](WorkerId worker) {
    return new_sector ? index->can_reach(PathKind::Sealing, worker)
                      : index->good_copy(id, SectorFileType::Unsealed, worker).has_value();
  };
  steps->start = [index, state, sector, existing, size](WorkerId worker) {
    state->target = with_context("acquire unsealed sector: ", [&] {
      return acquire_unsealed_for_piece(*index, sector, existing, size, worker);
    });
  };
  steps->work = [index, backend, state, sector, existing, size, commitment](WorkerId) {
    backend->add_piece_without_data(sector, existing, size, commitment);
    state->piece = declare_piece_without_data(*index, sector, *state->target, size, commitment).piece;
    return Bytes{};
  };
  steps->release = [state] { state->target.reset(); };
  submit(TaskType::AddPiece, priority, sector, steps,
         [alive = alive_, state, done = std::move(done)](const TaskOutcome&,
                                                         std::optional<std::string> error) {
           if (!*alive) return;
           if (error) return done(failed<PieceInfo>(*error));
           done(TaskResult<PieceInfo>{state->piece, {}});
         });
}

void StorageManager::seal_pre_commit1(int priority, const ProofSectorRef& sector, Bytes ticket,
                                      std::vector<PieceInfo> pieces, TaskDone<Bytes> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  const std::string parameters = "{\"Sector\":" + sector_json(sector) + ",\"Ticket\":\"" +
                                 to_hex(ticket) + "\",\"Pieces\":" + pieces_json(pieces) + "}";
  auto state = std::make_shared<AcquiredState>();
  auto steps = std::make_shared<TaskSteps>();
  steps->selector = [index](WorkerId worker) { return index->can_reach(PathKind::Sealing, worker); };
  steps->start = [index, state, sector](WorkerId worker) {
    state->acquired = with_context("acquiring sector paths: ", [&] {
      return index->acquire(sector.id, sector.proof, {SectorFileType::Unsealed},
                            {SectorFileType::Sealed, SectorFileType::Cache}, PathKind::Sealing,
                            worker);
    });
  };
  steps->work = [index, backend, state, sector, ticket, pieces](WorkerId) {
    Bytes output = backend->seal_pre_commit1(sector, ticket, pieces);
    const std::uint64_t size = seal_proof_info(sector.proof).sector_size;
    for (SectorFileType type : {SectorFileType::Sealed, SectorFileType::Cache}) {
      index->declare(state->acquired->reservation, sector.id, type, state->acquired->paths.at(type),
                     sealing_file_size(type, size));
    }
    return output;
  };
  steps->release = [state] { state->acquired.reset(); };
  tracked(TaskType::PreCommit1, priority, sector, parameters, steps,
          [done = std::move(done)](const CallRecord& record) {
            if (record.error) return done(failed<Bytes>(*record.error));
            done(TaskResult<Bytes>{record.result, {}});
          });
}

namespace {

// PC2 and C1 read the sealed file and write the cache in place: both must exist and be reachable.
std::function<void(WorkerId)> require_sealed_and_cache(StorageIndex* index, ProofSectorRef sector,
                                                       std::string context) {
  return [index, sector, context](WorkerId worker) {
    with_context(context, [&] {
      return index->acquire(sector.id, sector.proof, {SectorFileType::Sealed, SectorFileType::Cache},
                            {}, PathKind::Sealing, worker);
    });
  };
}

}  // namespace

void StorageManager::seal_pre_commit2(int priority, const ProofSectorRef& sector, Bytes pc1_output,
                                      TaskDone<SectorCommitments> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  const std::string parameters =
      "{\"Sector\":" + sector_json(sector) + ",\"PC1\":\"" + to_hex(pc1_output) + "\"}";
  auto steps = std::make_shared<TaskSteps>();
  steps->selector = [index, id = sector.id](WorkerId worker) {
    return index->good_copy(id, SectorFileType::Sealed, worker).has_value();
  };
  steps->start = require_sealed_and_cache(index, sector, "acquiring sector paths: ");
  steps->work = [backend, sector, pc1_output](WorkerId) {
    return encode(backend->seal_pre_commit2(sector, pc1_output));
  };
  tracked(TaskType::PreCommit2, priority, sector, parameters, steps,
          [done = std::move(done)](const CallRecord& record) {
            if (record.error) return done(failed<SectorCommitments>(*record.error));
            try {
              done(TaskResult<SectorCommitments>{decode_commitments(record.result), {}});
            } catch (const std::exception& error) {
              done(failed<SectorCommitments>(error.what()));
            }
          });
}

void StorageManager::seal_commit1(int priority, const ProofSectorRef& sector, Bytes ticket,
                                  Bytes seed, std::vector<PieceInfo> pieces,
                                  SectorCommitments commitments, TaskDone<Bytes> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  const std::string parameters =
      "{\"Sector\":" + sector_json(sector) + ",\"Ticket\":\"" + to_hex(ticket) + "\",\"Seed\":\"" +
      to_hex(seed) + "\",\"Pieces\":" + pieces_json(pieces) + ",\"Cids\":\"" +
      to_hex(encode(commitments)) + "\"}";
  auto steps = std::make_shared<TaskSteps>();
  steps->selector = [index, id = sector.id](WorkerId worker) {
    return index->good_copy(id, SectorFileType::Sealed, worker).has_value();
  };
  steps->start = require_sealed_and_cache(index, sector, "acquire sector paths: ");
  steps->work = [backend, sector, ticket, seed, pieces, commitments](WorkerId) {
    return backend->seal_commit1(sector, ticket, seed, pieces, commitments);
  };
  tracked(TaskType::Commit1, priority, sector, parameters, steps,
          [done = std::move(done)](const CallRecord& record) {
            if (record.error) return done(failed<Bytes>(*record.error));
            done(TaskResult<Bytes>{record.result, {}});
          });
}

void StorageManager::seal_commit2(int priority, const ProofSectorRef& sector, Bytes c1_output,
                                  TaskDone<Bytes> done) {
  ProofBackend* backend = &backend_;
  const std::string parameters =
      "{\"Sector\":" + sector_json(sector) + ",\"C1\":\"" + to_hex(c1_output) + "\"}";
  auto steps = std::make_shared<TaskSteps>();
  steps->work = [backend, sector, c1_output](WorkerId) {
    return backend->seal_commit2(sector, c1_output);
  };
  tracked(TaskType::Commit2, priority, sector, parameters, steps,
          [done = std::move(done)](const CallRecord& record) {
            if (record.error) return done(failed<Bytes>(*record.error));
            done(TaskResult<Bytes>{record.result, {}});
          });
}

void StorageManager::finalize_sector(int priority, const ProofSectorRef& sector, bool keep_unsealed,
                                     TaskDone<NoValue> done) {
  StorageIndex* index = &index_;
  auto steps = std::make_shared<TaskSteps>();
  steps->selector = [index, id = sector.id](WorkerId worker) {
    return index->good_copy(id, SectorFileType::Sealed, worker).has_value();
  };
  steps->start = [index, sector](WorkerId worker) {
    with_context("acquiring sector cache path: ", [&] {
      return index->acquire(sector.id, sector.proof, {SectorFileType::Cache, SectorFileType::Sealed},
                            {}, PathKind::Sealing, worker);
    });
  };
  steps->work = [index, sector, keep_unsealed](WorkerId) {
    index->finalize(sector.id, sector.proof, keep_unsealed);
    return Bytes{};
  };
  // Lotus: once the Finalize task succeeded, a Fetch task moves the files to long-term storage.
  submit(TaskType::Finalize, priority, sector, steps,
         [this, alive = alive_, priority, sector, keep_unsealed, done = std::move(done)](
             const TaskOutcome&, std::optional<std::string> error) {
           if (!*alive) return;
           if (error) return done(failed<NoValue>(*error));
           fetch_to_storage(priority, sector, keep_unsealed, done);
         });
}

void StorageManager::fetch_to_storage(int priority, const ProofSectorRef& sector,
                                      bool keep_unsealed, TaskDone<NoValue> done) {
  StorageIndex* index = &index_;
  std::set<SectorFileType> types{SectorFileType::Sealed, SectorFileType::Cache};
  if (keep_unsealed) types.insert(SectorFileType::Unsealed);
  auto steps = std::make_shared<TaskSteps>();
  steps->selector = [index](WorkerId worker) { return index->can_reach(PathKind::Storage, worker); };
  steps->start = [index, sector, types](WorkerId worker) {
    with_context("moving sector to storage: ", [&] {
      return index->acquire(sector.id, sector.proof, types, {}, PathKind::Sealing, worker);
    });
  };
  // move_to_storage copies, verifies and only then removes a source; it throws before touching a
  // source when no storage path has room.
  steps->work = [index, sector, types](WorkerId worker) {
    with_context("moving sector to storage: ", [&] {
      index->move_to_storage(sector.id, types, worker);
      return 0;
    });
    return Bytes{};
  };
  submit(TaskType::Fetch, priority, sector, steps,
         [alive = alive_, done = std::move(done)](const TaskOutcome&,
                                                  std::optional<std::string> error) {
           if (!*alive) return;
           if (error) return done(failed<NoValue>(*error));
           done(TaskResult<NoValue>{NoValue{}, {}});
         });
}

void StorageManager::release_unsealed(const ProofSectorRef&, TaskDone<NoValue> done) {
  scheduler_.defer([alive = alive_, done = std::move(done)] {
    if (*alive) done(TaskResult<NoValue>{NoValue{}, {}});
  });
}

void StorageManager::remove(const ProofSectorRef& sector, TaskDone<NoValue> done) {
  // Lotus Manager.Remove: every file of the sector from every store; the proof backend keeps no
  // files of its own.
  index_.remove_sector(sector.id);
  report_path_usage(scheduler_, index_, *reported_paths_);
  scheduler_.defer([alive = alive_, done = std::move(done)] {
    if (*alive) done(TaskResult<NoValue>{NoValue{}, {}});
  });
}

}  // namespace sealsim::sealing
