// sector_machine.cpp: routes a rule evaluation to the group machine that holds the state's rows.
//
// Table composition: the planner table of spec §6 is split by the spec's own grouping (sealing,
// split at Committing; sealing errors; post-seal) into four Boost.MSM machines (classic back end),
// one per translation unit, each with ≤ 50 rows (the MPL vector limit) plus restore rows for its
// states. A machine holds every state its rows name, so a row's target in another group is
// simply entered and reported; the next evaluation restores the record's state into the machine
// that owns its rows. One flat machine of all 104 rows plus restore rows needed about 3 GB of
// compiler memory, over the CI budget.
//
// Restoring a persisted state: MSM stores active states as private table ordinals, which must
// never be persisted (harness-design §1). Each machine starts in a pseudo-state `Restoring`, and a
// RestoreState event with one guarded row per state (generated from the state list) puts it into
// the state named by the record. The record is the single source of truth; a machine is built
// from it for every evaluation (cheap: the states are empty structs).
#include "sealing/sector_machine.hpp"

#include "sealing/sector_table_groups.hpp"

namespace sealsim::sealing {

RuleResult evaluate_rule(SectorState from, const SectorEvent& event, SectorInfo& record,
                         std::int64_t now) {
  switch (state_info(from).group) {
    case TableGroup::SealingPreCommit:
      return table::evaluate_sealing_pre_commit(from, event, record, now);
    case TableGroup::SealingCommit:
      return table::evaluate_sealing_commit(from, event, record, now);
    case TableGroup::SealingError:
      return table::evaluate_sealing_error(from, event, record, now);
    case TableGroup::PostSeal:
      return table::evaluate_post_seal(from, event, record, now);
  }
  return RuleResult{};
}

const std::vector<TableRow>& planner_table_rows() {
  static const std::vector<TableRow> rows = [] {
    std::vector<TableRow> out;
    table::collect_sealing_pre_commit_rows(out);
    table::collect_sealing_commit_rows(out);
    table::collect_sealing_error_rows(out);
    table::collect_post_seal_rows(out);
    return out;
  }();
  return rows;
}

std::size_t restore_row_count() { return kSectorStateCount; }

}  // namespace sealsim::sealing
