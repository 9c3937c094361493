// sector_priority.hpp: the scheduler priority of deal sectors (Lotus DealSectorPriority), one
// constant for the FSM (which passes it with each sealer call) and the sector-storage scheduler
// (which orders its queue by it).
#pragma once

namespace sealsim::sealing {

// Context priority of deal sectors; other sectors use 0.
inline constexpr int kDealSectorPriority = 1024;

}  // namespace sealsim::sealing
