// sector_table_groups.hpp: entry points of the four group machines of the planner table (one
// translation unit each, see sector_machine_msm.hpp); sector_machine.cpp picks one by the state's
// TableGroup from the state list.
#pragma once

#include <cstdint>
#include <vector>

#include "sealing/sector_machine.hpp"

namespace sealsim::sealing::table {

RuleResult evaluate_sealing_pre_commit(SectorState from, const SectorEvent& event, SectorInfo& record,
                                       std::int64_t now);
RuleResult evaluate_sealing_commit(SectorState from, const SectorEvent& event, SectorInfo& record,
                                   std::int64_t now);
RuleResult evaluate_sealing_error(SectorState from, const SectorEvent& event, SectorInfo& record,
                                  std::int64_t now);
RuleResult evaluate_post_seal(SectorState from, const SectorEvent& event, SectorInfo& record,
                              std::int64_t now);

void collect_sealing_pre_commit_rows(std::vector<TableRow>& out);
void collect_sealing_commit_rows(std::vector<TableRow>& out);
void collect_sealing_error_rows(std::vector<TableRow>& out);
void collect_post_seal_rows(std::vector<TableRow>& out);

}  // namespace sealsim::sealing::table
