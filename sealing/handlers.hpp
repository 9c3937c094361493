// handlers.hpp: the state handlers of spec §8 and the runner that maps a state's handler id to
// them. A handler reads the record copy of its HandlerRun, acts through the narrow interfaces of
// HandlerEnv, sends at most the events the spec names, and calls finish() when Lotus's handler
// would return — possibly later, from a continuation on the simulated clock.
#pragma once

#include <memory>
#include <vector>

#include "sealing/address_selector.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/branch_coverage.hpp"
#include "sealing/chain_constants.hpp"
#include "sealing/clock.hpp"
#include "sealing/fee_config.hpp"
#include "sealing/pre_commit_policy.hpp"
#include "sealing/sealing_config.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sealing_events.hpp"
#include "sealing/sector_input.hpp"
#include "sealing/sector_manager.hpp"
#include "sealing/sector_state_group.hpp"

namespace sealsim::sealing {

// Everything a handler acts through; each reference is a narrow interface with a fake beside the
// tests (tests/sealing/fake_*.hpp) and an adapter over chain-mock in scenarios/.
struct HandlerEnv {
  SectorManager& sealer;
  Clock& clock;
  SealingChainApi& chain;
  SealingEvents& events;
  ProofVerifier& verifier;
  PreCommitQueue& pre_commits;
  CommitQueue& commits;
  TerminationQueue& terminations;
  SealingConfig config;
  FeeConfig fees;
  ActorId miner = 1000;
  NetworkConstants network{};
  BasicPreCommitPolicy pre_commit_policy{};
  AddressConfig addresses{};
  // Wallet balances for address selection; unset: wallets are not modelled and every address
  // counts as funded (the selector then takes its first candidate, the worker by default).
  WalletBalanceLookup wallet_balance{};
  // The node's input side (WaitDeals, AddPiece, Packing's first step, tryUpgradeSector); null in
  // setups without a node, where those handlers record a finding and stop.
  SectorInput* input = nullptr;
  // Where the handlers report the spec branches they take (branch coverage); null: not counted.
  // Like every reference above it must outlive the handlers' continuations that check alive().
  BranchRecorder* branches = nullptr;
};

// Lotus's fillersFromRem (spec §10.7): one filler per set bit of the padded remainder, lowest
// first.
std::vector<UnpaddedPieceSize> fillers_from_remaining(UnpaddedPieceSize remaining);

// failedCooldown (spec §8.0): runs `then` once the simulated clock is past the last log entry's
// timestamp + kMinRetryTime (immediately when it already is).
void failed_cooldown(Clock& clock, const SectorInfo& info, std::function<void()> then);

// Runs the handler of every SectorHandler id (handlers.cpp, handlers_*.cpp). An id outside the
// enum (no dispatch) records an InternalInvariant finding and returns: never a throw.
class SealingHandlers final : public HandlerRunner {
 public:
  explicit SealingHandlers(HandlerEnv env) : env_(std::move(env)) {}
  void run(SectorHandler handler, std::shared_ptr<HandlerRun> run) override;

 private:
  HandlerEnv env_;
};

}  // namespace sealsim::sealing
