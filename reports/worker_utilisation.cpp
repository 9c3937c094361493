// worker_utilisation.cpp: worker lanes of the timeline and the per-worker utilisation table.
#include "reports/worker_utilisation.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "reports/html_escape.hpp"

namespace sealsim::reports {

namespace {

using scenarios::WorkerUsageInterval;

constexpr const char* kActiveColour = "#7b5ea7";
constexpr const char* kPreparingColour = "#c9b8e8";
constexpr const char* kLostColour = "#555555";
constexpr const char* kLaneColour = "#f1f1f1";

std::string epochs_text(const WorkerUsageInterval& i) {
  return "epochs " + std::to_string(i.from) + "\u2013" + std::to_string(i.to);
}

std::string usage_text(const WorkerUsageInterval& i) {
  if (!i.connected) return i.worker + " lost, " + epochs_text(i);
  return i.worker + ": " + std::to_string(i.active_tasks) + " task(s) running (" + std::to_string(i.active_cpus) +
         " CPUs, " + std::to_string(i.active_gpu_tasks) + " on GPU), " + std::to_string(i.preparing_tasks) +
         " preparing, " + epochs_text(i);
}

// "37.5 %" from a part of a whole, in integer arithmetic (tenths, rounded down).
std::string percent_text(ChainEpoch part, ChainEpoch whole) {
  if (whole <= 0) return "\u2013";
  const ChainEpoch tenths = part * 1000 / whole;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " %";
}

}  // namespace

std::vector<std::string> worker_names(const std::vector<WorkerUsageInterval>& usage) {
  std::vector<std::string> names;
  for (const auto& i : usage) {
    if (std::find(names.begin(), names.end(), i.worker) == names.end()) names.push_back(i.worker);
  }
  return names;
}

void draw_worker_lanes(std::ostream& svg, const std::vector<WorkerUsageInterval>& usage,
                       const TimelineGeometry& geometry, int top) {
  constexpr int kBar = TimelineGeometry::kRow - 4;
  const auto names = worker_names(usage);
  for (std::size_t lane = 0; lane < names.size(); ++lane) {
    const std::string& name = names[lane];
    const int y = top + static_cast<int>(lane) * TimelineGeometry::kRow;
    std::uint64_t peak = 1;
    for (const auto& i : usage) {
      if (i.worker == name) peak = std::max(peak, i.active_tasks);
    }
    svg << "<g class=\"worker-lane\"><text x=\"4\" y=\"" << y + 15 << "\" font-size=\"12\">" << html_escape(name)
        << "</text>\n<rect x=\"" << geometry.x_of(0) << "\" y=\"" << y + 2 << "\" width=\""
        << geometry.x_of(geometry.span) - geometry.x_of(0) << "\" height=\"" << kBar << "\" fill=\"" << kLaneColour
        << "\"/>\n";
    for (const auto& i : usage) {
      if (i.worker != name) continue;
      const int x0 = geometry.x_of(i.from);
      const int w = std::max(1, geometry.x_of(i.to) - x0);
      if (!i.connected) {
        svg << "<rect x=\"" << x0 << "\" y=\"" << y + 2 << "\" width=\"" << w << "\" height=\"" << kBar
            << "\" fill=\"" << kLostColour << "\"><title>" << html_escape(usage_text(i)) << "</title></rect>\n";
        continue;
      }
      if (i.active_tasks == 0 && i.preparing_tasks == 0) continue;
      svg << "<g><title>" << html_escape(usage_text(i)) << "</title>";
      if (i.active_tasks > 0) {
        const int h = std::max(2, static_cast<int>(static_cast<std::uint64_t>(kBar) * i.active_tasks / peak));
        svg << "<rect x=\"" << x0 << "\" y=\"" << y + 2 + kBar - h << "\" width=\"" << w << "\" height=\"" << h
            << "\" fill=\"" << kActiveColour << "\"/>";
      }
      if (i.preparing_tasks > 0) {
        svg << "<rect x=\"" << x0 << "\" y=\"" << y + 2 << "\" width=\"" << w << "\" height=\"3\" fill=\""
            << kPreparingColour << "\"/>";
      }
      svg << "</g>\n";
    }
    svg << "</g>\n";
  }
}

std::string worker_utilisation_table(const std::vector<WorkerUsageInterval>& usage) {
  if (usage.empty()) {
    return "<p>No worker usage was recorded for this run: the engine fills it from the sector-storage "
           "scheduler's trace (scenarios/worker_usage_recorder.hpp), and this run's sector manager had no "
           "scheduler feeding one.</p>\n";
  }
  struct Totals {
    ChainEpoch connected = 0, busy = 0, lost = 0;
    std::uint64_t peak_tasks = 0, peak_cpus = 0, peak_gpu = 0;
  };
  std::map<std::string, Totals> totals;
  for (const auto& i : usage) {
    Totals& t = totals[i.worker];
    const ChainEpoch length = i.to - i.from;
    if (!i.connected) {
      t.lost += length;
      continue;
    }
    t.connected += length;
    if (i.active_tasks > 0) t.busy += length;
    t.peak_tasks = std::max(t.peak_tasks, i.active_tasks);
    t.peak_cpus = std::max(t.peak_cpus, i.active_cpus);
    t.peak_gpu = std::max(t.peak_gpu, i.active_gpu_tasks);
  }
  std::ostringstream h;
  h << "<p>Busy: an epoch in which at least one task ran on the worker. Peaks are the most held at one "
       "moment.</p>\n<table><tr><th>worker</th><th>epochs connected</th><th>epochs busy</th>"
       "<th>utilisation</th><th>peak tasks</th><th>peak CPUs</th><th>peak GPU tasks</th><th>epochs lost</th></tr>\n";
  for (const auto& name : worker_names(usage)) {
    const Totals& t = totals[name];
    h << "<tr" << (t.lost > 0 ? " class=\"fail\"" : "") << "><td>" << html_escape(name) << "</td><td>" << t.connected
      << "</td><td>" << t.busy << "</td><td>" << percent_text(t.busy, t.connected) << "</td><td>" << t.peak_tasks
      << "</td><td>" << t.peak_cpus << "</td><td>" << t.peak_gpu << "</td><td>" << t.lost << "</td></tr>\n";
  }
  h << "</table>\n";
  return h.str();
}

}  // namespace sealsim::reports
