// sector_state_group.hpp: go-statemachine's StateGroup for sectors (spec §1): one machine per
// sector with its own FIFO, "plan only when idle", the record persisted before its handler
// starts, events sent by a handler planned only after it finishes, and halting on a rejected
// event until the next restart.
//
// Determinism model: single-threaded and discrete-event. A handler is started with a HandlerRun;
// it may finish at once or wait on asynchronous results (sector-manager tasks, messages, ChainAt,
// timers) whose continuations run later from the driver's clock. The sector stays busy until the
// handler calls finish(); events it sent meanwhile are only queued, as in Lotus.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "sealing/clock.hpp"
#include "sealing/planner.hpp"
#include "sealing/row_coverage.hpp"
#include "sealing/sector_store.hpp"
#include "sealing/trace_sink.hpp"

namespace sealsim::sealing {

class SectorStateGroup;

// One running handler: what it may read and the two things it may do (send, finish). Outlives the
// group safely: after the group is gone (a simulated process restart) send/finish do nothing.
class HandlerRun {
 public:
  const SectorInfo& info() const { return info_; }
  SectorNumber sector() const { return sector_; }
  SimSeconds now() const;
  // Context.Send: queues an event for this sector (planned after this handler finishes). Returns
  // false when the sector's machine has halted ("normal shutdown of state machine").
  bool send(SectorEvent event);
  // The handler returned (with or without error: Lotus logs and continues either way).
  void finish();
  // Records a finding (e.g. where Lotus v1.11.0 would crash the node) in the sector log and the
  // trace; the sector's state is unchanged.
  void report(Finding finding);
  bool finished() const { return finished_; }

 private:
  friend class SectorStateGroup;
  HandlerRun(std::weak_ptr<SectorStateGroup*> group, SectorNumber sector, SectorInfo info)
      : group_(std::move(group)), sector_(sector), info_(std::move(info)) {}
  std::weak_ptr<SectorStateGroup*> group_;
  SectorNumber sector_;
  SectorInfo info_;
  bool finished_ = false;
};

// Runs the handler of a state; implementations live in handlers_*.cpp (or a test's fake).
class HandlerRunner {
 public:
  virtual ~HandlerRunner() = default;
  virtual void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) = 0;
};

class SectorStateGroup {
 public:
  SectorStateGroup(SectorStore& store, Clock& clock, HandlerRunner& handlers,
                   TraceSink* trace = nullptr, RowCoverage* coverage = nullptr);
  ~SectorStateGroup();
  SectorStateGroup(const SectorStateGroup&) = delete;
  SectorStateGroup& operator=(const SectorStateGroup&) = delete;

  // Sealing.Run (spec §1.5): sends SectorRestart to every stored sector, in sector order, which
  // re-runs the handler of each one's current state.
  void restart_all();
  // StateGroup.Send. A sector without a record gets the zero-valued record, persisted first.
  // Returns false when the sector's machine has halted.
  bool send(SectorNumber sector, SectorEvent event);

  bool halted(SectorNumber sector) const;
  bool busy(SectorNumber sector) const;
  std::size_t pending(SectorNumber sector) const;
  // The persisted record (what a restart would see).
  std::optional<SectorInfo> record(SectorNumber sector) { return store_.load(sector); }

 private:
  friend class HandlerRun;
  struct Machine {
    std::deque<SectorEvent> pending;
    bool busy = false;
    bool halted = false;
    bool pumping = false;
  };
  void pump(SectorNumber sector);
  void plan_once(SectorNumber sector, Machine& machine);
  void handler_finished(SectorNumber sector);
  void record_finding(SectorNumber sector, const Finding& finding);

  SectorStore& store_;
  Clock& clock_;
  HandlerRunner& handlers_;
  TraceSink* trace_;
  RowCoverage* coverage_;
  std::map<SectorNumber, Machine> machines_;
  // Handlers hold a weak reference; destroying the group (a simulated restart) disarms them.
  std::shared_ptr<SectorStateGroup*> self_;
};

}  // namespace sealsim::sealing
