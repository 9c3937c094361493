// scenario.hpp: a loaded scenario as typed values: configuration, the timeline of world events at
// epochs, and what must come out. Produced only by scenario_loader (which validates it); defaults
// of the sealing and fee configuration come from sealing/sealing_config.hpp and
// sealing/fee_config.hpp, the others are the member initialisers below.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/fee_config.hpp"
#include "sealing/market/deal_publisher.hpp"
#include "sealing/market/storage_ask.hpp"
#include "sealing/sealing_config.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::scenarios {

enum class ProofsBackend { Mock, Cpu, Cuda };
std::string_view proofs_name(ProofsBackend proofs);

enum class Network { Mainnet, Devnet2k };
enum class Persistence { Sqlite, Memory };

struct WorkerSpec {
  std::string name;
  std::vector<std::string> tasks;  // task short names as validated (e.g. "PC1")
};

struct StoragePathSpec {
  std::string path;  // as written; resolved against the scenario folder by the engine
  std::uint64_t capacity = 0;
  bool seal = true;
  bool store = true;
};

// --- Timeline events (one kind per entry).
struct PledgeEvent { std::uint64_t count = 1; };
struct DealEvent {
  std::uint64_t size = 0;  // payload bytes
  TokenAmount price_per_epoch;
  ChainEpoch start_epoch = 0;
  ChainEpoch duration = 0;
  bool online = true;
  bool verified = false;
  std::optional<std::filesystem::path> payload;  // resolved against the scenario's folder
  // Absent: the chain's minimum (StateDealProviderCollateralBounds), as a Lotus client proposes.
  std::optional<TokenAmount> provider_collateral;
  // false: the client proposes without adding its ClientBalanceRequirement to its escrow first.
  bool fund_escrow = true;
};
struct NullRoundsEvent { ChainEpoch count = 1; };
struct ReorgEvent {
  std::uint64_t depth = 1;
  std::set<ChainEpoch> null_heights;
  bool return_messages_to_pool = true;
};
struct ChainFaultEvent { std::string call; std::uint64_t count = 1; };
struct MessageFaultEvent { std::string method; std::string exit_code; std::uint64_t count = 1; };
struct SetBalanceEvent { TokenAmount amount; };
struct WorkerLostEvent { std::string worker; };
struct PathFullEvent { std::string path; };
// The next `count` attempts of a task type fail on their worker (a sector-manager fault: the
// call answers an error, which the handler turns into its failure event); with `empty_result` (PC2 only)
// they succeed but answer zero-valued SectorCids, as a faulty remote worker can, which Lotus's
// handlePreCommit2 sees as an undefined CommD (sealing-fsm.md §8.6).
struct TaskFaultEvent {
  std::string task;
  std::uint64_t count = 1;
  bool empty_result = false;
};
// The next `count` sector-manager Remove calls fail (Lotus's Manager.Remove fails when a sector's
// files cannot be locked or reached); handleRemoving then sends SectorRemoveFailed.
struct RemoveFaultEvent { std::uint64_t count = 1; };
// The miner process stops and starts again on its store. With `after_push` it is killed at the
// moment it next pushes a message of that method: the message stays in the mempool and nothing the
// process did after the push reaches its store (the "sent but not recorded" crash Lotus's
// handlePreCommitFailed and preCommitParams recover from). `down_epochs`: how long it stays down
// (the chain goes on meanwhile).
struct RestartEvent {
  std::optional<std::string> after_push;  // a chain method name (chain_method_names.hpp)
  ChainEpoch down_epochs = 0;
};
enum class OperatorCommand { Remove, Terminate, ForceState };
struct OperatorEvent {
  OperatorCommand command = OperatorCommand::Remove;
  SectorNumber sector = 0;
  std::string state;  // force_state only: a listed state name
};

using TimelineAction =
    std::variant<PledgeEvent, DealEvent, NullRoundsEvent, ReorgEvent, ChainFaultEvent,
                 MessageFaultEvent, SetBalanceEvent, WorkerLostEvent, PathFullEvent, RestartEvent,
                 OperatorEvent, TaskFaultEvent, RemoveFaultEvent>;
// The key naming each alternative in the file ("pledge", "deal", ...), in variant order.
std::string_view action_kind(const TimelineAction& action);

struct TimelineEntry {
  ChainEpoch at = 0;
  TimelineAction action;
  std::string json_path;  // "/timeline/3", for messages about this entry
};

// --- Expectations.
struct SectorExpectation { SectorNumber sector = 0; sealing::SectorState state{}; };
// `deal` is the scenario's deal number (1 = the first deal event); `state` a deal status name
// (sealing/market/deal_status_list.hpp, e.g. "StorageDealActive").
struct DealExpectation { std::uint64_t deal = 0; std::string state; };
struct Expectations {
  std::vector<SectorExpectation> sectors;
  std::vector<DealExpectation> deals;
  std::map<sealing::SectorState, std::uint64_t> counts;  // sectors per final state
  std::map<std::string, std::uint64_t> messages;         // on-chain messages per method name
  std::vector<std::string> findings_must;                // substrings of finding lines
  std::vector<std::string> findings_must_not;
  std::optional<ChainEpoch> liveness_epochs;
};

// The deals layer's configuration; defaults from sealing/market (PublishMsgConfig, StorageAsk) and
// Lotus's [Dealmaking] MaxProviderCollateralMultiplier.
struct MarketSettings {
  market::PublishMsgConfig publish;
  market::StorageAsk ask;
  std::int64_t max_provider_collateral_multiplier = 2;
  TokenAmount client_balance = TokenAmount::from_fil(1000);  // the deal client's wallet
};

struct Scenario {
  std::filesystem::path file;    // where it was loaded from (empty for in-memory text)
  std::filesystem::path folder;  // relative references resolve against this
  std::string text;              // the file's bytes (the trace header keeps them for replay)
  std::string name;
  std::string description;
  std::uint64_t seed = 0;
  ProofsBackend proofs = ProofsBackend::Mock;
  RegisteredSealProof proof_type = RegisteredSealProof::StackedDrg2KiBV1_1;
  Network network = Network::Mainnet;
  Persistence persistence = Persistence::Memory;
  sealing::SealingConfig sealing;
  sealing::FeeConfig fees;
  MarketSettings market;
  TokenAmount miner_balance = TokenAmount::from_fil(1000);
  std::vector<WorkerSpec> workers;
  std::vector<StoragePathSpec> storage;
  std::map<std::string, sealing::SimSeconds> durations;  // task short name -> seconds
  ChainEpoch end_epoch = 0;
  std::vector<TimelineEntry> timeline;  // sorted by epoch, file order within an epoch
  Expectations expect;
};

}  // namespace sealsim::scenarios
