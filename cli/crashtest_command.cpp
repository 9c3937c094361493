// crashtest_command.cpp: `sealsim crashtest SCENARIO --kills N [--seed S] [--json]`: a crash
// campaign. Runs the scenario (its store forced to SQLite) in child processes of this program:
// first one uninterrupted run (the reference), then N rounds of: a fresh store, a child killed with
// SIGKILL at a seeded-random point, and a restarted child on the same store that runs to the end.
// Kill points: after the K-th engine event (the child kills itself at that event boundary) or just
// before the M-th SQLite file write (sealing/sqlite_write_kill.hpp, inside transactions, WAL
// commits and checkpoints). Restart semantics and the restart-point checks:
// scenarios/crash_replay_store.hpp. A round passes when the restarted child found the store
// consistent with the kill point, and its trace hash and final records equal the reference's.
// Exit 0: every round passed; 1: one failed; 2: bad input.
//
// The child is this program with the hidden option --child (and --store, --kill-after-event,
// --check-at-event, --plain; SEALSIM_KILL_AFTER_WRITES in its environment); it prints one JSON line.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_error.hpp"
#include "cli/option_parsing.hpp"
#include "cli/subcommands.hpp"
#include "model/deterministic_rng.hpp"
#include "scenarios/crash_replay_store.hpp"
#include "scenarios/engine.hpp"
#include "scenarios/scenario_loader.hpp"
#include "sealing/sqlite_write_kill.hpp"

extern char** environ;

namespace sealsim::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kKillEnv = "SEALSIM_KILL_AFTER_WRITES";
constexpr int kExitRestartPointWrong = 3;

// --- the child ---

int run_child(const scenarios::Scenario& loaded, const po::variables_map& v) {
  if (const char* writes = std::getenv(kKillEnv)) {
    sealing::install_sqlite_write_kill(std::strtoull(writes, nullptr, 10));
  } else {
    sealing::install_sqlite_write_kill(0);  // counts the writes for the parent's choice of M
  }
  scenarios::Scenario scenario = loaded;
  scenario.persistence = scenarios::Persistence::Sqlite;
  const std::filesystem::path folder = v["store"].as<std::string>();
  scenarios::RunOptions options;
  if (v.count("seed") != 0) options.seed = v["seed"].as<std::uint64_t>();
  options.work_folder = folder;
  std::shared_ptr<scenarios::RestartPointCheck> check;
  const std::uint64_t kill_after = v.count("kill-after-event") != 0 ? v["kill-after-event"].as<std::uint64_t>() : 0;
  const std::uint64_t check_at = v.count("check-at-event") != 0 ? v["check-at-event"].as<std::uint64_t>() : 0;
  std::optional<std::string> wrong;
  if (v.count("plain") == 0) {
    options.keep_existing_store = true;
    check = std::make_shared<scenarios::RestartPointCheck>(
        scenarios::read_all_records((folder / "sectors.sqlite").string()));
    options.wrap_store = [check](std::unique_ptr<sealing::SectorStore> file) -> std::unique_ptr<sealing::SectorStore> {
      return std::make_unique<scenarios::CrashReplayStore>(std::move(file), check);
    };
  }
  options.on_event = [&](std::uint64_t events) {
    if (check && check_at != 0 && events == check_at && !wrong) {
      if (auto difference = check->compare_at_boundary()) wrong = "after event " + std::to_string(events) + ": " + *difference;
    }
    if (kill_after != 0 && events == kill_after) ::kill(::getpid(), SIGKILL);
  };
  const scenarios::RunResult result = scenarios::run_scenario(scenario, options);
  if (check && !wrong) {
    if (auto difference = check->compare_with_history()) wrong = *difference;
  }
  nlohmann::json out;
  out["trace_hash"] = result.trace_hash;
  out["events"] = result.events;
  out["sqlite_writes"] = sealing::sqlite_writes_seen();
  out["restart_point_sectors"] = check ? check->restart_point_size() : 0;
  if (result.stop) out["stop"] = *result.stop;
  if (wrong) out["restart_point_wrong"] = *wrong;
  std::cout << out.dump() << "\n";
  return wrong ? kExitRestartPointWrong : kExitOk;
}

// --- the parent ---

struct ChildRun {
  bool killed = false;
  int exit_code = -1;
  nlohmann::json report;  // the child's JSON line (null when it printed none)
  std::string output;
};

ChildRun spawn_child(const std::vector<std::string>& arguments, std::optional<std::uint64_t> kill_before_write,
                     const std::filesystem::path& output) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind(std::string(kKillEnv) + "=", 0) != 0) env_strings.emplace_back(*e);
  }
  if (kill_before_write) env_strings.push_back(std::string(kKillEnv) + "=" + std::to_string(*kill_before_write));
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string program = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<std::string> args{program, "crashtest"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + program + ": error " + std::to_string(spawned));
  int status = 0;
  ::waitpid(pid, &status, 0);
  ChildRun run;
  run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(output, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  run.output = text.str();
  std::istringstream lines(run.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.front() == '{') {
      run.report = nlohmann::json::parse(line, nullptr, false);
      if (run.report.is_discarded()) run.report = nullptr;
    }
  }
  return run;
}

struct KillPoint {
  bool inside_write = false;
  std::uint64_t at = 0;  // event count or SQLite write number
  std::string describe() const {
    return inside_write ? "SIGKILL before SQLite write " + std::to_string(at) : "SIGKILL after event " + std::to_string(at);
  }
};

std::string trimmed(const std::string& s) {
  std::string out = s;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

int run_crashtest(const Arguments& args) {
  const CommandSpec spec{
      "crashtest", "sealsim crashtest SCENARIO --kills N [--seed S] [--json]",
      "Crash campaign: runs SCENARIO (on a SQLite store) in child processes, kills each one with\n"
      "SIGKILL at a random point (an engine event boundary, or inside a SQLite write), restarts it\n"
      "on the same store and compares the restarted run's trace hash and final records with an\n"
      "uninterrupted run. The restarted child re-executes the scenario from the beginning and\n"
      "checks that the store the killed one left is exactly its state at the kill (see\n"
      "scenarios/crash_replay_store.hpp). Prints each kill point and its verdict. --seed picks the\n"
      "kill points (the scenario's own seed is kept). Exit 0 all rounds match, 1 one differs."};
  po::options_description options("options");
  options.add_options()("scenario", po::value<std::string>(), "scenario file")(
      "kills", po::value<std::uint64_t>(), "number of kill rounds")(
      "seed", po::value<std::uint64_t>(), "seed of the kill points (default 1)")(
      "json", "print one JSON object instead of text");
  po::options_description hidden("internal");
  hidden.add_options()("child", "internal: run as the crash-test child")(
      "store", po::value<std::string>(), "internal: the child's store folder")(
      "kill-after-event", po::value<std::uint64_t>(), "internal")("check-at-event", po::value<std::uint64_t>(), "internal")(
      "plain", "internal: no restart-point check (the reference run)");
  const bool child = std::find(args.begin(), args.end(), "--child") != args.end();
  po::options_description all;
  all.add(options);
  if (child) all.add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  auto variables = parse_command_line(spec, args, child ? all : options, positional);
  if (!variables) return kExitOk;
  if (variables->count("scenario") == 0) throw UsageError("no scenario file given (see 'sealsim crashtest --help')");
  const std::string file = (*variables)["scenario"].as<std::string>();
  scenarios::Scenario scenario;
  try {
    scenario = scenarios::load_scenario_file(file);
  } catch (const scenarios::ScenarioError& e) {
    throw UsageError(e.what());
  }
  if (child) return run_child(scenario, *variables);
  if (variables->count("kills") == 0) throw UsageError("--kills N is required");
  const std::uint64_t kills = (*variables)["kills"].as<std::uint64_t>();
  const std::uint64_t seed = variables->count("seed") != 0 ? (*variables)["seed"].as<std::uint64_t>() : 1;
  const bool json = variables->count("json") != 0;

  // The process id keeps concurrent campaigns apart; it never reaches an outcome.
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("sealsim-crashtest-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  struct RemoveFolder {
    std::filesystem::path path;
    ~RemoveFolder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } cleanup{folder};
  const std::string scenario_path = std::filesystem::absolute(file).string();
  const auto out_file = folder / "child.out";

  const auto reference_store = folder / "reference";
  const ChildRun reference = spawn_child({scenario_path, "--child", "--plain", "--store", reference_store.string()},
                                         std::nullopt, out_file);
  if (reference.exit_code != 0 || !reference.report.is_object()) {
    std::cerr << "sealsim crashtest: the uninterrupted run failed:\n" << reference.output;
    return kExitFailed;
  }
  const std::string expected_hash = reference.report["trace_hash"].get<std::string>();
  const std::uint64_t events = reference.report["events"].get<std::uint64_t>();
  const std::uint64_t writes = reference.report["sqlite_writes"].get<std::uint64_t>();
  const auto expected_records = scenarios::read_all_records((reference_store / "sectors.sqlite").string());
  if (events == 0 || writes == 0) {
    std::cerr << "sealsim crashtest: the scenario makes no events or no store writes; nothing to kill\n";
    return kExitFailed;
  }
  if (!json) {
    std::cout << "reference: " << events << " events, " << writes << " SQLite writes, " << expected_records.size()
              << " sectors, trace " << expected_hash
              << (reference.report.contains("stop") ? " (run stopped: " + reference.report["stop"].get<std::string>() + ")" : "")
              << "\n";
  }

  DeterministicRng rng(seed);
  nlohmann::json rounds = nlohmann::json::array();
  std::uint64_t failed = 0;
  std::uint64_t killed = 0;
  for (std::uint64_t round = 0; round < kills; ++round) {
    KillPoint point;
    point.inside_write = rng.chance(1, 2);
    point.at = point.inside_write ? rng.uniform_between(1, writes) : rng.uniform_between(1, events);
    const auto store = folder / "run";
    std::filesystem::remove_all(store);
    std::vector<std::string> kill_args{scenario_path, "--child", "--store", store.string()};
    if (!point.inside_write) {
      kill_args.push_back("--kill-after-event");
      kill_args.push_back(std::to_string(point.at));
    }
    const ChildRun victim = spawn_child(kill_args, point.inside_write ? std::optional(point.at) : std::nullopt, out_file);
    std::string verdict;
    if (!victim.killed) {
      verdict = "not killed (exit " + std::to_string(victim.exit_code) + "): " + trimmed(victim.output);
    } else {
      ++killed;
      std::vector<std::string> resume_args{scenario_path, "--child", "--store", store.string()};
      if (!point.inside_write) {
        resume_args.push_back("--check-at-event");
        resume_args.push_back(std::to_string(point.at));
      }
      const ChildRun resumed = spawn_child(resume_args, std::nullopt, out_file);
      if (!resumed.report.is_object()) {
        verdict = "restart failed (exit " + std::to_string(resumed.exit_code) + "): " + trimmed(resumed.output);
      } else if (resumed.report.contains("restart_point_wrong")) {
        verdict = "store wrong after the kill: " + resumed.report["restart_point_wrong"].get<std::string>();
      } else if (resumed.report["trace_hash"] != expected_hash) {
        verdict = "trace hash differs: " + resumed.report["trace_hash"].get<std::string>();
      } else if (scenarios::read_all_records((store / "sectors.sqlite").string()) != expected_records) {
        verdict = "final records differ";
      } else {
        verdict = "match";
      }
    }
    const bool ok = verdict == "match";
    failed += ok ? 0 : 1;
    if (json) {
      rounds.push_back({{"round", round + 1},
                        {"kind", point.inside_write ? "sqlite_write" : "event"},
                        {"at", point.at},
                        {"verdict", verdict}});
    } else {
      std::cout << "kill " << round + 1 << "/" << kills << ": " << point.describe() << ": " << verdict << "\n";
    }
  }
  if (json) {
    nlohmann::json summary{{"scenario", scenario.name},  {"kills", kills},       {"killed", killed},
                           {"failed", failed},           {"events", events},     {"sqlite_writes", writes},
                           {"trace_hash", expected_hash}, {"rounds", rounds},     {"passed", failed == 0}};
    std::cout << summary.dump() << "\n";
  } else {
    std::cout << (failed == 0 ? "PASS" : "FAIL") << ": " << kills - failed << " of " << kills
              << " kill rounds ended with the uninterrupted run's trace hash and records\n";
  }
  return failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace sealsim::cli
