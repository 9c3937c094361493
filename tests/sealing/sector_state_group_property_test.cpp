// sector_state_group_property_test.cpp: RapidCheck stateful test (rc::state) of the sector state
// group on the SQLite store. Commands send random listed events to idle sectors, play handler
// outcomes (a running handler sends a random event, finishes with or without one), and restart
// the "process" (close and reopen the store, new group, SectorRestart to every sector, which
// re-runs each current state's handler). Handlers stay running until a command ends them, so
// restarts land while handlers run and while a handler's event is still queued in memory.
// The model predicts each sector's state from the spec's planner table transcription (independent
// of the MSM tables) with planOne/final/planCommitting rules, which sectors are halted, which
// have a handler running, and how many log entries each record holds (one per planned event or
// halt finding; SectorRestart is not logged).
// Invariants: the state is always the predicted listed state; a halted sector refuses events
// until a restart; every record after reopen equals the record before; no planned event is lost
// across a restart (the log counts match); an event a handler sent but that was not yet planned
// dies with the process, as Lotus's in-memory queue does, and the re-run handler starts over.
#include <unistd.h>

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include "sealing/sector_state_group.hpp"
#include "sealing/sector_store_sqlite.hpp"
#include "tests/sealing/fake_clock.hpp"
#include "tests/sealing/spec_planner_table.inc.hpp"

namespace sealsim::sealing {
namespace {

constexpr SectorNumber kSectors = 4;

template <std::size_t... I>
std::array<SectorEvent, sizeof...(I)> default_events(std::index_sequence<I...>) {
  return {SectorEvent(std::in_place_index<I + 1>)...};
}
const std::array<SectorEvent, kSectorEventCount>& all_default_events() {
  static const auto events = default_events(std::make_index_sequence<kSectorEventCount>());
  return events;
}

// Events whose outcome depends on payload comparisons the model leaves out.
bool generated(EventType type) {
  return type != EventType::SectorSeedReady && type != EventType::SectorUpdateDealIDs;
}

struct Model {
  std::map<SectorNumber, std::string> state;  // sectors that exist, by state name
  std::set<SectorNumber> halted;
  std::set<SectorNumber> busy;                         // a handler is running
  std::map<SectorNumber, SectorEvent> handler_sent;    // queued by a running handler, not planned
  std::map<SectorNumber, std::size_t> log_entries;     // expected size of the persisted log
};

bool has_handler(const std::string& state) {
  const SectorHandler handler = state_info(*state_from_name(state)).handler;
  return handler != SectorHandler::None && handler != SectorHandler::Unwired;
}

// The model planner: one event per plan call (the commands keep it so: the test sends only to idle
// sectors, and a handler sends at most one event before it finishes).
// Returns the next state name, or nullopt for a halt.
std::optional<std::string> model_plan(const std::string& from, const SectorEvent& event) {
  const EventType type = event_type(event);
  const auto& info = event_info(type);
  const SectorState from_state = *state_from_name(from);
  std::string next = from;
  if (is_global(info.capability)) {
    if (type == EventType::SectorForceState) {
      next = std::get<SectorForceState>(event).state;
    } else if (type == EventType::SectorTerminate) {
      next = "Terminating";
    } else if (type == EventType::SectorRemove) {
      next = "Removing";
    }
  } else if (state_info(from_state).planner == PlannerKind::Final) {
    return std::nullopt;
  } else {
    bool matched = false;
    for (const auto& row : test::kSpecPlannerTable) {
      const std::string_view row_from = row.from == "Undefined" ? "" : row.from;
      if (row_from == from && row.event == info.name) {
        matched = true;
        if (row.to != "(stay)") {
          next = row.to == "Undefined" ? "" : std::string(row.to);
        }
        break;
      }
    }
    if (!matched) {
      const bool committing = from_state == SectorState::Committing;
      if (info.capability != EventCapability::Ignorable || committing) {
        return std::nullopt;
      }
    }
  }
  if (next == "PackingFailed") {
    next = "DealsExpired";
  }
  return next;
}

// One plan call with one event on an idle sector whose machine has not halted.
void model_apply(Model& model, SectorNumber sector, const SectorEvent& event) {
  const std::string from = model.state.count(sector) ? model.state.at(sector) : std::string();
  const auto next = model_plan(from, event);
  model.state[sector] = next.value_or(from);
  // The event's entry, or the halt's finding entry; SectorRestart is never logged.
  std::size_t& entries = model.log_entries[sector];  // 0 for a new sector
  if (!next || !std::holds_alternative<SectorRestart>(event)) {
    ++entries;
  }
  if (!next) {
    model.halted.insert(sector);
  } else if (has_handler(*next)) {
    model.busy.insert(sector);
  }
}

SectorEvent random_event() {
  const auto type = *rc::gen::suchThat(
      rc::gen::map(rc::gen::inRange<std::size_t>(0, kSectorEventCount),
                   [](std::size_t i) { return static_cast<EventType>(i); }),
      generated);
  SectorEvent e = all_default_events()[static_cast<std::size_t>(type)];
  if (type == EventType::SectorForceState) {
    const auto index = *rc::gen::inRange<std::size_t>(0, kSectorStateCount);
    e = SectorForceState{std::string(kSectorStates[index].name)};
  }
  return e;
}

void show_event(std::ostream& os, const SectorEvent& event) {
  os << event_name(event);
  if (const auto* force = std::get_if<SectorForceState>(&event)) {
    os << "{\"" << force->state << "\"}";
  }
}

// Handlers stay running until the test ends them: the latest run of each sector is kept.
class ParkedHandlers final : public HandlerRunner {
 public:
  void run(SectorHandler, std::shared_ptr<HandlerRun> run) override { parked[run->sector()] = run; }
  std::map<SectorNumber, std::shared_ptr<HandlerRun>> parked;
};

struct Sut {
  Sut() {
    static int counter = 0;
    // tmpfs when available: the property makes thousands of commits, and fsync cost on a disk
    // would dominate the run without testing anything more.
    const std::filesystem::path base = std::filesystem::is_directory("/dev/shm")
                                           ? std::filesystem::path("/dev/shm")
                                           : std::filesystem::temp_directory_path();
    dir = base /
          ("sealsim_rc_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    open();
  }
  ~Sut() {
    group.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  void open() {
    store = std::make_unique<SqliteSectorStore>((dir / "sectors.db").string());
    group = std::make_unique<SectorStateGroup>(*store, clock, handlers);
  }
  std::filesystem::path dir;
  test::FakeClock clock{1'000'000};
  ParkedHandlers handlers;
  std::unique_ptr<SqliteSectorStore> store;
  std::unique_ptr<SectorStateGroup> group;
};

// What every command checks afterwards, for every sector of the model.
void check_all(const Model& model, Sut& sut) {
  for (const auto& [n, state] : model.state) {
    const auto record = sut.store->load(n);
    RC_ASSERT(record.has_value());
    RC_ASSERT(!record->has_unlisted_state());
    RC_ASSERT(record->state_name() == state);
    RC_ASSERT(record->log.size() == model.log_entries.at(n));
    RC_ASSERT(sut.group->halted(n) == (model.halted.count(n) == 1));
    RC_ASSERT(sut.group->busy(n) == (model.busy.count(n) == 1));
    RC_ASSERT(sut.group->pending(n) == model.handler_sent.count(n));
  }
}

struct SendEvent : rc::state::Command<Model, Sut> {
  SectorNumber sector = *rc::gen::inRange<SectorNumber>(0, kSectors);
  SectorEvent event = random_event();

  void checkPreconditions(const Model& model) const override { RC_PRE(model.busy.count(sector) == 0u); }

  void apply(Model& model) const override {
    if (model.halted.count(sector)) {
      return;
    }
    model_apply(model, sector, event);
  }

  void run(const Model& model, Sut& sut) const override {
    const bool accepted = sut.group->send(sector, event);
    RC_ASSERT(accepted == (model.halted.count(sector) == 0));
    Model next = model;
    apply(next);
    if (!sut.store->load(sector)) {
      RC_ASSERT(model.halted.count(sector) == 1);
      return;
    }
    check_all(next, sut);
  }

  void show(std::ostream& os) const override {
    os << "send sector " << sector << " ";
    show_event(os, event);
  }
};

// A running handler calls Context.Send and keeps running: the event waits in memory.
struct HandlerSends : rc::state::Command<Model, Sut> {
  SectorNumber sector = *rc::gen::inRange<SectorNumber>(0, kSectors);
  SectorEvent event = random_event();

  void checkPreconditions(const Model& model) const override {
    RC_PRE(model.busy.count(sector) == 1u);
    RC_PRE(model.handler_sent.count(sector) == 0u);
  }
  void apply(Model& model) const override { model.handler_sent.insert_or_assign(sector, event); }
  void run(const Model& model, Sut& sut) const override {
    const auto before = sut.store->load(sector);
    RC_ASSERT(sut.handlers.parked.at(sector)->send(event));
    RC_ASSERT(*sut.store->load(sector) == *before);  // nothing is planned while the handler runs
    Model next = model;
    apply(next);
    check_all(next, sut);
  }
  void show(std::ostream& os) const override {
    os << "handler of sector " << sector << " sends ";
    show_event(os, event);
  }
};

// A running handler returns, having sent an event (now, or earlier with HandlerSends) or not.
struct HandlerFinishes : rc::state::Command<Model, Sut> {
  SectorNumber sector = *rc::gen::inRange<SectorNumber>(0, kSectors);
  std::optional<SectorEvent> event =
      *rc::gen::arbitrary<bool>() ? std::optional<SectorEvent>(random_event()) : std::nullopt;

  void checkPreconditions(const Model& model) const override {
    RC_PRE(model.busy.count(sector) == 1u);
    RC_PRE(!(event && model.handler_sent.count(sector) == 1u));  // one event per plan call
  }
  void apply(Model& model) const override {
    model.busy.erase(sector);
    std::optional<SectorEvent> planned = event;
    if (auto it = model.handler_sent.find(sector); it != model.handler_sent.end()) {
      planned = it->second;
      model.handler_sent.erase(it);
    }
    if (planned) {
      model_apply(model, sector, *planned);
    }
  }
  void run(const Model& model, Sut& sut) const override {
    auto handler = sut.handlers.parked.at(sector);
    sut.handlers.parked.erase(sector);
    if (event) {
      RC_ASSERT(handler->send(*event));
    }
    handler->finish();
    Model next = model;
    apply(next);
    check_all(next, sut);
  }
  void show(std::ostream& os) const override {
    os << "handler of sector " << sector << " finishes";
    if (event) {
      os << " sending ";
      show_event(os, *event);
    }
  }
};

struct Restart : rc::state::Command<Model, Sut> {
  void apply(Model& model) const override {
    model.halted.clear();
    model.handler_sent.clear();  // Lotus's event queue lives in memory only
    model.busy.clear();
    for (const auto& [n, state] : model.state) {
      if (has_handler(state)) {
        model.busy.insert(n);  // SectorRestart re-runs the handler of the current state
      }
    }
  }

  void run(const Model& model, Sut& sut) const override {
    std::map<SectorNumber, SectorInfo> before;
    for (SectorNumber n : sut.store->list()) {
      before[n] = *sut.store->load(n);
    }
    sut.group.reset();
    sut.store.reset();
    sut.handlers.parked.clear();
    sut.open();
    for (const auto& [n, info] : before) {
      const auto after = sut.store->load(n);
      RC_ASSERT(after.has_value());
      RC_ASSERT(*after == info);
      // No planned event is lost: the log holds one entry per event planned before the restart.
      RC_ASSERT(after->log.size() == model.log_entries.at(n));
    }
    sut.group->restart_all();
    for (const auto& [n, info] : before) {
      RC_ASSERT(*sut.store->load(n) == info);  // SectorRestart changes nothing and is not logged
      RC_ASSERT(!sut.group->halted(n));
      RC_ASSERT(info.state_name() == model.state.at(n));
    }
    Model next = model;
    apply(next);
    check_all(next, sut);
    for (const auto& [n, run] : sut.handlers.parked) {
      RC_ASSERT(run->info() == before.at(n));  // the re-run handler sees the persisted record
    }
  }

  void show(std::ostream& os) const override { os << "restart (close and reopen the store)"; }
};

RC_GTEST_PROP(SectorStateGroupProperty, MatchesTheSpecTableModelAcrossRestarts, ()) {
  Model model;
  Sut sut;
  rc::state::check(model, sut,
                   rc::state::gen::execOneOfWithArgs<SendEvent, SendEvent, HandlerSends, HandlerFinishes,
                                                     HandlerFinishes, Restart>());
}

}  // namespace
}  // namespace sealsim::sealing
