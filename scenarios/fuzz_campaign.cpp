// fuzz_campaign.cpp: the RapidCheck model, its world-event command and the campaign loop (see
// fuzz_campaign.hpp).
#include "scenarios/fuzz_campaign.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "scenarios/engine.hpp"
#include "scenarios/fuzz_verdict.hpp"
#include "scenarios/fuzz_world.hpp"
#include "scenarios/scenario_loader.hpp"

namespace sealsim::scenarios {

namespace {

using nlohmann::json;

// What the generator must know to produce only valid events (RapidCheck's model).
struct CampaignModel {
  SwarmSetup setup;
  std::int64_t epoch = kFuzzFirstEventEpoch;
  std::uint64_t sectors = 0;
  std::set<std::string> lost_workers;
  std::set<std::string> full_paths;
  std::uint64_t task_faults = 0;  // task failures armed so far (kFuzzMaxTaskFaults at most)
};

// The system the commands act on: the case's event list, rendered and run once it is complete.
struct CaseEvents {
  std::vector<WorldEvent> events;
};

std::string numbered(char prefix, int i) { return std::string(1, prefix) + std::to_string(i); }

// The chain methods and API calls the sealing pipeline uses, and exit codes a failed message may
// carry (chain-mock's names). Message faults target the methods; a restart may instead kill the
// process right after its next push of one (the "sent but not recorded" crash).
const std::vector<std::string> kMessageMethods = {"PreCommitSector", "PreCommitSectorBatch", "ProveCommitSector",
                                                  "ProveCommitAggregate", "TerminateSectors"};
const std::vector<std::string> kExitCodes = {"ErrIllegalArgument", "ErrIllegalState", "ErrInsufficientFunds",
                                             "SysErrOutOfGas", "ErrNotFound"};
const std::vector<std::string> kChainCalls = {
    "ChainHead", "ChainBaseFee", "ChainGetRandomnessFromTickets", "ChainGetRandomnessFromBeacon", "MpoolPushMessage",
    "StateSearchMsg", "StateWaitMsg", "StateNetworkVersion", "StateMinerInfo", "StateSectorPreCommitInfo",
    "StateSectorGetInfo", "StateMinerPreCommitDepositForPower", "StateMinerInitialPledgeCollateral",
    "StateComputeDataCommitment"};
const std::vector<std::string> kTasks = {"AP", "PC1", "PC2", "C1", "C2", "FIN"};

// Whether `e` is a valid next event in the model's world: its kind is enabled by the swarm setup
// and what it names exists. Shrinking reuses events in other worlds, so this is RC_PRE'd too.
bool valid_next(const CampaignModel& m, const WorldEvent& e) {
  if (!m.setup.weights.contains(e.kind)) return false;
  switch (e.kind) {
    case WorldEventKind::Pledge: return e.count >= 1 && m.sectors + e.count <= kFuzzMaxSectors;
    case WorldEventKind::WorkerLost:
      // One worker always stays, or no sector could finish (not a pipeline failure).
      for (int i = 1; i <= m.setup.workers; ++i) {
        if (e.name == numbered('w', i)) {
          return !m.lost_workers.contains(e.name) && m.lost_workers.size() + 1 < static_cast<std::size_t>(m.setup.workers);
        }
      }
      return false;
    case WorldEventKind::PathFull:
      for (int i = 1; i <= m.setup.storage_paths; ++i) {
        if (e.name == numbered('p', i)) {
          return !m.full_paths.contains(e.name) && m.full_paths.size() + 1 < static_cast<std::size_t>(m.setup.storage_paths);
        }
      }
      return false;
    case WorldEventKind::TaskFault: return e.count >= 1 && m.task_faults + e.count <= kFuzzMaxTaskFaults;
    case WorldEventKind::Remove:
    case WorldEventKind::Terminate: return e.sector >= 1 && e.sector <= m.sectors;
    case WorldEventKind::Restart:
      return e.name.empty() || std::find(kMessageMethods.begin(), kMessageMethods.end(), e.name) != kMessageMethods.end();
    default: return true;
  }
}

void apply_to_model(CampaignModel& m, const WorldEvent& e) {
  switch (e.kind) {
    case WorldEventKind::Pledge: m.sectors += e.count; break;
    case WorldEventKind::Advance: m.epoch += static_cast<std::int64_t>(e.count); break;
    case WorldEventKind::WorkerLost: m.lost_workers.insert(e.name); break;
    case WorldEventKind::PathFull: m.full_paths.insert(e.name); break;
    case WorldEventKind::TaskFault: m.task_faults += e.count; break;
    default: break;
  }
}

class WorldEventCommand final : public rc::state::Command<CampaignModel, CaseEvents> {
 public:
  explicit WorldEventCommand(WorldEvent event) : event_(std::move(event)) {}
  void checkPreconditions(const CampaignModel& m) const override { RC_PRE(valid_next(m, event_)); }
  void apply(CampaignModel& m) const override { apply_to_model(m, event_); }
  void run(const CampaignModel&, CaseEvents& sut) const override { sut.events.push_back(event_); }
  void show(std::ostream& os) const override { os << describe_world_event(event_); }

 private:
  WorldEvent event_;
};
using CommandPtr = std::shared_ptr<const rc::state::Command<CampaignModel, CaseEvents>>;

template <typename T>
T pick(const std::vector<T>& values) {
  return values[*rc::gen::inRange<std::size_t>(0, values.size())];
}

// The parameters of one event of `kind`, valid in the model's world.
WorldEvent draw_event(const CampaignModel& m, WorldEventKind kind) {
  WorldEvent e;
  e.kind = kind;
  switch (kind) {
    case WorldEventKind::Pledge:
      e.count = *rc::gen::inRange<std::uint64_t>(1, std::min<std::uint64_t>(2, kFuzzMaxSectors - m.sectors) + 1);
      break;
    case WorldEventKind::Advance:
      // Mostly short steps (inside one task or batch wait), sometimes long ones (past WaitSeed).
      e.count = *rc::gen::inRange<std::uint64_t>(1, 31) * (*rc::gen::inRange(0, 4) == 0 ? 10 : 1);
      break;
    case WorldEventKind::Reorg: e.count = *rc::gen::inRange<std::uint64_t>(1, 5); break;
    case WorldEventKind::NullRounds: e.count = *rc::gen::inRange<std::uint64_t>(1, 6); break;
    case WorldEventKind::MessageFault:
      e.name = pick(kMessageMethods);
      e.exit_code = pick(kExitCodes);
      e.count = *rc::gen::inRange<std::uint64_t>(1, 3);
      break;
    case WorldEventKind::ChainFault:
      e.name = pick(kChainCalls);
      e.count = *rc::gen::inRange<std::uint64_t>(1, 4);
      break;
    case WorldEventKind::WorkerLost: {
      std::vector<std::string> up;
      for (int i = 1; i <= m.setup.workers; ++i) {
        if (!m.lost_workers.contains(numbered('w', i))) up.push_back(numbered('w', i));
      }
      e.name = pick(up);
      break;
    }
    case WorldEventKind::PathFull: {
      std::vector<std::string> free;
      for (int i = 1; i <= m.setup.storage_paths; ++i) {
        if (!m.full_paths.contains(numbered('p', i))) free.push_back(numbered('p', i));
      }
      e.name = pick(free);
      break;
    }
    case WorldEventKind::TaskFault:
      e.name = pick(kTasks);
      e.count = *rc::gen::inRange<std::uint64_t>(1, std::min<std::uint64_t>(2, kFuzzMaxTaskFaults - m.task_faults) + 1);
      break;
    case WorldEventKind::Restart:
      if (*rc::gen::inRange(0, 2) == 1) e.name = pick(kMessageMethods);
      break;
    case WorldEventKind::Remove:
    case WorldEventKind::Terminate: e.sector = *rc::gen::inRange<SectorNumber>(1, m.sectors + 1); break;
  }
  return e;
}

// The next command: a kind among those enabled and possible now, by the setup's weights.
rc::Gen<CommandPtr> next_command(const CampaignModel& m) {
  return rc::gen::exec([m]() -> CommandPtr {
    std::vector<std::pair<WorldEventKind, int>> kinds;
    int total = 0;
    for (const auto& [kind, weight] : m.setup.weights) {
      bool possible = true;
      switch (kind) {
        case WorldEventKind::Pledge: possible = m.sectors < kFuzzMaxSectors; break;
        case WorldEventKind::WorkerLost:
          possible = m.lost_workers.size() + 1 < static_cast<std::size_t>(m.setup.workers);
          break;
        case WorldEventKind::PathFull:
          possible = m.full_paths.size() + 1 < static_cast<std::size_t>(m.setup.storage_paths);
          break;
        case WorldEventKind::TaskFault: possible = m.task_faults < kFuzzMaxTaskFaults; break;
        case WorldEventKind::Remove:
        case WorldEventKind::Terminate: possible = m.sectors > 0; break;
        default: break;
      }
      if (!possible) continue;
      kinds.emplace_back(kind, weight);
      total += weight;
    }
    int roll = *rc::gen::inRange(0, total);
    WorldEventKind kind = kinds.front().first;
    for (const auto& [k, weight] : kinds) {
      if (roll < weight) {
        kind = k;
        break;
      }
      roll -= weight;
    }
    return std::make_shared<const WorldEventCommand>(draw_event(m, kind));
  });
}

// The swarm setup of a case (fuzz_world.hpp). Shrinks towards fewer kinds and the plainer setup.
rc::Gen<SwarmSetup> swarm_setup() {
  return rc::gen::exec([] {
    SwarmSetup s;
    s.weights[WorldEventKind::Pledge] = *rc::gen::inRange(1, 11);
    s.weights[WorldEventKind::Advance] = *rc::gen::inRange(1, 11);
    for (int k = 0; k < kWorldEventKinds; ++k) {
      const auto kind = static_cast<WorldEventKind>(k);
      if (kind == WorldEventKind::Pledge || kind == WorldEventKind::Advance) continue;
      if (*rc::gen::element(false, true)) s.weights[kind] = *rc::gen::inRange(1, 11);
    }
    s.batch_pre_commits = *rc::gen::element(false, true);
    s.aggregate_commits = *rc::gen::element(false, true);
    s.pre_commit_batch_wait = *rc::gen::element<std::uint64_t>(60, 600, 3600);
    s.commit_batch_wait = *rc::gen::element<std::uint64_t>(60, 600, 3600);
    s.aggregate_always = *rc::gen::element(false, true);
    s.workers = *rc::gen::inRange(1, 4);
    s.storage_paths = *rc::gen::inRange(1, 3);
    for (const auto& task : kTasks) {
      s.durations[task] = *rc::gen::element<std::uint64_t>(0, 30, 600, 3600);
    }
    s.scenario_seed = *rc::gen::noShrink(rc::gen::inRange<std::uint64_t>(1, std::uint64_t{1} << 32));
    return s;
  });
}

std::string case_name(std::uint64_t case_seed) { return "fuzz-" + std::to_string(case_seed); }

// The run options of every engine run of the campaign: its coverage counters, when it has them.
RunOptions campaign_run_options(const FuzzCampaignOptions& options) {
  RunOptions run_options;
  run_options.coverage = options.coverage;
  run_options.branch_coverage = options.branch_coverage;
  return run_options;
}

RunResult run_document(const json& document, const std::string& label, const RunOptions& run_options) {
  const Scenario scenario = load_scenario_text(document.dump(2) + "\n", label, std::filesystem::path("."));
  return run_scenario(scenario, run_options);
}

// Counts shrink steps for the progress line; RapidCheck's own printing stays off.
class ShrinkCounter final : public rc::detail::TestListener {
 public:
  explicit ShrinkCounter(std::function<void()> on_step) : on_step_(std::move(on_step)) {}
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool accepted) override {
    if (accepted) on_step_();
  }
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}

 private:
  std::function<void()> on_step_;
};

void write_file(const std::filesystem::path& path, const json& document) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << document.dump(2) << "\n";
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

struct FailingCase {
  SwarmSetup setup;
  std::vector<WorldEvent> events;
  FuzzVerdict verdict;
};

}  // namespace

FuzzCampaignResult run_fuzz_campaign(const FuzzCampaignOptions& options,
                                     const std::function<void(const FuzzProgress&)>& progress) {
  if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
    throw std::invalid_argument("shard " + std::to_string(options.shard_index) + "/" +
                                std::to_string(options.shard_count) + " names no shard (want i/N with i < N)");
  }
  if (options.runs == 0) throw std::invalid_argument("--runs must be at least 1");
  if (options.max_events == 0) throw std::invalid_argument("--max-events must be at least 1");
  // gen::commands draws 1 .. size + 1 commands.
  const int command_size = static_cast<int>(std::min<std::uint64_t>(options.max_events, 1000) - 1);

  // A crash of the engine ends the process: the case it was running is left here to replay.
  std::filesystem::create_directories(options.out);
  const std::filesystem::path running = options.out / ("running-shard-" + std::to_string(options.shard_index) + ".json");

  FuzzCampaignResult result;
  FuzzProgress p;
  for (std::uint64_t c = options.shard_index; c < options.runs; c += options.shard_count) ++p.total;
  const auto report = [&] {
    if (progress) progress(p);
  };

  for (std::uint64_t c = options.shard_index; c < options.runs; c += options.shard_count) {
    const std::uint64_t case_seed = options.seed + c;
    std::optional<FailingCase> last_failing;
    std::size_t first_events = 0;
    std::vector<std::string> known;
    const auto property = [&] {
      const SwarmSetup setup = *swarm_setup();
      const CampaignModel initial{setup, kFuzzFirstEventEpoch, 0, {}, {}, 0};
      const auto commands = *rc::gen::resize(command_size, rc::state::gen::commands(initial, &next_command));
      CaseEvents sut;
      rc::state::runAll(commands, initial, sut);
      if (first_events == 0) first_events = sut.events.size();
      const json document = render_fuzz_scenario(case_name(case_seed), "A sealsim fuzz case.", setup, sut.events, json::object());
      write_file(running, document);
      const RunResult run = run_document(document, case_name(case_seed), campaign_run_options(options));
      ++result.engine_runs;
      FuzzVerdict verdict = judge_fuzz_run(run);
      known = verdict.known;
      if (verdict.failed) {
        const std::string what = verdict.what;
        // The last failing execution is the smallest: RapidCheck keeps shrinking from each
        // failing candidate and stops when every smaller one passes.
        last_failing = FailingCase{setup, sut.events, std::move(verdict)};
        p.shrinking_case = case_seed;
        RC_FAIL(what);
      }
    };
    rc::detail::TestParams params;
    params.seed = case_seed;
    params.maxSuccess = 1;
    params.maxSize = command_size;
    ShrinkCounter counter([&] {
      ++p.shrink_steps;
      report();
    });
    rc::detail::TestMetadata metadata;
    metadata.id = case_name(case_seed);
    const auto outcome =
        rc::detail::checkProperty(rc::detail::toProperty(property), metadata, params, counter,
                                  std::unordered_map<std::string, rc::detail::Reproduce>{});
    p.shrinking_case = 0;
    p.shrink_steps = 0;
    if (outcome.template is<rc::detail::Error>()) {
      throw std::runtime_error("fuzz case " + std::to_string(case_seed) + ": " +
                               outcome.template get<rc::detail::Error>().description);
    }
    if (outcome.template is<rc::detail::FailureResult>() && last_failing) {
      FuzzFailure f;
      f.case_seed = case_seed;
      f.what = last_failing->verdict.what;
      f.events_found = first_events;
      f.events_shrunk = last_failing->events.size();
      for (const auto& e : last_failing->events) f.timeline_entries += e.kind == WorldEventKind::Advance ? 0 : 1;
      const std::string description =
          "Found by sealsim fuzz (case seed " + std::to_string(case_seed) + ": sealsim fuzz --seed " +
          std::to_string(case_seed) + " --runs 1), shrunk by RapidCheck from " + std::to_string(first_events) +
          " to " + std::to_string(f.events_shrunk) + " world events; the last " + std::to_string(kFuzzHealingRestarts) +
          " timeline entries are the campaign's healing restarts after the last event (scenarios/README.md). It fails: " + f.what +
          ". The expectation below fails the same way, so sealsim run reproduces it.";
      const json document = render_fuzz_scenario(case_name(case_seed), description, last_failing->setup,
                                                 last_failing->events, last_failing->verdict.expect);
      f.scenario = options.out / (case_name(case_seed) + ".json");
      write_file(f.scenario, document);
      f.reproduced = !run_scenario(load_scenario_file(f.scenario), campaign_run_options(options)).passed();
      ++result.engine_runs;
      known = last_failing->verdict.known;
      result.failures.push_back(std::move(f));
      ++p.failures;
    } else if (!outcome.template is<rc::detail::SuccessResult>()) {
      std::string why = "RapidCheck discarded it";
      if (outcome.template is<rc::detail::GaveUpResult>()) why = outcome.template get<rc::detail::GaveUpResult>().description;
      if (outcome.template is<rc::detail::FailureResult>()) why = outcome.template get<rc::detail::FailureResult>().description;
      throw std::runtime_error("fuzz case " + std::to_string(case_seed) + " did not run: " + why);
    }
    for (const auto& k : known) ++result.known_findings[k.substr(0, k.find(':'))];
    ++result.cases;
    ++p.done;
    report();
  }
  std::filesystem::remove(running);
  return result;
}

}  // namespace sealsim::scenarios
