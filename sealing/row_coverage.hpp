// row_coverage.hpp: hit counters per (state, event) rule of the planner table, sized from the
// state and event lists, so a campaign can report the rows it never exercised (harness-design
// rule 11, FoundationDB's CODE_PROBE).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sealing/sector_event_list.hpp"
#include "sealing/sector_machine.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::sealing {

class RowCoverage {
 public:
  void hit(SectorState from, EventType event) {
    ++counts_[index_of(from)][static_cast<std::size_t>(event)];
  }
  std::uint64_t count(SectorState from, EventType event) const {
    return counts_[index_of(from)][static_cast<std::size_t>(event)];
  }
  // Rows of the MSM table never hit (guarded rows of one cell count together).
  std::vector<TableRow> never_hit() const {
    std::vector<TableRow> out;
    for (const auto& row : planner_table_rows()) {
      if (count(row.from, row.event) == 0) {
        out.push_back(row);
      }
    }
    return out;
  }

 private:
  std::array<std::array<std::uint64_t, kSectorEventCount>, kSectorStateCount> counts_{};
};

}  // namespace sealsim::sealing
