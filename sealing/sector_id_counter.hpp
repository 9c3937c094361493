// sector_id_counter.hpp: Lotus's SectorIDCounter (a go-storedcounter under the miner's metadata
// store): hands out sector numbers, persisted before the number is used, so a number is never
// handed out twice, not even across a crash between allocating it and creating the sector.
#pragma once

#include "model/sector_id.hpp"

namespace sealsim::sealing {

class SectorIdCounter {
 public:
  virtual ~SectorIdCounter() = default;
  // go-storedcounter Next(): 0 when nothing was handed out yet, else the last value + 1; the new
  // value is stored before it is returned. Throws StoreError when it cannot be persisted.
  virtual SectorNumber next_sector_number() = 0;
};

}  // namespace sealsim::sealing
