// sector_table_post_seal.cpp: the post-seal rows of the planner table (spec §6) as one Boost.MSM machine.
// One group per translation unit keeps each compile within the CI box's memory budget.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 50
#define BOOST_MPL_LIMIT_MAP_SIZE 50

#include "sealing/sector_machine_msm.hpp"

namespace sealsim::sealing::table {

// Post-seal. FaultReported, FaultedFinal, Removed (and FailedUnrecoverable) are `final`: the
// planner handles them before the table; TerminateFailed and RemoveFailed have no rows.
using PostSealRows = mpl::vector<
    On<st::Proving, SectorFaultReported, st::FaultReported>,
    On<st::Proving, SectorFaulty, st::Faulty>,
    On<st::Terminating, SectorTerminating, st::TerminateWait>,
    On<st::Terminating, SectorTerminateFailed, st::TerminateFailed>,
    On<st::TerminateWait, SectorTerminated, st::TerminateFinality>,
    On<st::TerminateWait, SectorTerminateFailed, st::TerminateFailed>,
    On<st::TerminateFinality, SectorTerminateFailed, st::TerminateFailed>,
    On<st::Removing, SectorRemoved, st::Removed>,
    On<st::Removing, SectorRemoveFailed, st::RemoveFailed>,
    On<st::Faulty, SectorFaultReported, st::FaultReported>>;

RuleResult evaluate_post_seal(SectorState from, const SectorEvent& event, SectorInfo& record,
                         std::int64_t now) {
  return evaluate_in_group<PostSealRows, TableGroup::PostSeal>(from, event, record, now);
}

void collect_post_seal_rows(std::vector<TableRow>& out) { collect_rows<PostSealRows>(out); }

}  // namespace sealsim::sealing::table
