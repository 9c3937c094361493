// upgrade_queue.hpp: the committed-capacity sectors marked for upgrade (upgrade_queue.go, spec
// §10.10): MarkForUpgrade's checks and the in-memory set that tryUpgradeSector takes from. Lost on
// restart, as in Lotus.
#pragma once

#include <optional>
#include <set>

#include "model/sector_id.hpp"
#include "sealing/result.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

class UpgradeQueue {
 public:
  // MarkForUpgrade(id) with `record` = GetSectorInfo(id) (nullopt: no record). Refusals carry
  // Lotus's text: "sector N already marked for upgrade", "getting sector info: datastore: key not
  // found", "can't mark sectors not in the 'Proving' state for upgrade", "not a
  // committed-capacity sector, expected 1 piece", "not a committed-capacity sector, has deals".
  Result<Unit> mark(SectorNumber sector, const std::optional<SectorInfo>& record);
  bool is_marked(SectorNumber sector) const { return marked_.count(sector) != 0; }
  // maybeUpgradableSector: removes and returns one marked sector. Lotus takes the first its map
  // iteration yields (random); sealsim takes the lowest number, so runs repeat.
  std::optional<SectorNumber> take();

 private:
  std::set<SectorNumber> marked_;
};

}  // namespace sealsim::sealing
