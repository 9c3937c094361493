// timeline_geometry.hpp: the run timeline's horizontal scale (epochs to SVG x), shared by the
// sector rows and the worker lanes so that both line up under one epoch axis.
#pragma once

#include <algorithm>

#include "model/sector_id.hpp"

namespace sealsim::reports {

struct TimelineGeometry {
  static constexpr int kLabel = 90;   // left column for row names
  static constexpr int kWidth = 900;  // right edge of the plot
  static constexpr int kRow = 22;     // height of one row or lane
  static constexpr int kAxis = 24;    // epoch labels above the rows
  ChainEpoch span = 1;                // epochs across the plot

  int x_of(ChainEpoch epoch) const {
    return kLabel + static_cast<int>((std::clamp<ChainEpoch>(epoch, 0, span) * (kWidth - kLabel)) / span);
  }
};

}  // namespace sealsim::reports
