// handlers_input.hpp: the handlers of the input side (spec §8.1, §8.2, §8.3 step 1), which act
// through HandlerEnv::input as well as the sector manager and the clock. SealingHandlers' switch
// (handlers.cpp) calls them.
#pragma once

#include <memory>

#include "sealing/handlers.hpp"

namespace sealsim::sealing {

// handleWaitDeals (WaitDeals, Empty), with maybeStartSealing and its WaitDealsDelay timer.
void handle_wait_deals(const HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
// handleAddPiece (AddPiece): alignment padding and the deal pieces assigned to the sector.
void handle_add_piece(const HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
// handlePacking step 1: assigned but unwritten deals are refused, the sector stops taking deals.
// A no-op without an input side (CC sectors in setups without a node have none to refuse).
void release_unwritten_pieces(const HandlerEnv& env, SectorNumber sector);

}  // namespace sealsim::sealing
