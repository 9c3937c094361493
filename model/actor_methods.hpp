// actor_methods.hpp: the builtin actors' method numbers that sealsim sends or executes
// (sealing-fsm.md §12.4 for the miner actor; actors v5 numbering), one table for the sealing side,
// the market and the simulated chain.
#pragma once

#include <cstdint>

namespace sealsim::method {

inline constexpr std::uint64_t kSend = 0;
// Miner actor.
inline constexpr std::uint64_t kSubmitWindowedPoSt = 5;
inline constexpr std::uint64_t kPreCommitSector = 6;
inline constexpr std::uint64_t kProveCommitSector = 7;
inline constexpr std::uint64_t kTerminateSectors = 9;
inline constexpr std::uint64_t kDeclareFaults = 10;
inline constexpr std::uint64_t kDeclareFaultsRecovered = 11;
inline constexpr std::uint64_t kWithdrawMinerBalance = 16;
inline constexpr std::uint64_t kPreCommitSectorBatch = 25;
inline constexpr std::uint64_t kProveCommitAggregate = 26;
// Storage market actor.
inline constexpr std::uint64_t kAddBalance = 2;
inline constexpr std::uint64_t kWithdrawBalance = 3;
inline constexpr std::uint64_t kPublishStorageDeals = 4;

}  // namespace sealsim::method
