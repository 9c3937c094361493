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
#include "scenarios/killable_sector_store.hpp"
#include "scenarios/pipeline_wiring.hpp"
#include "scenarios/sim_clock.hpp"
#include "sealing/sealing_node.hpp"
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

class Engine final : public sealing::TraceSink, private sealing::SectorIdCounter {
 public:
  Engine(const Scenario& scenario, const RunOptions& options)
      : scenario_(scenario),
        options_(options),
        seed_(options.seed.value_or(scenario.seed)),
        config_(scenario.network == Network::Devnet2k ? chain::ChainConfig::devnet_2k() : chain::ChainConfig::mainnet()),
        chain_checks_(make_chain_proof_checks(options.proofs.value_or(scenario.proofs))),
        chain_(config_, seed_, chain_checks_.verifier),
        clock_(config_.genesis_timestamp),
        trace_(options.trace_out) {
    scenario_.proofs = options.proofs.value_or(scenario.proofs);
    // The chain's own log (every tipset as JSON) is not part of a run's trace or report: keeping
    // it would cost memory and time in proportion to the epochs run.
    chain_.log().set_enabled(false);
  }

  ~Engine() override {
    if (node_ && pipeline_.detach_node) pipeline_.detach_node();
    node_.reset();
    store_.reset();
    if (remove_work_folder_) {
      std::error_code ignored;
      std::filesystem::remove_all(work_folder_, ignored);
    }
  }

  RunResult run();

  // TraceSink: a plan call of the sector state group.
  void record(const sealing::TraceRecord& r) override {
    // What a killed process still does in its last step never happened for the world (its
    // records are not written either: KillableSectorStore).
    if (adapter_ && adapter_->killed()) return;
    TraceEvent e{epoch(), "sealing", r.sector, std::nullopt, r.events, r.from_state, r.to_state, ""};
    // A sector first seen here was created by the node (a deal sector): it starts now.
    const auto [entry, created] = result_.sectors.try_emplace(r.sector);
    if (created) entry->second.created = epoch();
    SectorHistory& h = entry->second;
    if (h.states.empty() || h.states.back().second != r.to_state) {
      if (!h.states.empty()) leave_state(h.states.back().second);
      ++sectors_by_state_[r.to_state];
      h.states.emplace_back(epoch(), r.to_state);
    }
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
  // SectorIdCounter: the node's deal sectors and the timeline's pledges share one numbering, from 1.
  SectorNumber next_sector_number() override { return next_sector_++; }
  void take_market_update();
  void setup();
  std::unique_ptr<sealing::SectorStore> killable(std::unique_ptr<sealing::SectorStore> store);
  void open_store();
  void start_node();
  void open_pipeline();
  void close_pipeline();
  void stop_process(ChainEpoch down_epochs);
  void start_process_when_due();
  void require_process(const TimelineEntry& entry, const std::string& kind) const;
  void apply(const TimelineEntry& entry);
  void after_event();
  std::vector<chain::MessageCid> note_pushed();
  std::string method_name_of(const chain::MessageCid& cid) const;
  void report_progress();
  void leave_state(const std::string& state) {
    const auto found = sectors_by_state_.find(state);
    if (--found->second == 0) sectors_by_state_.erase(found);
  }
  void summarise();

  Scenario scenario_;
  const RunOptions& options_;
  std::uint64_t seed_;
  chain::ChainConfig config_;
  ChainProofChecks chain_checks_;
  chain::MockChain chain_;
  SimClock clock_;
  Trace trace_;
  chain::Address miner_{};
  std::unique_ptr<ChainAdapter> adapter_;
  SealingPipeline pipeline_;
  std::filesystem::path work_folder_;
  bool remove_work_folder_ = false;
  std::unique_ptr<sealing::SectorStore> store_;
  std::unique_ptr<sealing::SealingNode> node_;
  // Set while the process is down (a restart with down_epochs): the epoch it starts again.
  std::optional<ChainEpoch> process_starts_at_;
  ChainEpoch down_epochs_after_kill_ = 0;  // of the restart armed with after_push
  SectorNumber next_sector_ = 1;
  std::set<SectorNumber> touched_;
  // Sectors by the last state of their history, kept as states change so that a progress report
  // at every epoch does not walk every sector.
  std::map<std::string, std::size_t> sectors_by_state_;
  sealing::SimSeconds clock_checked_ = 0;
  std::shared_ptr<const chain::StateTree> state_checked_;  // the chain state deposits-balance last passed
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
  pipeline_ = make_sealing_pipeline(scenario_, seed_, clock_, *adapter_, PipelineOptions{options_.allow_large_sectors});
  if (!pipeline_.unavailable.empty()) throw RunStopped(pipeline_.unavailable);
  if (!pipeline_.proofs_description.empty()) note("engine", "proofs", pipeline_.proofs_description);
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
    store_ = killable(std::make_unique<sealing::MemorySectorStore>());
  }
  note("engine", "setup",
       "miner " + miner_.to_string() + ", proof " + std::string(seal_proof_info(scenario_.proof_type).name) +
           ", proofs " + std::string(proofs_name(scenario_.proofs)) + ", persistence " +
           (scenario_.persistence == Persistence::Sqlite ? "sqlite" : "memory"));
  open_pipeline();
}

std::unique_ptr<sealing::SectorStore> Engine::killable(std::unique_ptr<sealing::SectorStore> store) {
  return std::make_unique<KillableSectorStore>(std::move(store), [this] { return adapter_->killed(); });
}

void Engine::open_store() {
  // A memory store is made once, in setup(): it survives restarts as a file would.
  if (scenario_.persistence != Persistence::Sqlite) return;
  std::unique_ptr<sealing::SectorStore> file =
      std::make_unique<sealing::SqliteSectorStore>((work_folder_ / "sectors.sqlite").string());
  if (options_.wrap_store) file = options_.wrap_store(std::move(file));
  store_ = killable(std::move(file));
}

void Engine::open_pipeline() {
  open_store();
  start_node();
}

void Engine::start_node() {
  sealing::HandlerEnv env{*pipeline_.sealer, clock_, *adapter_, *adapter_, *pipeline_.verifier,
                          *pipeline_.pre_commits, *pipeline_.commits, *pipeline_.terminations,
                          scenario_.sealing, scenario_.fees, miner_.id};
  env.network = config_.network();  // the chain's own constants: a devnet scenario waits the devnet's delays
  env.branches = options_.branch_coverage;
  for (const SectorNumber n : store_->list()) next_sector_ = std::max(next_sector_, n + 1);
  // The node runs the sector state group over the handlers and owns the input side (deals).
  sealing::SectorIdCounter& counter = *this;
  node_ = std::make_unique<sealing::SealingNode>(std::move(env), *store_, counter,
                                                 sealing::SealingNodeOptions{this, options_.coverage, {}});
  node_->run();
  if (pipeline_.attach_node) pipeline_.attach_node(*node_);
}

void Engine::close_pipeline() {
  // Destroying the node disarms every running handler (their sends and finishes do nothing),
  // as a process exit would; a memory store is the one thing that survives, as a file would.
  if (pipeline_.detach_node) pipeline_.detach_node();
  node_.reset();
  if (scenario_.persistence == Persistence::Sqlite) store_.reset();
}

void Engine::stop_process(ChainEpoch down_epochs) {
  close_pipeline();
  if (pipeline_.on_restart) pipeline_.on_restart(pipeline_);
  adapter_->revive();
  if (down_epochs == 0) {
    open_pipeline();
    return;
  }
  open_store();  // read by the invariants and the summary while the process is down
  process_starts_at_ = epoch() + down_epochs;
}

void Engine::start_process_when_due() {
  if (!process_starts_at_ || epoch() < *process_starts_at_) return;
  process_starts_at_.reset();
  note("timeline", "restart", "the process starts again: SectorRestart to every sector");
  start_node();
  after_event();
}

void Engine::require_process(const TimelineEntry& entry, const std::string& kind) const {
  if (!process_starts_at_) return;
  throw RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path +
                   ") needs the miner process, which is down until epoch " + std::to_string(*process_starts_at_) +
                   " (an earlier restart's down_epochs)");
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
          require_process(entry, kind);
          for (std::uint64_t i = 0; i < action.count; ++i) {
            const SectorNumber n = next_sector_++;
            result_.sectors[n].created = epoch();
            note("timeline", "pledge", "SectorStartCC", n);
            node_->group().send(n, sealing::SectorStartCC{n, scenario_.proof_type});
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
          require_process(entry, kind);
          const std::string down =
              action.down_epochs == 0 ? "" : "; down for " + std::to_string(action.down_epochs) + " epochs";
          if (action.after_push) {
            const auto method = find_chain_method(*action.after_push);  // checked by the loader
            adapter_->kill_after_push(method->market ? chain::kMarketActor : miner_, method->method);
            down_epochs_after_kill_ = action.down_epochs;
            note("timeline", "restart", "armed: the process is killed right after it next pushes " + *action.after_push + down);
          } else {
            note("timeline", "restart", "store closed and reopened; SectorRestart to every sector" + down);
            stop_process(action.down_epochs);
          }
        } else if constexpr (std::is_same_v<T, OperatorEvent>) {
          require_process(entry, kind);
          bool accepted = false;
          std::string what;
          switch (action.command) {
            case OperatorCommand::Remove:
              what = "remove";
              accepted = node_->group().send(action.sector, sealing::SectorRemove{});
              break;
            case OperatorCommand::Terminate:
              what = "terminate";
              accepted = node_->group().send(action.sector, sealing::SectorTerminate{});
              break;
            case OperatorCommand::ForceState:
              what = "force_state " + action.state;
              accepted = node_->group().send(action.sector, sealing::SectorForceState{action.state});
              break;
          }
          note("timeline", "operator", what + (accepted ? "" : " (refused: the sector's machine has halted)"), action.sector);
        } else if constexpr (std::is_same_v<T, DealEvent>) {
          if (!pipeline_.propose_deal) throw unsupported();
          require_process(entry, kind);
          const std::uint64_t number = result_.deals.size() + 1;
          result_.deals[number].proposed = epoch();
          trace_.add(TraceEvent{epoch(), "timeline", std::nullopt, number, "deal", "", "",
                                std::to_string(action.size) + " bytes, " + (action.online ? "online" : "offline") +
                                    ", start epoch " + std::to_string(action.start_epoch)});
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
          note("timeline", "task_fault",
               action.task + " x" + std::to_string(action.count) + (action.empty_result ? " (answers empty SectorCids)" : ""));
          if (auto error = pipeline_.fail_tasks(action); !error.empty()) {
            throw RunStopped("timeline event '" + kind + "' at epoch " + std::to_string(entry.at) + " (" + entry.json_path + "): " + error);
          }
        } else if constexpr (std::is_same_v<T, RemoveFaultEvent>) {
          if (!pipeline_.fail_removes) throw unsupported();
          note("timeline", "remove_fault", "x" + std::to_string(action.count));
          pipeline_.fail_removes(action);
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

void Engine::take_market_update() {
  if (!pipeline_.take_market_update) return;
  MarketUpdate update = pipeline_.take_market_update();
  for (DealChange& c : update.changes) {
    DealHistory& h = result_.deals[c.deal];
    h.states.emplace_back(epoch(), c.to);
    if (c.deal_id) h.deal_id = c.deal_id;
    if (c.sector) h.sector = c.sector;
    if (c.failed) h.message = c.details;
    trace_.add(TraceEvent{epoch(), "market", c.sector, c.deal, std::move(c.event), std::move(c.from), std::move(c.to),
                          std::move(c.details)});
  }
  for (std::string& f : update.findings) {
    note("market", "finding", f);
    result_.findings.push_back(std::move(f));
  }
}

std::vector<chain::MessageCid> Engine::note_pushed() {
  auto pushed = adapter_->take_pushed();
  for (const auto& cid : pushed) {
    note("chain", "message pushed", method_name_of(cid) + " " + message_cid_to_cid(cid).to_string());
  }
  return pushed;
}

std::string Engine::method_name_of(const chain::MessageCid& cid) const {
  const auto* record = chain_.message(cid);
  const auto name = record ? chain_method_name_of(record->message) : std::nullopt;
  return std::string(name.value_or("?"));
}

void Engine::after_event() {
  ++result_.events;
  take_market_update();
  auto pushed = note_pushed();
  if (const auto killer = adapter_->killed_by()) {
    note("timeline", "restart",
         "killed right after pushing " + method_name_of(*killer) + " " + message_cid_to_cid(*killer).to_string() +
             ": the message stays in the mempool, nothing the process did after the push reached its store");
    stop_process(down_epochs_after_kill_);
    const auto after_restart = note_pushed();
    pushed.insert(pushed.end(), after_restart.begin(), after_restart.end());
  }
  if (chain_checks_.take_verdicts) {
    for (const auto& v : chain_checks_.take_verdicts()) {
      note("chain", v.valid ? "seal proof verified" : "seal proof rejected", v.details, v.sector);
    }
  }
  // Every change of the chain's state makes a new head state object (a tipset, a reorg, a setup
  // edit); holding the one checked last keeps its address from being reused.
  const std::shared_ptr<const chain::StateTree>& head_state = chain_.store().head().state;
  const InvariantInputs in{chain_, miner_, *store_, result_.sectors, touched_, pushed, pipeline_.holds_sealed_copy,
                           clock_checked_, clock_.now(), state_checked_.get()};
  if (const auto violation = check_invariants(in)) {
    note("invariant", "violated", *violation);
    throw RunStopped("invariant violated: " + *violation);
  }
  clock_checked_ = clock_.now();
  state_checked_ = head_state;
  touched_.clear();
  if (options_.on_event) options_.on_event(result_.events);
}

void Engine::report_progress() {
  if (!options_.progress) return;
  options_.progress(RunProgress{epoch(), scenario_.end_epoch, sectors_by_state_});
}

void Engine::summarise() {
  result_.reached_epoch = epoch();
  if (pipeline_.worker_usage) result_.worker_usage = pipeline_.worker_usage(result_.reached_epoch);
  if (store_) {
    for (const SectorNumber n : store_->list()) {
      if (const auto record = store_->load(n)) result_.sectors[n].final_state = record->state_name();
    }
  }
  for (auto& [number, h] : result_.deals) {
    if (!h.states.empty()) h.final_state = h.states.back().second;
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
      start_process_when_due();
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
