// address.hpp: ID addresses of the simulated chain (every actor has one; the mock has no key
// addresses) and the CBOR encoding used as randomness entropy (sealing-fsm.md §8.0).
#pragma once

#include <compare>
#include <string>

#include "model/bytes.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

struct Address {
  ActorId id = 0;

  std::string to_string() const { return "t0" + std::to_string(id); }
  // Address bytes: protocol 0 followed by the unsigned varint of the id.
  Bytes to_bytes() const;
  // CBOR byte string of to_bytes(): the entropy Lotus passes to every sealing randomness call.
  Bytes to_cbor() const;

  friend constexpr auto operator<=>(const Address&, const Address&) = default;
};

// Singleton builtin actors, at their mainnet ids.
inline constexpr Address kSystemActor{0};
inline constexpr Address kInitActor{1};
inline constexpr Address kRewardActor{2};
inline constexpr Address kCronActor{3};
inline constexpr Address kPowerActor{4};
inline constexpr Address kMarketActor{5};
inline constexpr Address kBurntFundsActor{99};

}  // namespace sealsim::chain
