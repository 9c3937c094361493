// chain_constants.hpp: chain and actor constants the sealing handlers use (spec §12.4, Lotus
// v1.11.0, mainnet, actors v5 / network version 13), one per line in name order.
#pragma once

#include <cstdint>

#include "model/sector_id.hpp"

namespace sealsim::sealing {

inline constexpr std::int64_t kBlockDelaySecs = 30;  // seconds per epoch (2k devnet: 4)
inline constexpr std::int64_t kExitCodeOk = 0;  // exitcode.Ok
inline constexpr std::int64_t kExitCodeSysErrInsufficientFunds = 6;  // exitcode.SysErrInsufficientFunds
inline constexpr std::int64_t kExitCodeSysErrOutOfGas = 7;  // exitcode.SysErrOutOfGas
inline constexpr std::uint64_t kMethodProveCommitSector = 7;  // miner.Methods.ProveCommitSector
inline constexpr std::int64_t kNetworkVersion13 = 13;  // HyperDrive: batching and aggregation
inline constexpr ChainEpoch kPreCommitChallengeDelay = 150;  // epochs (2k devnet: 10)
inline constexpr ChainEpoch kWinningPoStSectorSetLookback = 900;  // network version > 3
inline constexpr ChainEpoch kWinningPoStSectorSetLookbackV3 = 10;  // network version <= 3

}  // namespace sealsim::sealing
