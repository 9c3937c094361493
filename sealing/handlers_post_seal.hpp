// handlers_post_seal.hpp: the termination and fault handlers (spec §8.18 handleTerminateFailed,
// §8.19), dispatched by SealingHandlers::run.
#pragma once

#include "sealing/handler_support.hpp"

namespace sealsim::sealing {

void handle_terminating(HandlerEnv& env, const HandlerRunPtr& run);
void handle_terminate_wait(HandlerEnv& env, const HandlerRunPtr& run);
void handle_terminate_finality(HandlerEnv& env, const HandlerRunPtr& run);
void handle_terminate_failed(HandlerEnv& env, const HandlerRunPtr& run);
void handle_fault_reported(HandlerEnv& env, const HandlerRunPtr& run);

}  // namespace sealsim::sealing
