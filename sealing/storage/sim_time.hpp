// sim_time.hpp: simulated time of the sector-storage model (milliseconds since the run started).
// Never read from a wall clock: the driver advances it.
#pragma once

#include <chrono>
#include <cstdint>

namespace sealsim::sealing {

using SimDuration = std::chrono::duration<std::int64_t, std::milli>;
// A point in simulated time, as the duration since the start of the run.
using SimTime = SimDuration;

}  // namespace sealsim::sealing
