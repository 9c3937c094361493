// sector_id.hpp: sector numbers, miner actor ids and the sector id that names a sector on chain.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace sealsim {

using SectorNumber = std::uint64_t;
using ActorId = std::uint64_t;
using ChainEpoch = std::int64_t;
using DealId = std::uint64_t;

struct SectorId {
  ActorId miner = 0;
  SectorNumber number = 0;

  friend constexpr auto operator<=>(const SectorId&, const SectorId&) = default;
};

// "s-t01000-42", as Lotus names sector files.
std::string sector_file_name(const SectorId& id);

}  // namespace sealsim
