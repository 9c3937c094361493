// handlers_precommit.hpp: the precommit-side handlers of spec §8.4–§8.11 and handlePreCommitFailed
// (§8.18), dispatched from SealingHandlers::run.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sealing/handlers.hpp"

namespace sealsim::sealing {

void handle_get_ticket(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
void handle_pre_commit1(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
void handle_pre_committing(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
void handle_submit_pre_commit_batch(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
// PreCommitWait and PreCommitBatchWait.
void handle_pre_commit_wait(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
void handle_wait_seed(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);
void handle_pre_commit_failed(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run);

// preCommitParams (spec §8.7): the params, deposit and tipset, or nothing (params absent) with or
// without an error; it may have sent an event through `run` already.
struct PreCommitParams {
  SectorPreCommitInfo info;
  TokenAmount deposit;
  TipSetToken tok;
};
struct PreCommitParamsOutcome {
  std::optional<PreCommitParams> params;
  std::optional<std::string> error;
  // Lotus would have dereferenced the absent CommR here and crashed the node (spec §16).
  bool absent_comm_r = false;
};
PreCommitParamsOutcome pre_commit_params(HandlerEnv& env, HandlerRun& run);

}  // namespace sealsim::sealing
