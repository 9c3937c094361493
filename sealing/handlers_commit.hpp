// handlers_commit.hpp: the handlers from Committing to CommitWait and CommitFailed (spec §8.12,
// §8.14-§8.16, §8.18), dispatched by SealingHandlers::run.
#pragma once

#include "sealing/handler_support.hpp"

namespace sealsim::sealing {

void handle_committing(HandlerEnv& env, const HandlerRunPtr& run);
void handle_submit_commit(HandlerEnv& env, const HandlerRunPtr& run);
void handle_submit_commit_aggregate(HandlerEnv& env, const HandlerRunPtr& run);
// CommitWait and CommitAggregateWait.
void handle_commit_wait(HandlerEnv& env, const HandlerRunPtr& run);
void handle_commit_failed(HandlerEnv& env, const HandlerRunPtr& run);

}  // namespace sealsim::sealing
