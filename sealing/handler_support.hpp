// handler_support.hpp: what the handler files share (spec §8.0): the sector reference given to
// the sealer, Lotus's `return ctx.Send(...)` step, failedCooldown before an event, recording a
// node-crash finding and the expiry tests. (The randomness entropy is checks.hpp's miner_entropy,
// the message sender address_selector.hpp's select_address.)
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "sealing/handlers.hpp"

namespace sealsim::sealing {

using HandlerRunPtr = std::shared_ptr<HandlerRun>;

// {ID: {Miner: miner actor id, Number}, ProofType: SectorType} (spec §8.0).
inline SectorRef sector_ref(const HandlerEnv& env, const SectorInfo& info) {
  return SectorRef{SectorId{env.miner, info.sector_number}, info.sector_type};
}

// Reports a branch of the spec's lists (handler_branch_list.hpp) to the run's branch coverage.
inline void record_branch(const HandlerEnv& env, HandlerBranch branch) {
  if (env.branches != nullptr) {
    env.branches->hit(branch);
  }
}

// Sends `event` and returns, as a Lotus handler does with `return ctx.Send(...)`.
inline void send_and_finish(const HandlerRunPtr& run, SectorEvent event) {
  run->send(std::move(event));
  run->finish();
}

// failedCooldown, then the event `event` derives from the record (spec §8.0).
inline void after_cooldown(HandlerEnv& env, const HandlerRunPtr& run,
                           std::function<SectorEvent(const SectorInfo&)> event) {
  failed_cooldown(env.clock, run->info(), [run, event = std::move(event)] {
    if (!run->alive()) {
      return;  // the node restarted during the cooldown: its new run of this state decides
    }
    send_and_finish(run, event(run->info()));
  });
}

// Where Lotus v1.11.0 panics (a nil dereference, an index out of range) the whole node goes down;
// sealsim records that as a NodeCrash finding and the handler returns without an event (STALL),
// so the simulation goes on.
inline void report_crash_and_finish(const HandlerRunPtr& run, std::string message) {
  run->report(Finding{FindingKind::NodeCrash, std::move(message), {}});
  run->finish();
}

// checkTicketExpired: head − ticketEpoch > MaxTicketAge.
inline bool ticket_expired(const NetworkConstants& network, ChainEpoch ticket_epoch, ChainEpoch head) {
  return head - ticket_epoch > network.max_ticket_age();
}

// checkProveCommitExpired: now > preCommitEpoch + MaxProveCommitDuration(proof).
inline bool prove_commit_expired(const NetworkConstants& network, RegisteredSealProof proof,
                                 ChainEpoch pre_commit_epoch, ChainEpoch now) {
  return now > pre_commit_epoch + network.max_prove_commit_duration(proof);
}

}  // namespace sealsim::sealing
