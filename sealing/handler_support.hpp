// handler_support.hpp: what the handler files share (spec §8.0): the sector reference given to
// the sealer, Lotus's `return ctx.Send(...)` step, failedCooldown before an event, recording a
// node-crash finding, the randomness entropy, the message sender and the expiry tests.
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

// Sends `event` and returns, as a Lotus handler does with `return ctx.Send(...)`.
inline void send_and_finish(const HandlerRunPtr& run, SectorEvent event) {
  run->send(std::move(event));
  run->finish();
}

// failedCooldown, then the event `event` derives from the record (spec §8.0).
inline void after_cooldown(HandlerEnv& env, const HandlerRunPtr& run,
                           std::function<SectorEvent(const SectorInfo&)> event) {
  failed_cooldown(env.clock, run->info(), [run, event = std::move(event)] {
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

// The entropy of every randomness request: the CBOR byte string of the miner's ID address
// (protocol byte 0, then the unsigned varint of the id) (spec §8.0).
inline Bytes miner_address_entropy(ActorId miner) {
  std::uint8_t address[11] = {0};  // protocol byte + at most 10 varint bytes
  std::size_t length = 1;
  std::uint64_t value = miner;
  do {
    auto low = static_cast<std::uint8_t>(value & 0x7f);
    value >>= 7;
    address[length++] = value != 0 ? static_cast<std::uint8_t>(low | 0x80) : low;
  } while (value != 0);
  Bytes out;
  out.reserve(length + 1);
  out.push_back(static_cast<std::uint8_t>(0x40 | length));  // short-form byte-string header
  for (std::size_t i = 0; i < length; ++i) {
    out.push_back(address[i]);
  }
  return out;
}

// addrSel(use, goodFunds, minFunds): with no control addresses configured, Lotus's AddressSelector
// tries the worker first and, when no candidate has goodFunds, falls back to the worker as the
// "least bad" address; it never fails. sealsim has neither configured control addresses nor
// wallet balances, so the sender is always the worker.
inline ActorId message_sender(const MinerInfo& miner_info) { return miner_info.worker; }

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
