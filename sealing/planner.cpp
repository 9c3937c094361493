// planner.cpp: plan(), planOne, final and planCommitting (spec §1.6, §5) over the MSM rule table.
#include "sealing/planner.hpp"

#include <stdexcept>
#include <type_traits>
#include <variant>

#include "sealing/sector_machine.hpp"

namespace sealsim::sealing {

std::string_view finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::PlannerHalt:
      return "PlannerHalt";
    case FindingKind::NodeCrash:
      return "NodeCrash";
    case FindingKind::InternalInvariant:
      return "InternalInvariant";
  }
  return "Unknown";
}

bool apply_global(const SectorEvent& event, SectorInfo& record) {
  return std::visit(
      [&record](const auto& e) -> bool {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, SectorRestart>) {
          return false;
        } else if constexpr (std::is_same_v<E, SectorFatalError>) {
          return true;  // Lotus only logs "Fatal error on sector"
        } else if constexpr (std::is_same_v<E, SectorForceState>) {
          record.set_state_by_name(e.state);
          return true;
        } else if constexpr (std::is_same_v<E, SectorTerminate>) {
          record.set_state(SectorState::Terminating);
          return true;
        } else if constexpr (std::is_same_v<E, SectorRemove>) {
          record.set_state(SectorState::Removing);
          return true;
        } else {
          throw std::logic_error("apply_global: not a global mutator");
          return false;
        }
      },
      event);
}

namespace {

bool is_global_event(const SectorEvent& event) {
  return is_global(event_info(event_type(event)).capability);
}

// Planner failure: the text Lotus's planner returns.
struct PlanFailure {
  std::string message;
  std::string event;
};

using PlanOutcome = std::variant<std::size_t, PlanFailure>;

PlanFailure unexpected(const SectorInfo& record, const SectorEvent& event) {
  return PlanFailure{"planner for state " + record.state_name() + " received unexpected event " +
                         std::string(event_name(event)),
                     std::string(event_name(event))};
}

// planOne(rules...) of spec §5.2; the rules are the MSM rows of the current state.
using RuleHits = std::vector<std::pair<SectorState, EventType>>;

bool matched_a_row(RuleOutcome outcome) {
  return outcome != RuleOutcome::Ignored && outcome != RuleOutcome::Rejected;
}

PlanOutcome plan_one(std::span<const SectorEvent> events, SectorInfo& record, std::int64_t now,
                     bool unlisted, RuleHits& hits) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const SectorEvent& event = events[i];
    if (is_global_event(event)) {
      apply_global(event, record);
      return i + 1;
    }
    if (unlisted) {
      // Unknown state with a single global event: an empty planOne (spec §5.5); only reached with
      // one event, which is global, so anything here is unexpected.
      if (event_info(event_type(event)).capability == EventCapability::Ignorable) {
        continue;
      }
      return unexpected(record, event);
    }
    const SectorState from = record.state;
    const RuleResult rule = evaluate_rule(from, event, record, now);
    if (matched_a_row(rule.outcome)) {
      hits.emplace_back(from, event_type(event));
    }
    switch (rule.outcome) {
      case RuleOutcome::Stop:
        record.set_state(*rule.new_state);
        return i + 1;
      case RuleOutcome::Continue:
      case RuleOutcome::Ignored:
        continue;
      case RuleOutcome::Rejected:
        return unexpected(record, event);
      case RuleOutcome::ReturnNotSet:
        return PlanFailure{"return state not set", std::string(event_name(event))};
      case RuleOutcome::ReturnUnlisted: {
        const std::string target = record.return_state;
        record.return_state.clear();
        record.set_state_by_name(target);
        return i + 1;
      }
    }
  }
  return events.size();
}

// final (spec §5.3).
PlanOutcome plan_final(std::span<const SectorEvent> events, SectorInfo& record) {
  if (!events.empty() && is_global_event(events.front())) {
    apply_global(events.front(), record);
    return std::size_t{1};
  }
  return PlanFailure{"didn't expect any events in state " + record.state_name() + ", got " +
                         (events.empty() ? std::string("none") : std::string(event_name(events.front()))),
                     events.empty() ? std::string() : std::string(event_name(events.front()))};
}

// planCommitting (spec §5.4): every event is judged by Committing's rows, even after one of them
// changed the state; only a new seed stops the call.
PlanOutcome plan_committing(std::span<const SectorEvent> events, SectorInfo& record,
                            std::int64_t now, RuleHits& hits) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const SectorEvent& event = events[i];
    if (is_global_event(event)) {
      if (apply_global(event, record)) {
        return i + 1;
      }
      continue;
    }
    const RuleResult rule = evaluate_rule(SectorState::Committing, event, record, now);
    if (matched_a_row(rule.outcome)) {
      hits.emplace_back(SectorState::Committing, event_type(event));
    }
    switch (rule.outcome) {
      case RuleOutcome::Stop:
        record.set_state(*rule.new_state);
        return i + 1;
      case RuleOutcome::Continue:
        if (rule.new_state) {
          record.set_state(*rule.new_state);
        }
        continue;
      default:
        return PlanFailure{"planCommitting got event of unknown type " +
                               std::string(event_name(event)),
                           std::string(event_name(event))};
    }
  }
  return events.size();
}

}  // namespace

PlanResult plan_events(std::span<const SectorEvent> events, SectorInfo& record, std::int64_t now) {
  PlanResult result;
  result.before_state = record.state_name();
  SectorInfo next = record;

  for (const SectorEvent& event : events) {
    if (std::holds_alternative<SectorRestart>(event)) {
      continue;
    }
    const EventType type = event_type(event);
    append_log_entry(next.log, SectorLogEntry{static_cast<std::uint64_t>(now), event_error(event),
                                              truncate_log_message(event_json(event)),
                                              event_log_kind(type)});
  }

  PlanOutcome outcome;
  if (next.has_unlisted_state()) {
    if (events.size() == 1 && is_global_event(events.front())) {
      outcome = plan_one(events, next, now, true, result.rules_hit);
    } else {
      outcome = PlanFailure{"planner for state " + next.state_name() + " not found",
                            events.empty() ? std::string() : std::string(event_name(events.front()))};
    }
  } else {
    switch (state_info(next.state).planner) {
      case PlannerKind::PlanOne:
      case PlannerKind::PlanOneEmpty:
        outcome = plan_one(events, next, now, false, result.rules_hit);
        break;
      case PlannerKind::Final:
        outcome = plan_final(events, next);
        break;
      case PlannerKind::PlanCommitting:
        outcome = plan_committing(events, next, now, result.rules_hit);
        break;
    }
  }

  if (const auto* failure = std::get_if<PlanFailure>(&outcome)) {
    result.after_state = next.state_name();
    result.halt = Finding{FindingKind::PlannerHalt,
                          "running planner for state " + record.state_name() +
                              " failed: " + failure->message,
                          failure->event};
    append_log_entry(record.log,
                     SectorLogEntry{static_cast<std::uint64_t>(now), failure->event,
                                    result.halt->message,
                                    "finding;" + std::string(finding_kind_name(result.halt->kind))});
    return result;
  }

  result.consumed = std::get<std::size_t>(outcome);
#ifdef SEALSIM_PLANTED_BUG
  // A deliberately broken row for the fuzz campaign's own test (CMake option SEALSIM_PLANTED_BUG,
  // never in a release): (SealPreCommit1Failed, SectorRetrySealPreCommit1) stays in
  // SealPreCommit1Failed instead of going back to PreCommit1, so a sector whose PreCommit1 failed
  // once retries for ever. scripts/planted-bug-check shows `sealsim fuzz` finds and shrinks it.
  if (record.in_state(SectorState::SealPreCommit1Failed) && next.in_state(SectorState::PreCommit1)) {
    next.set_state(SectorState::SealPreCommit1Failed);
  }
#endif
  if (next.in_state(SectorState::PackingFailed)) {
    // The handler switch rewrites the deprecated state inside the plan transaction (spec §7).
    next.set_state(SectorState::DealsExpired);
  }
  result.handler = next.has_unlisted_state() ? SectorHandler::Unwired : state_info(next.state).handler;
  result.after_state = next.state_name();
  record = std::move(next);
  return result;
}

}  // namespace sealsim::sealing
