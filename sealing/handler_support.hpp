// handler_support.hpp: small helpers every handler file shares (spec §8.0): the sector reference
// passed to the sealer, "send and return", failedCooldown before an event, and the ticket and
// prove-commit expiry tests.
#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "sealing/handlers.hpp"

namespace sealsim::sealing {

// {ID: {Miner, Number}, ProofType: SectorType}.
inline SectorRef sector_ref(const HandlerEnv& env, const SectorInfo& info) {
  return SectorRef{SectorId{env.miner, info.sector_number}, info.sector_type};
}

// Sends `event` and returns, as a Lotus handler does with `return ctx.Send(...)`.
inline void send_and_finish(const std::shared_ptr<HandlerRun>& run, SectorEvent event) {
  run->send(std::move(event));
  run->finish();
}

// failedCooldown, then send the event computed from the record and return.
inline void after_cooldown(HandlerEnv& env, const std::shared_ptr<HandlerRun>& run,
                           std::function<SectorEvent(const SectorInfo&)> event) {
  failed_cooldown(env.clock, run->info(), [run, event] { send_and_finish(run, event(run->info())); });
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
