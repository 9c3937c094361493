// sealing_events.hpp: chain height notifications (Lotus events.ChainAt, spec §12.5): call `apply`
// once the head reaches height + confidence (on the next driver step when it already has), call
// `revert` when a reorg takes the head back below it, and `apply` again when it is re-reached.
#pragma once

#include <functional>

#include "sealing/result.hpp"
#include "sealing/sealing_chain_api.hpp"

namespace sealsim::sealing {

class SealingEvents {
 public:
  virtual ~SealingEvents() = default;
  using ApplyCallback = std::function<void(const TipSetToken& tok, ChainEpoch current_height)>;
  using RevertCallback = std::function<void(const TipSetToken& tok)>;
  virtual Result<Unit> chain_at(ApplyCallback apply, RevertCallback revert, int confidence,
                                ChainEpoch height) = 0;
};

}  // namespace sealsim::sealing
