// sector_state_group_property_test.cpp: RapidCheck stateful test (rc::state) of the sector state
// group on the SQLite store. Commands send random listed events to a few sectors and restart the
// "process" (close and reopen the store, new group, SectorRestart to every sector). The model
// predicts each sector's state from the spec's planner table transcription (independent of the
// MSM tables) with planOne/final/planCommitting rules, and which sectors are halted.
// Invariants: the state is always the predicted listed state; a halted sector refuses events
// until a restart; every record after reopen equals the record before; nothing planned is lost.
#include <unistd.h>

#include <array>
#include <filesystem>
#include <map>
#include <memory>
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
};

// The model planner: one event per plan call (handlers in this test send nothing).
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

class FinishingHandlers final : public HandlerRunner {
 public:
  void run(SectorHandler, std::shared_ptr<HandlerRun> run) override { run->finish(); }
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
  FinishingHandlers handlers;
  std::unique_ptr<SqliteSectorStore> store;
  std::unique_ptr<SectorStateGroup> group;
};

struct SendEvent : rc::state::Command<Model, Sut> {
  SectorNumber sector = *rc::gen::inRange<SectorNumber>(0, kSectors);
  SectorEvent event = [] {
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
  }();

  void apply(Model& model) const override {
    if (model.halted.count(sector)) {
      return;
    }
    const std::string from = model.state.count(sector) ? model.state.at(sector) : std::string();
    const auto next = model_plan(from, event);
    model.state[sector] = next.value_or(from);
    if (!next) {
      model.halted.insert(sector);
    }
  }

  void run(const Model& model, Sut& sut) const override {
    const bool accepted = sut.group->send(sector, event);
    RC_ASSERT(accepted == (model.halted.count(sector) == 0));
    Model next = model;
    apply(next);
    const auto record = sut.store->load(sector);
    if (!record) {
      RC_ASSERT(model.halted.count(sector) == 1);
      return;
    }
    RC_ASSERT(!record->has_unlisted_state());
    RC_ASSERT(record->state_name() == next.state.at(sector));
    RC_ASSERT(sut.group->halted(sector) == (next.halted.count(sector) == 1));
    RC_ASSERT(sut.group->pending(sector) == 0u);
  }

  void show(std::ostream& os) const override {
    os << "send sector " << sector << " " << event_name(event);
    if (const auto* force = std::get_if<SectorForceState>(&event)) {
      os << "{\"" << force->state << "\"}";
    }
  }
};

struct Restart : rc::state::Command<Model, Sut> {
  void apply(Model& model) const override { model.halted.clear(); }

  void run(const Model& model, Sut& sut) const override {
    std::map<SectorNumber, SectorInfo> before;
    for (SectorNumber n : sut.store->list()) {
      before[n] = *sut.store->load(n);
    }
    sut.group.reset();
    sut.store.reset();
    sut.open();
    for (const auto& [n, info] : before) {
      const auto after = sut.store->load(n);
      RC_ASSERT(after.has_value());
      RC_ASSERT(*after == info);
    }
    sut.group->restart_all();
    for (const auto& [n, info] : before) {
      RC_ASSERT(*sut.store->load(n) == info);  // SectorRestart changes nothing and is not logged
      RC_ASSERT(!sut.group->halted(n));
      RC_ASSERT(info.state_name() == model.state.at(n));
    }
  }

  void show(std::ostream& os) const override { os << "restart (close and reopen the store)"; }
};

RC_GTEST_PROP(SectorStateGroupProperty, MatchesTheSpecTableModelAcrossRestarts, ()) {
  Model model;
  Sut sut;
  rc::state::check(model, sut, rc::state::gen::execOneOfWithArgs<SendEvent, SendEvent, SendEvent, Restart>());
}

}  // namespace
}  // namespace sealsim::sealing
