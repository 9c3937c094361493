// finding.hpp: typed findings: behaviour of Lotus v1.11.0 that sealsim records instead of
// reproducing destructively (a halted sector machine, a node crash), for the sector log and trace.
#pragma once

#include <string>
#include <string_view>

namespace sealsim::sealing {

enum class FindingKind {
  // The planner rejected an event; the sector's machine stops until restart (spec §1.4).
  PlannerHalt,
  // Lotus v1.11.0 would crash the whole node here (spec §16 Q10); sealsim keeps running.
  NodeCrash,
  // sealsim reached a condition its own construction rules out (a sealsim bug, not Lotus
  // behaviour); recorded instead of thrown so the other sectors of the run go on.
  InternalInvariant,
};

std::string_view finding_kind_name(FindingKind kind);

struct Finding {
  FindingKind kind = FindingKind::PlannerHalt;
  std::string message;  // Lotus's error text, e.g. "planner for state X received unexpected event Y"
  std::string event;    // name of the event that caused it, if any
  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace sealsim::sealing
