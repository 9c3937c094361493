// chain_constants.hpp: the network constants the sector FSM reads (model/network_constants.hpp:
// spec §12.4, shared with the simulated chain) and the message and exit-code numbers it uses.
// Handlers take the NetworkConstants from HandlerEnv so a 2k-devnet scenario can pass its own
// (PreCommitChallengeDelay 10).
#pragma once

#include <cstdint>

#include "model/network_constants.hpp"

namespace sealsim::sealing {

using sealsim::NetworkConstants;

// Miner actor method numbers (spec §12.4).
inline constexpr std::uint64_t kMethodPreCommitSector = 6;
inline constexpr std::uint64_t kMethodProveCommitSector = 7;
inline constexpr std::uint64_t kMethodTerminateSectors = 9;
inline constexpr std::uint64_t kMethodPreCommitSectorBatch = 25;
inline constexpr std::uint64_t kMethodProveCommitAggregate = 26;

// Exit codes the FSM distinguishes.
inline constexpr std::int64_t kExitOk = 0;
inline constexpr std::int64_t kExitSysErrInsufficientFunds = 6;
inline constexpr std::int64_t kExitSysErrOutOfGas = 7;

}  // namespace sealsim::sealing
