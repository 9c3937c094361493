// invariants.hpp: the safety properties the engine checks after every driver event (a timeline
// event, a fired timer, a chain epoch). The list (names as reported):
//   clock-monotonic      the sealing clock never moves backwards.
//   persisted-state      a sector's persisted record is in the state its last plan call reported
//                        (the store and the machine agree; checked for the sectors just touched).
//   precommit-ticket-live  no PreCommitSector (or batch entry) was pushed with a ticket older than
//                        MaxPreCommitRandomnessLookback at push time (no precommit with a dead
//                        ticket sent; sealing-fsm.md §12.4).
//   deposits-balance     the miner's locked precommit deposits equal the sum of the deposits of its
//                        on-chain precommits, and its balance covers everything locked.
//   sealed-copy-kept     a sector in a state after PreCommit2 and before removal has its sealed
//                        replica in the sector manager (never zero copies of sealed data).
//   market-escrow        in the market actor, no party has more locked than in escrow, and what is
//                        locked is exactly what the live deals hold: for each party, the client
//                        balance requirements of its live deals as client plus the provider
//                        collateral of its live deals as provider.
//   proving-on-chain     a sector entering Proving is an active sector of the miner on chain
//                        (proven, not terminated or expired): no sector both proving and removed.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "chain-mock/mock_chain.hpp"
#include "scenarios/run_result.hpp"
#include "sealing/sector_store.hpp"

namespace sealsim::scenarios {

struct InvariantInputs {
  const chain::MockChain& chain;
  chain::Address miner;
  sealing::SectorStore& store;
  const std::map<SectorNumber, SectorHistory>& sectors;
  const std::set<SectorNumber>& touched;                   // sectors planned since the last check
  const std::vector<chain::MessageCid>& new_messages;      // pushed since the last check
  const std::function<bool(SectorNumber)>& holds_sealed_copy;
  sealing::SimSeconds clock_before = 0;
  sealing::SimSeconds clock_now = 0;
  // The chain state the previous check passed, kept alive by the caller (or null): deposits-balance
  // walks every on-chain precommit, so it is skipped when the head state is that very state (most
  // fired timers only read the chain and push messages), and its sum when the precommits are still
  // the contents it summed.
  const chain::StateTree* last_passed = nullptr;
};

// The first violated invariant as "name: what was seen", or nullopt.
std::optional<std::string> check_invariants(const InvariantInputs& in);

// The market-escrow invariant over the market actor's state (part of check_invariants).
std::optional<std::string> check_market_escrow(const chain::MarketState& market);

// States in which the sealed replica must exist.
bool state_needs_sealed_copy(sealing::SectorState state);

}  // namespace sealsim::scenarios
