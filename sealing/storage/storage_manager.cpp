// storage_manager.cpp: sector manager calls as scheduler tasks over the storage index.
#include "sealing/storage/storage_manager.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <utility>

#include "model/cid.hpp"
#include "sealing/storage/unsealed_piece_writer.hpp"

namespace sealsim::sealing {
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
  Bytes bytes(commitments.unsealed.begin(), commitments.unsealed.end());
  bytes.insert(bytes.end(), commitments.sealed.begin(), commitments.sealed.end());
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

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

StorageManager::StorageManager(Scheduler& scheduler, StorageIndex& index, CallTracker& calls,
                               ProofBackend& backend)
    : scheduler_(scheduler), index_(index), calls_(calls), backend_(backend) {}

void StorageManager::recover(bool abort_unfinished) { calls_.recover(abort_unfinished); }

TaskId StorageManager::submit(TaskType task, int priority, const ProofSectorRef& sector,
                              std::function<bool(WorkerId)> selector,
                              std::function<void(const TaskOutcome&)> on_finished) {
  TaskRequest request{sector.id, sector.proof, task, priority, {}, std::move(on_finished)};
  if (selector) {
    request.selector = [selector = std::move(selector)](WorkerId worker, const WorkerSpec&) {
      return selector(worker);
    };
  }
  ++tasks_submitted_;
  return scheduler_.submit(std::move(request));
}

void StorageManager::tracked(TaskType task, int priority, const ProofSectorRef& sector,
                             const std::string& parameters, std::function<bool(WorkerId)> selector,
                             Work work, std::function<void(const CallRecord&)> deliver) {
  const CallKey key = make_call_key(task, parameters);
  const CallTracker::StartResult started = calls_.start(key);
  // Completion and delivery go through the store, never this manager or its tracker: both may be
  // gone (restarted) by the time the worker answers.
  CallRecordStore* store = &calls_.store();
  auto deliver_from_store = [store, key, deliver](const TaskOutcome& outcome) {
    std::optional<CallRecord> record = store->get(key);
    if (!record || record->state != CallState::Done) {
      CallRecord lost{key, CallState::Done, {}, {},
                      "call ended without a result: " + (outcome.error.empty() ? std::string("lost")
                                                                               : outcome.error)};
      deliver(lost);
      return;
    }
    deliver(*record);
  };
  if (started.start == CallTracker::Start::AlreadyDone) {
    scheduler_.defer([deliver, record = started.record] { deliver(record); });
    return;
  }
  if (started.start == CallTracker::Start::InFlight && started.record.worker_call) {
    scheduler_.watch(*started.record.worker_call, deliver_from_store);
    return;
  }
  // New (or started but never handed to a worker): run it. The work's result is recorded by the
  // "worker side" before anyone is told, so a manager restart in between loses nothing.
  const TaskId task_id = submit(task, priority, sector, std::move(selector),
                                [store, key, work = std::move(work)](const TaskOutcome& outcome) {
                                  CallTracker worker_side(*store);
                                  if (outcome.status != TaskStatus::Done) {
                                    worker_side.mark_done(key, {}, outcome.error);
                                    return;
                                  }
                                  try {
                                    worker_side.mark_done(key, work(outcome.worker));
                                  } catch (...) {
                                    worker_side.mark_done(key, {},
                                                          describe(std::current_exception()));
                                  }
                                });
  calls_.mark_running(key, task_id);
  scheduler_.watch(task_id, deliver_from_store);
}

void StorageManager::add_piece(int priority, const ProofSectorRef& sector,
                               std::vector<UnpaddedPieceSize> existing, UnpaddedPieceSize size,
                               Bytes data, TaskDone<PieceInfo> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  std::function<bool(WorkerId)> selector;
  if (existing.empty()) {
    selector = [index](WorkerId worker) { return index->can_reach(PathKind::Sealing, worker); };
  } else {
    selector = [index, id = sector.id](WorkerId worker) {
      return index->good_copy(id, SectorFileType::Unsealed, worker).has_value();
    };
  }
  submit(TaskType::AddPiece, priority, sector, std::move(selector),
         [index, backend, sector, existing = std::move(existing), size, data = std::move(data),
          done = std::move(done)](const TaskOutcome& outcome) {
           if (outcome.status != TaskStatus::Done) return done(failed<PieceInfo>(outcome.error));
           try {
             const AddedPiece added =
                 add_piece_to_unsealed(*index, sector, existing, size, data, outcome.worker);
             backend->add_piece(sector, existing, size, data);  // the backend's own sector record
             done(TaskResult<PieceInfo>{added.piece, {}});
           } catch (const StorageError& error) {
             done(failed<PieceInfo>(std::string("acquire unsealed sector: ") + error.what()));
           } catch (const std::exception& error) {
             done(failed<PieceInfo>(error.what()));
           }
         });
}

void StorageManager::seal_pre_commit1(int priority, const ProofSectorRef& sector, Bytes ticket,
                                      std::vector<PieceInfo> pieces, TaskDone<Bytes> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  const std::string parameters = "{\"Sector\":" + sector_json(sector) + ",\"Ticket\":\"" +
                                 to_hex(ticket) + "\",\"Pieces\":" + pieces_json(pieces) + "}";
  auto selector = [index](WorkerId worker) { return index->can_reach(PathKind::Sealing, worker); };
  auto work = [index, backend, sector, ticket, pieces](WorkerId worker) {
    AcquiredSector acquired = [&] {
      try {
        return index->acquire(sector.id, sector.proof, {SectorFileType::Unsealed},
                              {SectorFileType::Sealed, SectorFileType::Cache}, PathKind::Sealing,
                              worker);
      } catch (const StorageError& error) {
        throw StorageError(error.kind(), std::string("acquiring sector paths: ") + error.what());
      }
    }();
    Bytes output = backend->seal_pre_commit1(sector, ticket, pieces);
    const std::uint64_t size = seal_proof_info(sector.proof).sector_size;
    for (SectorFileType type : {SectorFileType::Sealed, SectorFileType::Cache}) {
      index->declare(acquired.reservation, sector.id, type, acquired.paths.at(type),
                     sealing_file_size(type, size));
    }
    return output;
  };
  tracked(TaskType::PreCommit1, priority, sector, parameters, selector, work,
          [done = std::move(done)](const CallRecord& record) {
            if (record.error) return done(failed<Bytes>(*record.error));
            done(TaskResult<Bytes>{record.result, {}});
          });
}

void StorageManager::seal_pre_commit2(int priority, const ProofSectorRef& sector, Bytes pc1_output,
                                      TaskDone<SectorCommitments> done) {
  StorageIndex* index = &index_;
  ProofBackend* backend = &backend_;
  const std::string parameters =
      "{\"Sector\":" + sector_json(sector) + ",\"PC1\":\"" + to_hex(pc1_output) + "\"}";
  auto selector = [index, id = sector.id](WorkerId worker) {
    return index->good_copy(id, SectorFileType::Sealed, worker).has_value();
  };
  auto work = [index, backend, sector, pc1_output](WorkerId worker) {
    index->acquire(sector.id, sector.proof, {SectorFileType::Sealed, SectorFileType::Cache}, {},
                   PathKind::Sealing, worker);
    return encode(backend->seal_pre_commit2(sector, pc1_output));
  };
  tracked(TaskType::PreCommit2, priority, sector, parameters, selector, work,
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
  auto selector = [index, id = sector.id](WorkerId worker) {
    return index->good_copy(id, SectorFileType::Sealed, worker).has_value();
  };
  auto work = [index, backend, sector, ticket, seed, pieces, commitments](WorkerId worker) {
    index->acquire(sector.id, sector.proof, {SectorFileType::Sealed, SectorFileType::Cache}, {},
                   PathKind::Sealing, worker);
    return backend->seal_commit1(sector, ticket, seed, pieces, commitments);
  };
  tracked(TaskType::Commit1, priority, sector, parameters, selector, work,
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
  auto work = [backend, sector, c1_output](WorkerId) {
    return backend->seal_commit2(sector, c1_output);
  };
  tracked(TaskType::Commit2, priority, sector, parameters, {}, work,
          [done = std::move(done)](const CallRecord& record) {
            if (record.error) return done(failed<Bytes>(*record.error));
            done(TaskResult<Bytes>{record.result, {}});
          });
}

void StorageManager::finalize_sector(int priority, const ProofSectorRef& sector, bool keep_unsealed,
                                     TaskDone<NoValue> done) {
  StorageIndex* index = &index_;
  auto selector = [index, id = sector.id](WorkerId worker) {
    return index->good_copy(id, SectorFileType::Sealed, worker).has_value();
  };
  submit(TaskType::Finalize, priority, sector, selector,
         [index, sector, keep_unsealed, done = std::move(done)](const TaskOutcome& outcome) {
           if (outcome.status != TaskStatus::Done) return done(failed<NoValue>(outcome.error));
           try {
             index->finalize(sector.id, sector.proof, keep_unsealed);
             std::set<SectorFileType> types{SectorFileType::Sealed, SectorFileType::Cache};
             if (keep_unsealed) types.insert(SectorFileType::Unsealed);
             index->move_to_storage(sector.id, types);
             done(TaskResult<NoValue>{NoValue{}, {}});
           } catch (const std::exception& error) {
             done(failed<NoValue>(std::string("finalize sector: ") + error.what()));
           }
         });
}

void StorageManager::release_unsealed(const ProofSectorRef&, TaskDone<NoValue> done) {
  scheduler_.defer([done = std::move(done)] { done(TaskResult<NoValue>{NoValue{}, {}}); });
}

void StorageManager::remove(const ProofSectorRef& sector, TaskDone<NoValue> done) {
  // Lotus Manager.Remove: every file of the sector from every store; the proof backend keeps no
  // files of its own.
  index_.remove_sector(sector.id);
  scheduler_.defer([done = std::move(done)] { done(TaskResult<NoValue>{NoValue{}, {}}); });
}

}  // namespace sealsim::sealing
