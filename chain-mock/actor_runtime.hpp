// actor_runtime.hpp: what an actor method may see and do while a message or cron runs: the
// config, the epoch, the state tree, the proof verifier, randomness of the chain being extended,
// and a list of actor events that the chain log records. ActorResult is a method's outcome; a
// non-Ok code becomes the receipt's exit code. Methods validate everything before they mutate, so
// a failed method leaves the state untouched.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chain-mock/actor_state.hpp"
#include "chain-mock/chain_config.hpp"
#include "chain-mock/exit_code.hpp"
#include "chain-mock/proof_verifier.hpp"
#include "chain-mock/randomness.hpp"
#include "chain-mock/receipt.hpp"

namespace sealsim::chain {

struct ActorEvent {
  ChainEpoch epoch = 0;
  std::string kind;  // "sector_activated", "precommit_expired", "deal_slashed", ...
  ActorId actor = 0;
  std::uint64_t subject = 0;  // sector number or deal id
  std::string detail;
};

using RandomnessFn = std::function<Node32(DomainSeparationTag, ChainEpoch, ByteSpan)>;

struct ActorRuntime {
  const ChainConfig& config;
  ChainEpoch epoch;
  StateTree& state;
  const ProofVerifier& verifier;
  RandomnessFn ticket_randomness;
  RandomnessFn beacon_randomness;
  std::vector<ActorEvent>& events;

  void record(std::string kind, ActorId actor, std::uint64_t subject, std::string detail = {}) {
    events.push_back({epoch, std::move(kind), actor, subject, std::move(detail)});
  }
};

struct ActorResult {
  ExitCode code = ExitCode::Ok;
  ReturnValue return_value;
  std::string error;

  bool ok() const { return code == ExitCode::Ok; }
};

inline ActorResult actor_ok(ReturnValue value = {}) { return {ExitCode::Ok, std::move(value), {}}; }
inline ActorResult actor_fail(ExitCode code, std::string error) { return {code, {}, std::move(error)}; }

// Moves `amount` from one actor's balance to another's (the caller has checked funds).
void transfer(StateTree& state, ActorId from, ActorId to, TokenAmount amount);
// Burns from an actor's balance into the burnt-funds actor.
void burn(StateTree& state, ActorId from, TokenAmount amount);

}  // namespace sealsim::chain
