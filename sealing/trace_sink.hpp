// trace_sink.hpp: where the FSM reports what happened (plan calls, halts, findings) for traces,
// reports and coverage; the scenario runner supplies the sink.
#pragma once

#include <optional>
#include <string>

#include "model/sector_id.hpp"
#include "sealing/clock.hpp"
#include "sealing/finding.hpp"

namespace sealsim::sealing {

struct TraceRecord {
  SimSeconds time = 0;
  SectorNumber sector = 0;
  std::string from_state;
  std::string to_state;
  std::string events;                // names of the planned events, comma-separated
  std::optional<Finding> finding;    // set for halts and other findings
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(const TraceRecord& record) = 0;
};

}  // namespace sealsim::sealing
