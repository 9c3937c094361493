// upgrade_queue.cpp: MarkForUpgrade's checks, in Lotus's order.
#include "sealing/upgrade_queue.hpp"

#include <string>

namespace sealsim::sealing {

Result<Unit> UpgradeQueue::mark(SectorNumber sector, const std::optional<SectorInfo>& record) {
  if (is_marked(sector)) {
    return Result<Unit>::fail("sector " + std::to_string(sector) + " already marked for upgrade");
  }
  if (!record) {
    // go-statestore's Get on a missing key returns datastore.ErrNotFound.
    return Result<Unit>::fail("getting sector info: datastore: key not found");
  }
  if (!record->in_state(SectorState::Proving)) {
    return Result<Unit>::fail("can't mark sectors not in the 'Proving' state for upgrade");
  }
  if (record->pieces.size() != 1) {
    return Result<Unit>::fail("not a committed-capacity sector, expected 1 piece");
  }
  if (record->pieces.front().deal) {
    return Result<Unit>::fail("not a committed-capacity sector, has deals");
  }
  marked_.insert(sector);
  return Result<Unit>::ok(Unit{});
}

std::optional<SectorNumber> UpgradeQueue::take() {
  if (marked_.empty()) {
    return std::nullopt;
  }
  const SectorNumber sector = *marked_.begin();
  marked_.erase(marked_.begin());
  return sector;
}

}  // namespace sealsim::sealing
