// engine.cpp: the scenario run loop (see engine.hpp).
#include "scenarios/engine.hpp"

#include <unistd.h>

#include <set>
#include <stdexcept>

#include "chain-mock/chain_error.hpp"
#include "chain-mock/exit_code.hpp"
#include "chain-mock/fault_injector.hpp"
#include "scenarios/chain_adapter.hpp"
#include "scenarios/chain_method_names.hpp"
#include "scenarios/expectations.hpp"
#include "scenarios/invariants.hpp"
#include "scenarios/pipeline_wiring.hpp"
#include "scenarios/sim_clock.hpp"
#include "sealing/handlers.hpp"
#include "sealing/sector_state_group.hpp"
#include "sealing/sector_store_memory.hpp"
#include "sealing/sector_store_sqlite.hpp"

namespace sealsim::scenarios {

namespace {

// A failure that stops the run (reported, never swallowed).
class RunStopped : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

chain::ApiCall api_call_named(const std::string& name) {
  for (int i = static_cast<int>(chain::ApiCall::Any); i <= static_cast<int>(chain::ApiCall::StateMarketStorageDeal); ++i) {
    if (chain::api_call_name(static_cast<chain::ApiCall>(i)) == name) return static_cast<chain::ApiCall>(i);
  }
  throw RunStopped("unknown chain API call " + name);  // the loader rejects these first
}

chain::ExitCode exit_code_named(const std::string& name) {
  for (std::int64_t i = 0; i <= 32; ++i) {
    if (chain::exit_code_name(static_cast<chain::ExitCode>(i)) == name) return static_cast<chain::ExitCode>(i);
  }
  throw RunStopped("unknown exit code " + name);
}

class Engine final : public sealing::TraceSink {
 public:
  Engine(const Scenario& scenario, const RunOptions& options)
      : scenario_(scenario),
        options_(options),
        seed_(options.seed.value_or(scenario.seed)),
        config_(scenario.network == Network::Devnet2k ? chain::ChainConfig::devnet_2k() : chain::ChainConfig::mainnet()),
        chain_(config_, seed_),
        clock_(config_.genesis_timestamp),
        trace_(options.trace_out) {
    scenario_.proofs = options.proofs.value_or(scenario.proofs);
  }

  ~Engine() override {
    group_.reset();
    store_.reset();
    if (remove_work_folder_) {
      std::error_code ignored;
      std::filesystem::remove_all(work_folder_, ignored);
    }
  }

  RunResult run();

  // TraceSink: a plan call of the sector state group.
  void record(const sealing::TraceRecord& r) override {
    TraceEvent e{epoch(), "sealing", r.sector, std::nullopt, r.events, r.from_state, r.to_state, ""};
    SectorHistory& h = result_.sectors[r.sector];
    if (h.states.empty() || h.states.back().second != r.to_state) h.states.emplace_back(epoch(), r.to_state);
    if (r.finding) {
      e.details = std::string(sealing::finding_kind_name(r.finding->kind)) + ": " + r.finding->message;
      result_.findings.push_back(std::string(sealing::finding_kind_name(r.finding->kind)) + " sector " +
                                 std::to_string(r.sector) + ": " + r.finding->message);
      h.halted = r.finding->kind == sealing::FindingKind::PlannerHalt;
    }
    touched_.insert(r.sector);
    trace_.add(std::move(e));
  }

 private:
  ChainEpoch epoch() const { return chain_.current_epoch(); }
  void note(std::string component, std::string event, std::string details, std::optional<SectorNumber> sector = {}) {
    trace_.add(TraceEvent{epoch(), std::move(component), sector, std::nullopt, std::move(event), "", "", std::move(details)});
  }
  void setup();
  void open_pipeline();
  void close_pipeline();
  void apply(const TimelineEntry& entry);
  void after_event();
  void report_progress();
  void summarise();

  Scenario scenario_;
  const RunOptions& options_;
  std::uint64_t seed_;
  chain::ChainConfig config_;
  chain::MockChain chain_;
  SimClock clock_;
  Trace trace_;
  chain::Address miner_{};
  std::unique_ptr<ChainAdapter> adapter_;
  SealingPipeline pipeline_;
  std::filesystem::path work_folder_;
  bool remove_work_folder_ = false;
  std::unique_ptr<sealing::SectorStore> store_;
  std::unique_ptr<sealing::SealingHandlers> handlers_;
  std::unique_ptr<sealing::SectorStateGroup> group_;
  SectorNumber next_sector_ = 1;
  std::set<SectorNumber> touched_;
  sealing::SimSeconds clock_checked_ = 0;
  RunResult result_;
};

void Engine::setup() {
  const chain::Address owner = chain_.create_account(scenario_.miner_balance);
  const chain::Address worker = chain_.create_account(scenario_.miner_balance);
  chain::MinerSetup setup;
  setup.owner = owner;
  setup.worker = worker;
  setup.seal_proof = scenario_.proof_type;
  setup.balance = scenario_.miner_balance;
  miner_ = chain_.create_miner(setup);
  adapter_ = std::make_unique<ChainAdapter>(chain_, clock_, miner_);
  pipeline_ = make_sealing_pipeline(scenario_, clock_, *adapter_);
  if (!pipeline_.unavailable.empty()) throw RunStopped(pipeline_.unavailable);
  if (scenario_.persistence == Persistence::Sqlite) {
    work_folder_ = options_.work_folder;
    if (work_folder_.empty()) {
      // The process id keeps concurrent runs (parallel tests) apart; it never reaches the outcome.
      work_folder_ = std::filesystem::temp_directory_path() /
                     ("sealsim-run-" + scenario_.name + "-" + std::to_string(::getpid()));
      remove_work_folder_ = true;
    }
    std::filesystem::create_directories(work_folder_);
    if (!options_.keep_existing_store) {
      std::filesystem::remove(work_folder_ / "sectors.sqlite");
      std::filesystem::remove(work_folder_ / "sectors.sqlite-wal");
      std::filesystem::remove(work_folder_ / "sectors.sqlite-shm");
    }
  } else {
    store_ = std::make_unique<sealing::MemorySectorStore>();
  }
  note("engine", "setup",
       "miner " + miner_.to_string() + ", proof " + std::string(seal_proof_info(scenario_.proof_type).name) +
           ", proofs " + std::string(proofs_name(scenario_.proofs)) + ", persistence " +
           (scenario_.persistence == Persistence::Sqlite ? "sqlite" : "memory"));
  open_pipeline();
}

void Engine::open_pipeline() {
  if (scenario_.persistence == Persistence::Sqlite) {
    store_ = std::make_unique<sealing::SqliteSectorStore>((work_folder_ / "sectors.sqlite").string());
    if (options_.wrap_store) store_ = options_.wrap_store(std::move(store_));
  }
  sealing::HandlerEnv env{*pipeline_.sealer, clock_, *adapter_, *adapter_, *pipeline_.verifier,
                          *pipeline_.pre_commits, *pipeline_.commits, *pipeline_.terminations,
                          scenario_.sealing, scenario_.fees, miner_.id};
  env.network = config_.network();  // the chain's own constants: a devnet scenario waits the devnet's delays
  handlers_ = std::make_unique<sealing::SealingHandlers>(std::move(env));
  group_ = std::make_unique<sealing::SectorStateGroup>(*store_, clock_, *handlers_, this, options_.coverage);
  for (const SectorNumber n : store_->list()) next_sector_ = std::max(next_sector_, n + 1);
  group_->restart_all();
}

void Engine::close_pipeline() {
  // Destroying the group disarms every running handler (their sends and finishes do nothing),
  // as a process exit would; a memory store is the one thing that survives, as a file would.
  group_.reset();
  handlers_.reset();
  if (scenario_.persistence == Persistence::Sqlite) store_.reset();
}

void Engine::apply(const TimelineEntry& entry) {
  const std::string kind(action_kind(entry.action));
  const auto unsupported = [&]() -> RunStopped {
    const auto reason = pipeline_.unsupported_events.find(kind);
    return RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path +
                      ") cannot run in this build: " +
                      (reason == pipeline_.unsupported_events.end() ? "no wiring for it" : reason->second));
  };
  std::visit(
      [&](const auto& action) {
        using T = std::decay_t<decltype(action)>;
        if constexpr (std::is_same_v<T, PledgeEvent>) {
          for (std::uint64_t i = 0; i < action.count; ++i) {
            const SectorNumber n = next_sector_++;
            result_.sectors[n].created = epoch();
            note("timeline", "pledge", "SectorStartCC", n);
            group_->send(n, sealing::SectorStartCC{n, scenario_.proof_type});
          }
        } else if constexpr (std::is_same_v<T, NullRoundsEvent>) {
          chain_.schedule_null_rounds(epoch() + 1, action.count);
          note("timeline", "null_rounds", "epochs " + std::to_string(epoch() + 1) + ".." + std::to_string(epoch() + action.count));
        } else if constexpr (std::is_same_v<T, ReorgEvent>) {
          chain::ReorgOptions options;
          options.depth = action.depth;
          options.null_heights = action.null_heights;
          options.return_messages_to_pool = action.return_messages_to_pool;
          chain_.reorg(options);
          note("timeline", "reorg", "depth " + std::to_string(action.depth));
        } else if constexpr (std::is_same_v<T, ChainFaultEvent>) {
          chain_.faults().fail_api_calls(api_call_named(action.call), action.count);
          note("timeline", "chain_fault", action.call + " x" + std::to_string(action.count));
        } else if constexpr (std::is_same_v<T, MessageFaultEvent>) {
          const auto method = find_chain_method(action.method);
          chain::MessageMatch match;
          match.to = method->market ? chain::kMarketActor : miner_;
          match.method = method->method;
          chain_.faults().fail_message(match, exit_code_named(action.exit_code), action.count);
          note("timeline", "message_fault", action.method + " -> " + action.exit_code + " x" + std::to_string(action.count));
        } else if constexpr (std::is_same_v<T, SetBalanceEvent>) {
          chain_.set_balance(chain_.state_miner_info(miner_).worker, action.amount);
          note("timeline", "set_balance", "worker balance " + action.amount.to_string() + " attoFIL");
        } else if constexpr (std::is_same_v<T, RestartEvent>) {
          note("timeline", "restart", "store closed and reopened; SectorRestart to every sector");
          close_pipeline();
          if (pipeline_.on_restart) pipeline_.on_restart(pipeline_);
          open_pipeline();
        } else if constexpr (std::is_same_v<T, OperatorEvent>) {
          bool accepted = false;
          std::string what;
          switch (action.command) {
            case OperatorCommand::Remove:
              what = "remove";
              accepted = group_->send(action.sector, sealing::SectorRemove{});
              break;
            case OperatorCommand::Terminate:
              what = "terminate";
              accepted = group_->send(action.sector, sealing::SectorTerminate{});
              break;
            case OperatorCommand::ForceState:
              what = "force_state " + action.state;
              accepted = group_->send(action.sector, sealing::SectorForceState{action.state});
              break;
          }
          note("timeline", "operator", what + (accepted ? "" : " (refused: the sector's machine has halted)"), action.sector);
        } else if constexpr (std::is_same_v<T, DealEvent>) {
          if (!pipeline_.propose_deal) throw unsupported();
          note("timeline", "deal", std::to_string(action.size) + " bytes, start epoch " + std::to_string(action.start_epoch));
          if (auto error = pipeline_.propose_deal(action); !error.empty()) {
            throw RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path + "): " + error);
          }
        } else if constexpr (std::is_same_v<T, WorkerLostEvent>) {
          if (!pipeline_.lose_worker) throw unsupported();
          note("timeline", "worker_lost", action.worker);
          if (auto error = pipeline_.lose_worker(action); !error.empty()) {
            throw RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path + "): " + error);
          }
        } else if constexpr (std::is_same_v<T, TaskFaultEvent>) {
          if (!pipeline_.fail_tasks) throw unsupported();
          note("timeline", "task_fault", action.task + " x" + std::to_string(action.count));
          if (auto error = pipeline_.fail_tasks(action); !error.empty()) {
            throw RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path + "): " + error);
          }
        } else if constexpr (std::is_same_v<T, PathFullEvent>) {
          if (!pipeline_.fill_path) throw unsupported();
          note("timeline", "path_full", action.path);
          if (auto error = pipeline_.fill_path(action); !error.empty()) {
            throw RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path + "): " + error);
          }
        } else {
          static_assert(std::is_same_v<T, void>, "every timeline action needs an engine action");
        }
      },
      entry.action);
}

void Engine::after_event() {
  ++result_.events;
  const auto pushed = adapter_->take_pushed();
  for (const auto& cid : pushed) {
    const auto* record = chain_.message(cid);
    const auto name = record ? chain_method_name_of(record->message) : std::nullopt;
    note("chain", "message pushed", std::string(name.value_or("?")) + " " + message_cid_to_cid(cid).to_string());
  }
  const InvariantInputs in{chain_, miner_, *store_, result_.sectors, touched_, pushed, pipeline_.holds_sealed_copy,
                           clock_checked_, clock_.now()};
  if (const auto violation = check_invariants(in)) {
    note("invariant", "violated", *violation);
    throw RunStopped("invariant violated: " + *violation);
  }
  clock_checked_ = clock_.now();
  touched_.clear();
  if (options_.on_event) options_.on_event(result_.events);
}

void Engine::report_progress() {
  if (!options_.progress) return;
  RunProgress p{epoch(), scenario_.end_epoch, {}};
  for (const auto& [n, h] : result_.sectors) {
    if (!h.states.empty()) ++p.sectors_by_state[h.states.back().second];
  }
  options_.progress(p);
}

void Engine::summarise() {
  result_.reached_epoch = epoch();
  if (store_) {
    for (const SectorNumber n : store_->list()) {
      if (const auto record = store_->load(n)) result_.sectors[n].final_state = record->state_name();
    }
  }
  for (const auto& m : chain_.messages()) {
    MessageSummary s;
    s.cid = message_cid_to_cid(m.cid).to_string();
    const auto name = chain_method_name_of(m.message);
    s.method = name ? std::string(*name) : "method " + std::to_string(m.message.method);
    s.pushed = m.pushed_epoch;
    s.included = m.included_height;
    s.status = chain::message_status_name(m.status);
    if (m.included_height) {
      if (const auto found = chain_.state_search_msg(m.cid)) s.exit_code = std::string(chain::exit_code_name(found->receipt.exit_code));
    }
    result_.messages.push_back(std::move(s));
  }
}

RunResult Engine::run() {
  result_.scenario_name = scenario_.name;
  result_.description = scenario_.description;
  result_.seed = seed_;
  result_.proofs = scenario_.proofs;
  result_.end_epoch = scenario_.end_epoch;
  trace_.header(TraceHeader{scenario_.name, options_.scenario_label, seed_, std::string(proofs_name(scenario_.proofs)),
                            scenario_.text});
  try {
    setup();
    std::size_t next = 0;
    while (true) {
      while (next < scenario_.timeline.size() && scenario_.timeline[next].at <= epoch()) {
        apply(scenario_.timeline[next++]);
        after_event();
      }
      if (epoch() >= scenario_.end_epoch) break;
      const sealing::SimSeconds next_epoch_time = config_.genesis_timestamp + (epoch() + 1) * config_.block_delay_seconds;
      while (clock_.fire_next(next_epoch_time - 1)) after_event();
      clock_.move_to(next_epoch_time);
      chain_.advance(1);
      after_event();
      report_progress();
    }
    // Work due at the end epoch's own timestamp (continuations of that epoch's events).
    while (clock_.fire_next(clock_.now())) after_event();
  } catch (const RunStopped& e) {
    result_.stop = e.what();
  } catch (const sealing::StoreError& e) {
    result_.stop = std::string("sector store: ") + e.what();
  } catch (const chain::ChainError& e) {
    result_.stop = std::string("chain: ") + e.what();
  } catch (const std::exception& e) {
    result_.stop = std::string("internal error: ") + e.what();
  }
  if (result_.stop) note("engine", "stopped", *result_.stop);
  summarise();
  result_.expectations = evaluate_expectations(scenario_.expect, result_);
  for (const auto& outcome : result_.expectations) {
    note("expect", outcome.held ? "held" : "failed", outcome.expectation + (outcome.explanation.empty() ? "" : ": " + outcome.explanation));
  }
  result_.trace_hash = trace_.hash();
  result_.trace = trace_.events();
  return std::move(result_);
}

}  // namespace

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  Engine engine(scenario, options);
  return engine.run();
}

}  // namespace sealsim::scenarios
