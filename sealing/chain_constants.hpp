// chain_constants.hpp: the network constants the sector FSM reads (model/network_constants.hpp:
// spec §12.4, shared with the simulated chain), the actors' method numbers it sends
// (model/actor_methods.hpp) and the exit codes it tells apart. Handlers take the NetworkConstants
// from HandlerEnv so a 2k-devnet scenario can pass its own (PreCommitChallengeDelay 10).
#pragma once

#include <cstdint>

#include "model/actor_methods.hpp"
#include "model/network_constants.hpp"

namespace sealsim::sealing {

using sealsim::NetworkConstants;

// Exit codes the FSM distinguishes.
inline constexpr std::int64_t kExitOk = 0;
inline constexpr std::int64_t kExitSysErrInsufficientFunds = 6;
inline constexpr std::int64_t kExitSysErrOutOfGas = 7;

}  // namespace sealsim::sealing
