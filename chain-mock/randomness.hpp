// randomness.hpp: chain (ticket) and beacon randomness. Mirrors Lotus's DrawRandomness with
// SHA-256 in place of BLAKE2b: H(BE64(tag) ‖ H(base) ‖ BE64(epoch) ‖ entropy), where base is the
// ticket (chain) or the latest beacon entry (beacon) of the tipset at the epoch, or of the last
// tipset before it when the epoch is a null round. Tickets and entries are functions of the run seed
// and the tipset (branch, key), so replacing an epoch by a reorg changes its randomness.
#pragma once

#include <cstdint>

#include "chain-mock/tipset.hpp"
#include "model/bytes.hpp"

namespace sealsim::chain {

// crypto.DomainSeparationTag values.
enum class DomainSeparationTag : std::int64_t {
  TicketProduction = 1,
  ElectionProofProduction = 2,
  WinningPoStChallengeSeed = 3,
  WindowedPoStChallengeSeed = 4,
  SealRandomness = 5,
  InteractiveSealChallengeSeed = 6,
  WindowedPoStDeadlineAssignment = 7,
  MarketDealCronSeed = 8,
  PoStChainCommit = 9,
};

Node32 sha256(ByteSpan data);

// The ticket of a tipset: H("ticket" ‖ seed ‖ key).
Node32 derive_ticket(std::uint64_t seed, const TipSetKey& key);
// The beacon entry of round `height`: H("beacon" ‖ seed ‖ height [‖ key when per branch]).
Node32 derive_beacon(std::uint64_t seed, ChainEpoch height, const TipSetKey* branch_key);
// A tipset key: H("tipset" ‖ parent ‖ BE64(height) ‖ BE64(branch) ‖ seed).
TipSetKey derive_tipset_key(std::uint64_t seed, const TipSetKey& parent, ChainEpoch height, std::uint64_t branch);

Node32 draw_randomness(const Node32& base, DomainSeparationTag tag, ChainEpoch epoch, ByteSpan entropy);

}  // namespace sealsim::chain
