// call_tracker.hpp: call tracking of the expensive sealing work (spec sealing-fsm.md §14.5, Lotus
// v1.11.0 manager_calltracker.go). PC1, PC2, C1 and C2 are identified by (task type, parameters);
// the record goes started → running (worker call) → done (result) and is persisted, so a handler
// re-run after a restart waits for the call in flight or takes the result that already arrived
// instead of running the work again.
//
// Deviation, knowingly: Lotus drops "done" records on start and relies on the worker's own call
// store to hand the result back; here the result is persisted with the record, which gives the
// same guarantee (no second run) with one store.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/bytes.hpp"
#include "sealing/storage/request_queue.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::sealing {

// Lotus WorkID: task type and the JSON of the call parameters, replaced by its SHA-256 hex when
// longer than 256 bytes.
struct CallKey {
  TaskType task = TaskType::PreCommit1;
  std::string parameters;

  std::string to_string() const;  // "seal/v0/precommit/1(<parameters>)"
  friend auto operator<=>(const CallKey&, const CallKey&) = default;
};

CallKey make_call_key(TaskType task, std::string_view parameters_json);

enum class CallState { Started, Running, Done };
std::string_view to_string(CallState state);

struct CallRecord {
  CallKey key;
  CallState state = CallState::Started;
  std::optional<TaskId> worker_call;  // set once running
  Bytes result;                       // set once done without error
  std::optional<std::string> error;   // set once done with an error

  friend bool operator==(const CallRecord&, const CallRecord&) = default;
};

// Persistence of call records. Each put is durable on return (a kill after it keeps it).
class CallRecordStore {
 public:
  virtual ~CallRecordStore() = default;
  virtual std::optional<CallRecord> get(const CallKey& key) const = 0;
  virtual void put(const CallRecord& record) = 0;
  virtual void erase(const CallKey& key) = 0;
  virtual std::vector<CallRecord> all() const = 0;  // in key order
};

class InMemoryCallRecordStore final : public CallRecordStore {
 public:
  std::optional<CallRecord> get(const CallKey& key) const override;
  void put(const CallRecord& record) override;
  void erase(const CallKey& key) override;
  std::vector<CallRecord> all() const override;

 private:
  std::map<CallKey, CallRecord> records_;
};

class CallTracker {
 public:
  explicit CallTracker(CallRecordStore& store) : store_(store) {}

  // On manager start: "started" records never reached a worker and are dropped (the work will be
  // asked for again); "running" ones stay attached to their worker call; "done" ones keep their
  // result. With abort_unfinished (LOTUS_MINER_ABORT_UNFINISHED_WORK=1) running ones are dropped
  // too. Returns the records kept.
  std::vector<CallRecord> recover(bool abort_unfinished = false);

  enum class Start { New, InFlight, AlreadyDone };
  struct StartResult {
    Start start = Start::New;
    CallRecord record;
  };
  // New: recorded as started, the caller schedules the work. InFlight: wait for the worker call
  // in the record. AlreadyDone: take the record's result, do not run the work.
  StartResult start(const CallKey& key);
  // Throws std::logic_error for an unknown key: a worker call must follow a start.
  void mark_running(const CallKey& key, TaskId worker_call);
  // A result may arrive before mark_running was recorded (Lotus "return before call").
  void mark_done(const CallKey& key, Bytes result, std::optional<std::string> error = std::nullopt);
  // The caller consumed the result (its state is persisted): the record can go.
  void forget(const CallKey& key) { store_.erase(key); }
  std::optional<CallRecord> find(const CallKey& key) const { return store_.get(key); }
  // The persistent store; completions that may outlive this tracker record through it.
  CallRecordStore& store() const { return store_; }

 private:
  CallRecordStore& store_;
};

}  // namespace sealsim::sealing
