// sector_machine_msm.hpp: Boost.MSM building blocks of the sector planner table (spec §6): state
// types derived from the state list, row actions and guards, and the group machine template.
// Included only by the sector_table_*.cpp translation units, one machine each.
//
// Table composition: MSM's classic back end takes an MPL sequence as its transition table; MPL's
// literal vectors are capped (50 here, set below before any Boost include), so each group of the
// spec's table is its own mpl::vector (≤ 50 rows) and the groups are concatenated with
// mpl::copy/back_inserter (GCC's typeof-based MPL vectors grow without that cap). One flat machine
// keeps a state's identity a single id (no submachine/outer pair to map to a persisted name).
//
// Restoring a persisted state: MSM stores active states as private table ordinals, which must
// never be persisted (harness-design §1). The machine starts in a pseudo-state `Restoring` and a
// RestoreState event with one guarded row per listed state (generated from the state list) puts it
// into the state named by the record. The record is the single source of truth; the machine is
// rebuilt from it for every evaluation (cheap: states are empty structs).
#pragma once

// The includer defines the MPL limits (BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS,
// BOOST_MPL_LIMIT_VECTOR_SIZE/MAP_SIZE 50) before including anything, as MPL requires.
#ifndef BOOST_MPL_LIMIT_VECTOR_SIZE
#error "define the MPL limits before including sector_machine_msm.hpp"
#endif

#include "sealing/sector_machine.hpp"
#include "sealing/sector_table_groups.hpp"

#include <boost/mpl/back_inserter.hpp>
#include <boost/mpl/bool.hpp>
#include <boost/mpl/copy.hpp>
#include <boost/mpl/copy_if.hpp>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/pop_back.hpp>
#include <boost/mpl/size.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>

namespace sealsim::sealing::table {

namespace msmf = boost::msm::front;
namespace mpl = boost::mpl;

// ---- states, derived from the list ----------------------------------------------------------

template <SectorState S>
struct State : msmf::state<> {
  static constexpr SectorState value = S;
  template <class Event, class Fsm>
  void on_entry(const Event&, Fsm& fsm) {
    fsm.entered_ = S;
  }
};

struct Restoring : msmf::state<> {};

namespace st {
#define SEALSIM_STATE_TYPE(id, name, kind, planner, bucket, handler, group) \
  using id = State<SectorState::id>;
SEALSIM_SECTOR_STATES(SEALSIM_STATE_TYPE)
#undef SEALSIM_STATE_TYPE
}  // namespace st

struct RestoreState {
  SectorState target;
};

// ---- actions ---------------------------------------------------------------------------------

struct ApplyAndStop {  // on(E, S)
  static constexpr std::string_view name = "on";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.apply_current();
    fsm.outcome_ = RuleOutcome::Stop;
  }
};
struct ApplyAndContinue {  // apply(E), and planCommitting's continuing rows
  static constexpr std::string_view name = "apply";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.apply_current();
    fsm.outcome_ = RuleOutcome::Continue;
  }
};
struct ContinueWithoutApply {  // planCommitting + SectorSealPreCommit1Failed (spec §5.4)
  static constexpr std::string_view name = "noApply";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.outcome_ = RuleOutcome::Continue;
  }
};
struct Ignore {  // planCommitting + the seed it already has
  static constexpr std::string_view name = "ignore";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.outcome_ = RuleOutcome::Continue;
  }
};
struct ApplyReturning {  // onReturning(E): the guard picked the target from Return
  static constexpr std::string_view name = "onReturning";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.apply_current();
    fsm.record_->return_state.clear();
    fsm.outcome_ = RuleOutcome::Stop;
  }
};
struct ReturnNotSet {
  static constexpr std::string_view name = "onReturning";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.outcome_ = RuleOutcome::ReturnNotSet;
  }
};
struct ReturnByName {
  static constexpr std::string_view name = "onReturning";
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    fsm.apply_current();
    fsm.outcome_ = RuleOutcome::ReturnUnlisted;
  }
};

// ---- guards ----------------------------------------------------------------------------------

template <SectorState S>
struct RestoreTo {
  static constexpr std::string_view name = "restore";
  template <class Fsm, class Source, class Target>
  bool operator()(const RestoreState& e, Fsm&, Source&, Target&) const {
    return e.target == S;
  }
};

// The four ReturnState values of spec §2.
template <SectorState S>
struct ReturnIs {
  static constexpr std::string_view name = state_name(S);
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    return fsm.record_->return_state == state_name(S);
  }
};
struct ReturnEmpty {
  static constexpr std::string_view name = "Return empty";
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    return fsm.record_->return_state.empty();
  }
};
struct ReturnOther {
  static constexpr std::string_view name = "Return not a return state";
  template <class Event, class Fsm, class Source, class Target>
  bool operator()(const Event&, Fsm& fsm, Source&, Target&) const {
    const auto& r = fsm.record_->return_state;
    return !r.empty() && r != state_name(SectorState::PreCommit1) &&
           r != state_name(SectorState::PreCommitting) &&
           r != state_name(SectorState::PreCommitFailed) &&
           r != state_name(SectorState::CommitFailed);
  }
};
// planCommitting's seed comparison: epoch and bytes (absent == empty).
struct SeedChanged {
  static constexpr std::string_view name = "new seed";
  template <class Fsm, class Source, class Target>
  bool operator()(const SectorSeedReady& e, Fsm& fsm, Source&, Target&) const {
    return !(e.seed_epoch == fsm.record_->seed_epoch && e.seed_value == fsm.record_->seed_value);
  }
};
struct SeedUnchanged {
  static constexpr std::string_view name = "same seed";
  template <class Fsm, class Source, class Target>
  bool operator()(const SectorSeedReady& e, Fsm& fsm, Source& s, Target& t) const {
    return !SeedChanged{}(e, fsm, s, t);
  }
};

using msmf::none;
using msmf::Row;

template <class From, class Event, class To>
using On = Row<From, Event, To, ApplyAndStop, none>;
template <class From, class Event>
using Apply = Row<From, Event, none, ApplyAndContinue, none>;
// Committing's planner keeps going after a state change (spec §5.4).
template <class Event, class To>
using CommittingContinue = Row<st::Committing, Event, To, ApplyAndContinue, none>;
template <SectorState S>
using ReturnTo = Row<st::RecoverDealIDs, SectorUpdateDealIDs, State<S>, ApplyReturning, ReturnIs<S>>;

// One restore row per listed state, generated from the list; each group machine keeps those of
// its own states.
#define SEALSIM_RESTORE_ROW(id, name, kind, planner, bucket, handler, group) \
  Row<Restoring, RestoreState, st::id, none, RestoreTo<SectorState::id>>,
using AllRestoreRowsWithSentinel = mpl::vector<SEALSIM_SECTOR_STATES(SEALSIM_RESTORE_ROW) void>;
#undef SEALSIM_RESTORE_ROW
using AllRestoreRows = typename mpl::pop_back<AllRestoreRowsWithSentinel>::type;

template <class A, class B>
using Concat = typename mpl::copy<B, mpl::back_inserter<A>>::type;

// ---- the machine -----------------------------------------------------------------------------

template <TableGroup G>
struct InGroup {
  template <class RowType>
  struct apply : mpl::bool_<state_info(RowType::Target::value).group == G> {};
};

// The machine of one table group: its rows plus the restore rows of the states in the group.
template <class Rows, TableGroup G>
struct GroupMachineDef : msmf::state_machine_def<GroupMachineDef<Rows, G>> {
  using initial_state = Restoring;
  using transition_table =
      Concat<typename mpl::copy_if<AllRestoreRows, InGroup<G>, mpl::back_inserter<mpl::vector<>>>::type,
             Rows>;

  SectorInfo* record_ = nullptr;
  const SectorEvent* event_ = nullptr;
  std::int64_t now_ = 0;
  RuleOutcome outcome_ = RuleOutcome::Rejected;
  std::optional<SectorState> entered_;

  void apply_current() { apply_event(*event_, *record_, now_); }

  // Lotus's planOne: a non-ignorable event without a rule fails the planner (the caller halts);
  // SectorStartPacking is skipped. Never asserts (MSM's default would).
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {
    if constexpr (std::is_same_v<Event, RestoreState>) {
      throw std::logic_error("sector machine: restore row missing for a listed state");
    } else {
      outcome_ = EventTraits<Event>::capability == EventCapability::Ignorable
                     ? RuleOutcome::Ignored
                     : RuleOutcome::Rejected;
    }
  }
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception&) {
    throw;  // actions only fail on allocation; let it reach the caller
  }
};

template <class Rows, TableGroup G>
using GroupMachine = boost::msm::back::state_machine<GroupMachineDef<Rows, G>>;

// Process one alternative of the variant with its static type (MSM dispatches on it).
template <class Machine>
struct Dispatch {
  Machine& machine;
  template <class E>
  void operator()(const E& e) const {
    if constexpr (std::is_same_v<E, std::monostate>) {
      throw std::logic_error("sector machine: empty event");
    } else {
      machine.process_event(e);
    }
  }
};

// ---- table introspection ---------------------------------------------------------------------

template <class T>
struct StateOf {
  static std::optional<SectorState> get() { return T::value; }
};
template <>
struct StateOf<none> {
  static std::optional<SectorState> get() { return std::nullopt; }
};
template <class G>
struct GuardName {
  static constexpr std::string_view get() { return G::name; }
};
template <>
struct GuardName<none> {
  static constexpr std::string_view get() { return ""; }
};

// Functor rows with target `none` are internal; MSM then reports Target = Source.
template <class RowType>
constexpr bool is_internal_row() {
  using Tag = typename RowType::row_type_tag;
  return std::is_same_v<Tag, boost::msm::a_irow_tag> ||
         std::is_same_v<Tag, boost::msm::g_irow_tag> ||
         std::is_same_v<Tag, boost::msm::irow_tag> ||
         std::is_same_v<Tag, boost::msm::_irow_tag>;
}

struct CollectRow {
  std::vector<TableRow>* rows;
  template <class RowType>
  void operator()(boost::msm::wrap<RowType>) const {
    using Evt = typename RowType::Evt;
    rows->push_back(TableRow{RowType::Source::value, EventTraits<Evt>::type,
                             is_internal_row<RowType>()
                                 ? std::nullopt
                                 : StateOf<typename RowType::Target>::get(),
                             RowType::Action::name,
                             GuardName<typename RowType::Guard>::get()});
  }
};


template <class Rows, TableGroup G>
RuleResult evaluate_in_group(SectorState from, const SectorEvent& event, SectorInfo& record,
                             std::int64_t now) {
  GroupMachine<Rows, G> machine;
  machine.start();
  machine.process_event(RestoreState{from});
  machine.record_ = &record;
  machine.event_ = &event;
  machine.now_ = now;
  machine.entered_.reset();
  machine.outcome_ = RuleOutcome::Rejected;
  std::visit(Dispatch<GroupMachine<Rows, G>>{machine}, event);
  return RuleResult{machine.outcome_, machine.entered_};
}

template <class Rows>
void collect_rows(std::vector<TableRow>& out) {
  mpl::for_each<Rows, boost::msm::wrap<mpl::placeholders::_1>>(CollectRow{&out});
}

}  // namespace sealsim::sealing::table
