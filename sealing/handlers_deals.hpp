// handlers_deals.hpp: the handlers of sectors whose deals went wrong: DealsExpired (and the
// deprecated PackingFailed, rewritten to it) and RecoverDealIDs (spec §8.18), dispatched by
// SealingHandlers::run.
#pragma once

#include "sealing/handler_support.hpp"

namespace sealsim::sealing {

void handle_deals_expired(HandlerEnv& env, const HandlerRunPtr& run);
void handle_recover_deal_ids(HandlerEnv& env, const HandlerRunPtr& run);

}  // namespace sealsim::sealing
