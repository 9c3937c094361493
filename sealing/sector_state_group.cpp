// sector_state_group.cpp: the per-sector machine loop of spec §1.2 on simulated time.
#include "sealing/sector_state_group.hpp"

#include <string>
#include <vector>

namespace sealsim::sealing {

SimSeconds HandlerRun::now() const {
  auto group = group_.lock();
  return group ? (*group)->clock_.now() : 0;
}

bool HandlerRun::send(SectorEvent event) {
  auto group = group_.lock();
  if (!group) {
    return false;
  }
  return (*group)->send(sector_, std::move(event));
}

void HandlerRun::report(Finding finding) {
  if (auto group = group_.lock()) {
    (*group)->record_finding(sector_, finding);
  }
}

void HandlerRun::finish() {
  if (finished_) {
    return;
  }
  finished_ = true;
  if (auto group = group_.lock()) {
    (*group)->handler_finished(sector_);
  }
}

SectorStateGroup::SectorStateGroup(SectorStore& store, Clock& clock, HandlerRunner& handlers,
                                   TraceSink* trace, RowCoverage* coverage)
    : store_(store),
      clock_(clock),
      handlers_(handlers),
      trace_(trace),
      coverage_(coverage),
      self_(std::make_shared<SectorStateGroup*>(this)) {}

SectorStateGroup::~SectorStateGroup() = default;

void SectorStateGroup::restart_all() {
  for (SectorNumber sector : store_.list()) {
    send(sector, SectorRestart{});
  }
}

bool SectorStateGroup::send(SectorNumber sector, SectorEvent event) {
  Machine& machine = machines_[sector];
  if (machine.halted) {
    return false;
  }
  if (!machine.busy && machine.pending.empty() && !store_.load(sector)) {
    store_.save(sector, SectorInfo{});
  }
  machine.pending.push_back(std::move(event));
  pump(sector);
  return true;
}

bool SectorStateGroup::halted(SectorNumber sector) const {
  auto it = machines_.find(sector);
  return it != machines_.end() && it->second.halted;
}

bool SectorStateGroup::busy(SectorNumber sector) const {
  auto it = machines_.find(sector);
  return it != machines_.end() && it->second.busy;
}

std::size_t SectorStateGroup::pending(SectorNumber sector) const {
  auto it = machines_.find(sector);
  return it == machines_.end() ? 0 : it->second.pending.size();
}

void SectorStateGroup::pump(SectorNumber sector) {
  Machine& machine = machines_[sector];
  if (machine.pumping) {
    return;  // the outer loop of this sector picks the new work up
  }
  machine.pumping = true;
  while (!machine.busy && !machine.halted && !machine.pending.empty()) {
    plan_once(sector, machine);
  }
  machine.pumping = false;
}

void SectorStateGroup::plan_once(SectorNumber sector, Machine& machine) {
  std::optional<SectorInfo> stored = store_.load(sector);
  SectorInfo info = stored ? std::move(*stored) : SectorInfo{};
  const std::vector<SectorEvent> events(machine.pending.begin(), machine.pending.end());
  const PlanResult result = plan_events(events, info, clock_.now());

  // The record (or, on a halt, the record plus its finding) is persisted before anything runs.
  store_.save(sector, info);

  if (trace_) {
    std::string names;
    for (const auto& e : events) {
      names += (names.empty() ? "" : ",") + std::string(event_name(e));
    }
    trace_->record(TraceRecord{clock_.now(), sector, result.before_state, result.after_state,
                               names, result.halt});
  }
  if (coverage_ && !result.halt) {
    for (const auto& [from, event] : result.rules_hit) {
      coverage_->hit(from, event);
    }
  }
  if (result.halt) {
    // Lotus's loop returns: pending events are dropped and later sends fail until restart.
    machine.halted = true;
    machine.pending.clear();
    return;
  }
  machine.pending.erase(machine.pending.begin(),
                        machine.pending.begin() + static_cast<std::ptrdiff_t>(result.consumed));
  if (result.handler == SectorHandler::None || result.handler == SectorHandler::Unwired) {
    return;  // Lotus logs only; the machine stays idle
  }
  machine.busy = true;
  auto run = std::shared_ptr<HandlerRun>(new HandlerRun(self_, sector, info));
  handlers_.run(result.handler, run);
}

void SectorStateGroup::record_finding(SectorNumber sector, const Finding& finding) {
  std::optional<SectorInfo> stored = store_.load(sector);
  if (!stored) {
    return;
  }
  append_log_entry(stored->log,
                   SectorLogEntry{static_cast<std::uint64_t>(clock_.now()), finding.event, finding.message,
                                  "finding;" + std::string(finding_kind_name(finding.kind))});
  store_.save(sector, *stored);
  if (trace_) {
    trace_->record(TraceRecord{clock_.now(), sector, stored->state_name(), stored->state_name(),
                               finding.event, finding});
  }
}

void SectorStateGroup::handler_finished(SectorNumber sector) {
  Machine& machine = machines_[sector];
  machine.busy = false;
  pump(sector);
}

}  // namespace sealsim::sealing
