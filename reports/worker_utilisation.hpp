// worker_utilisation.hpp: the report's worker part, from RunResult::worker_usage: one lane per
// worker under the sector rows of the timeline (bar height = tasks running, relative to the
// worker's own peak; a stripe on top while tasks prepare; dark while the worker is lost) and a
// table of busy epochs, utilisation and peaks per worker.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "reports/timeline_geometry.hpp"
#include "scenarios/run_result.hpp"

namespace sealsim::reports {

// Worker names in the order of their first interval.
std::vector<std::string> worker_names(const std::vector<scenarios::WorkerUsageInterval>& usage);

// Draws the lanes into an open <svg>, the first at `top`; uses kRow per worker.
void draw_worker_lanes(std::ostream& svg, const std::vector<scenarios::WorkerUsageInterval>& usage,
                       const TimelineGeometry& geometry, int top);

// The "Workers" section's body: a table, or a paragraph saying why there is nothing to show.
std::string worker_utilisation_table(const std::vector<scenarios::WorkerUsageInterval>& usage);

}  // namespace sealsim::reports
