// fuzz_world.hpp: what one case of the `sealsim fuzz` campaign is made of, as plain values: the
// swarm setup a case draws first (which kinds of world event it may use, with what weights, and
// the configuration it runs under) and the world events themselves. Each world event is one
// scenario timeline entry (or, for a chain advance, the gap to the next one), so a case renders
// to a scenario file that `sealsim run` replays without RapidCheck (render_fuzz_scenario).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/sector_id.hpp"

namespace sealsim::scenarios {

// The kinds of world event, in the order swarm setups list them.
enum class WorldEventKind {
  Pledge,        // pledge N committed-capacity sectors
  Advance,       // the chain advances N epochs before the next event
  Reorg,         // a reorg of depth N
  NullRounds,    // the next N epochs are null rounds
  MessageFault,  // the next N messages of a method fail with an exit code
  ChainFault,    // the next N calls of a chain API fail
  WorkerLost,    // a worker disconnects for good
  PathFull,      // a storage path fills with other data for good
  TaskFault,     // the next N attempts of a task type fail on their worker
  Restart,       // the miner process restarts on its store (or is killed right after a push)
  Remove,        // operator: remove a sector
  Terminate,     // operator: terminate a sector
};
inline constexpr int kWorldEventKinds = 12;
std::string_view world_event_kind_name(WorldEventKind kind);

struct WorldEvent {
  WorldEventKind kind = WorldEventKind::Advance;
  std::uint64_t count = 1;  // sectors, epochs, depth, null rounds or fault count, by kind
  std::string name;         // method, chain call, worker, path or task name, by kind; Restart:
                            // empty, or the method whose next push kills the process
  std::string exit_code;    // MessageFault only
  SectorNumber sector = 0;  // Remove and Terminate only
};

// Drawn once per case before its events (swarm testing: each case explores a different corner).
struct SwarmSetup {
  std::map<WorldEventKind, int> weights;  // enabled kinds only; Pledge and Advance always
  bool batch_pre_commits = true;
  bool aggregate_commits = true;
  std::uint64_t pre_commit_batch_wait = 3600;  // seconds
  std::uint64_t commit_batch_wait = 3600;
  bool aggregate_always = false;  // aggregate_above_base_fee_atto 0 (otherwise the default)
  int workers = 1;                // named w1..wN, each with every sealing task
  int storage_paths = 1;          // named p1..pN, each for sealing and storage
  std::map<std::string, std::uint64_t> durations;  // task short name -> seconds
  std::uint64_t scenario_seed = 1;                 // the engine's seed (chain randomness)
};

// The fixed frame every case runs in.
inline constexpr std::int64_t kFuzzFirstEventEpoch = 10;
// Epochs the chain advances after a case's last event before liveness is judged: a day of
// mainnet epochs, far beyond what the slowest setup needs to seal the largest case (PC2 and C2
// of 6 sectors one after another on one GPU at an hour each, the batch waits, the 156-epoch
// seed wait and the one-minute retry cooldowns).
inline constexpr std::int64_t kFuzzSettleEpochs = 2880;
// In the first half of the settle epochs the miner restarts kFuzzHealingRestarts times,
// kFuzzHealingRestartSpacing epochs apart: a handler that STALLs (returns without an event, e.g.
// Packing after a failed AddPiece) or a machine that HALTs waits for the SectorRestart of a node
// start in Lotus (sealing-fsm.md conventions, §1.4), so liveness "after the faults stop" includes
// the operator's restarts. A task fault stays armed until its task runs, and a stalled Packing
// runs AddPiece again only at a restart, so a case arms at most kFuzzMaxTaskFaults task failures
// in all: one restart per armed failure heals every stall they cause. The restarts are timeline
// entries of the rendered case.
inline constexpr int kFuzzHealingRestarts = 3;
inline constexpr std::int64_t kFuzzHealingRestartSpacing = kFuzzSettleEpochs / 6;
inline constexpr std::uint64_t kFuzzMaxTaskFaults = 3;
inline constexpr std::uint64_t kFuzzMaxSectors = 6;

// The epoch each event is applied at (Advance events move the epoch of those after them).
std::vector<std::int64_t> world_event_epochs(const std::vector<WorldEvent>& events);

// The case as a scenario document: schema-valid, the events, then the healing restarts after the
// last one, end epoch the last event's plus the settle
// epochs, `expect` as given (an empty object for none).
nlohmann::json render_fuzz_scenario(const std::string& name, const std::string& description,
                                    const SwarmSetup& setup, const std::vector<WorldEvent>& events,
                                    const nlohmann::json& expect);

// "pledge 2 @10", "message_fault PreCommitSector ErrIllegalArgument x1 @160", for progress and
// RapidCheck's counterexample.
std::string describe_world_event(const WorldEvent& event);

}  // namespace sealsim::scenarios
