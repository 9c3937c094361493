// provider_machine_msm.hpp: Boost.MSM building blocks of the provider deal table: status types
// derived from the status list, the row kinds (To, JustRecord), restore rows and the group
// machine template. Included only by the provider_table_*.cpp translation units, one machine each
// (the sector FSM's layout: sealing/sector_machine_msm.hpp).
//
// Restoring a persisted status: MSM keeps active states as private table ordinals, which are never
// persisted. Each machine starts in the pseudo-state Restoring, and a RestoreStatus event with one
// guarded row per status of the group (generated from the status list) enters the status named by
// the record; the record is the single source of truth, the machine is rebuilt for every event.
#pragma once

#ifndef BOOST_MPL_LIMIT_VECTOR_SIZE
#error "define the MPL limits before including provider_machine_msm.hpp"
#endif

#include "sealing/market/provider_event_apply.hpp"
#include "sealing/market/provider_machine.hpp"
#include "sealing/market/provider_table_groups.hpp"

#include <boost/mpl/back_inserter.hpp>
#include <boost/mpl/bool.hpp>
#include <boost/mpl/copy.hpp>
#include <boost/mpl/copy_if.hpp>
#include <boost/mpl/for_each.hpp>
#include <boost/mpl/pop_back.hpp>
#include <boost/mpl/vector.hpp>
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <stdexcept>
#include <type_traits>
#include <variant>

namespace sealsim::market::table {

namespace msmf = boost::msm::front;
namespace mpl = boost::mpl;

template <DealStatus S>
struct Status : msmf::state<> {
  static constexpr DealStatus value = S;
  template <class Event, class Fsm>
  void on_entry(const Event&, Fsm& fsm) {
    fsm.entered_ = S;
  }
};

struct Restoring : msmf::state<> {};
struct RestoreStatus {
  DealStatus target;
};

namespace st {
#define SEALSIM_STATUS_TYPE(id, number, role, entry, group) using id = Status<DealStatus::id>;
SEALSIM_DEAL_STATUSES(SEALSIM_STATUS_TYPE)
#undef SEALSIM_STATUS_TYPE
}  // namespace st

// To(s): the action, then s's entry function.
struct ApplyAndEnter {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    apply_action(e, *fsm.deal_);
    fsm.kind_ = TransitionKind::Enter;
  }
};
// ToJustRecord(): the action only.
struct ApplyAndRecord {
  template <class Event, class Fsm, class Source, class Target>
  void operator()(const Event& e, Fsm& fsm, Source&, Target&) const {
    apply_action(e, *fsm.deal_);
    fsm.kind_ = TransitionKind::JustRecord;
  }
};

template <DealStatus S>
struct RestoreTo {
  template <class Fsm, class Source, class Target>
  bool operator()(const RestoreStatus& e, Fsm&, Source&, Target&) const {
    return e.target == S;
  }
};

using msmf::none;
using msmf::Row;

template <class From, class Event, class Target>
using To = Row<From, Event, Target, ApplyAndEnter, none>;
template <class From, class Event>
using JustRecord = Row<From, Event, none, ApplyAndRecord, none>;

#define SEALSIM_RESTORE_ROW(id, number, role, entry, group) \
  Row<Restoring, RestoreStatus, st::id, none, RestoreTo<DealStatus::id>>,
using AllRestoreRowsWithSentinel = mpl::vector<SEALSIM_DEAL_STATUSES(SEALSIM_RESTORE_ROW) void>;
#undef SEALSIM_RESTORE_ROW
using AllRestoreRows = typename mpl::pop_back<AllRestoreRowsWithSentinel>::type;

template <ProviderTableGroup G>
struct InGroup {
  template <class RowType>
  struct apply : mpl::bool_<deal_status_info(RowType::Target::value).group == G> {};
};

template <class A, class B>
using Concat = typename mpl::copy<B, mpl::back_inserter<A>>::type;

template <class Rows, ProviderTableGroup G>
struct GroupMachineDef : msmf::state_machine_def<GroupMachineDef<Rows, G>> {
  using initial_state = Restoring;
  using transition_table =
      Concat<typename mpl::copy_if<AllRestoreRows, InGroup<G>, mpl::back_inserter<mpl::vector<>>>::type,
             Rows>;

  MinerDeal* deal_ = nullptr;
  TransitionKind kind_ = TransitionKind::Invalid;
  std::optional<DealStatus> entered_;

  // No exact row: go-statemachine's FromAny rule of the event, else an invalid transition (the
  // engine records a finding). Never asserts, unlike MSM's default.
  template <class Fsm, class Event>
  void no_transition(const Event& e, Fsm&, int) {
    if constexpr (std::is_same_v<Event, RestoreStatus>) {
      throw std::logic_error("provider machine: restore row missing for a listed status");
    } else {
      switch (provider_event_info(Event::type).from_any) {
        case FromAnyRule::ToFailing:
          apply_action(e, *deal_);
          kind_ = TransitionKind::Enter;
          entered_ = DealStatus::Failing;
          return;
        case FromAnyRule::NoChange:
          apply_action(e, *deal_);
          kind_ = TransitionKind::ReEnter;
          return;
        case FromAnyRule::None:
          kind_ = TransitionKind::Invalid;
          return;
      }
    }
  }
  template <class Fsm, class Event>
  void exception_caught(const Event&, Fsm&, std::exception&) {
    throw;  // actions only fail on allocation
  }
};

template <class Rows, ProviderTableGroup G>
using GroupMachine = boost::msm::back::state_machine<GroupMachineDef<Rows, G>>;

template <class Machine>
struct Dispatch {
  Machine& machine;
  template <class E>
  void operator()(const E& e) const {
    if constexpr (std::is_same_v<E, std::monostate>) {
      throw std::logic_error("provider machine: empty event");
    } else {
      machine.process_event(e);
    }
  }
};

template <class Rows, ProviderTableGroup G>
TransitionResult evaluate_in_group(DealStatus from, const ProviderEvent& event, MinerDeal& deal) {
  GroupMachine<Rows, G> machine;
  machine.start();
  machine.process_event(RestoreStatus{from});
  machine.deal_ = &deal;
  machine.entered_.reset();
  machine.kind_ = TransitionKind::Invalid;
  std::visit(Dispatch<GroupMachine<Rows, G>>{machine}, event);
  TransitionResult result{machine.kind_, from};
  if (machine.kind_ == TransitionKind::Enter && machine.entered_) {
    result.status = *machine.entered_;
  }
  return result;
}

template <class T>
struct TargetOf {
  static std::optional<DealStatus> get() { return T::value; }
};
template <>
struct TargetOf<none> {
  static std::optional<DealStatus> get() { return std::nullopt; }
};

// Functor rows with target `none` are internal (ToJustRecord); MSM then reports Target = Source.
template <class RowType>
constexpr bool is_internal_row() {
  using Tag = typename RowType::row_type_tag;
  return std::is_same_v<Tag, boost::msm::a_irow_tag> || std::is_same_v<Tag, boost::msm::g_irow_tag> ||
         std::is_same_v<Tag, boost::msm::irow_tag> || std::is_same_v<Tag, boost::msm::_irow_tag>;
}

struct CollectRow {
  std::vector<ProviderTableRow>* rows;
  template <class RowType>
  void operator()(boost::msm::wrap<RowType>) const {
    rows->push_back(ProviderTableRow{
        RowType::Source::value, RowType::Evt::type,
        is_internal_row<RowType>() ? std::nullopt : TargetOf<typename RowType::Target>::get()});
  }
};

template <class Rows>
void collect_rows(std::vector<ProviderTableRow>& out) {
  mpl::for_each<Rows, boost::msm::wrap<mpl::placeholders::_1>>(CollectRow{&out});
}

}  // namespace sealsim::market::table
