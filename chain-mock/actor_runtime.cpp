// actor_runtime.cpp: balance movements shared by the actors and the VM.
#include "chain-mock/actor_runtime.hpp"

namespace sealsim::chain {

void transfer(StateTree& state, ActorId from, ActorId to, TokenAmount amount) {
  if (amount.is_zero()) return;
  state.actors[from].balance -= amount;
  state.actors[to].balance += amount;
}

void burn(StateTree& state, ActorId from, TokenAmount amount) { transfer(state, from, kBurntFundsActor.id, amount); }

}  // namespace sealsim::chain
