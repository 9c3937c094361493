// kill_at_any_point_test.cpp: a process running a multi-sector pipeline on the SQLite store is
// killed with SIGKILL at many points and restarted on the same store until it finishes; its final
// records (states, fields and logs with their simulated timestamps) must equal those of an
// uninterrupted run. The child is sealsim_kill_child (kill_child.cpp): scripted handlers over the
// real SectorStateGroup and SqliteSectorStore, so this exercises the store's atomicity and the
// state group's restart rules (spec §1.5, §17: persist before the handler, re-run it on restart).
//
// Two kinds of kill, both from a seeded generator: the child kills itself just before its N-th
// SQLite file write (inside transactions, between the WAL frames of one commit, in checkpoints),
// and the test SIGKILLs it after a delay (anywhere: start-up, restart pass, between writes).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "model/deterministic_rng.hpp"
#include "sealing/sector_store_sqlite.hpp"

extern char** environ;

namespace sealsim::sealing {
namespace {

struct ChildOutcome {
  bool killed = false;
  int exit_code = -1;
  std::string output;
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the child on `store`; with `kill_after_writes` it kills itself before that SQLite write,
// with `kill_after` the test kills it after that much wall time (whichever comes first).
ChildOutcome run_child(const std::filesystem::path& store, const std::filesystem::path& output,
                       std::optional<std::uint64_t> kill_after_writes,
                       std::optional<std::chrono::microseconds> kill_after) {
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("SEALSIM_KILL_AFTER_WRITES=", 0) != 0) {
      env_strings.emplace_back(*e);
    }
  }
  if (kill_after_writes) {
    env_strings.push_back("SEALSIM_KILL_AFTER_WRITES=" + std::to_string(*kill_after_writes));
  }
  std::vector<char*> envp;
  for (auto& s : env_strings) {
    envp.push_back(s.data());
  }
  envp.push_back(nullptr);
  std::string program = SEALSIM_KILL_CHILD;
  std::string store_arg = store.string();
  std::vector<char*> argv{program.data(), store_arg.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(spawned, 0) << "spawning " << program;
  ChildOutcome outcome;
  if (spawned != 0) {
    return outcome;
  }
  if (kill_after) {
    std::this_thread::sleep_for(*kill_after);
    ::kill(pid, SIGKILL);  // a no-op on a child that already exited (not yet reaped)
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  outcome.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.output = read_file(output);
  return outcome;
}

std::map<SectorNumber, SectorInfo> records_of(const std::filesystem::path& store) {
  SqliteSectorStore opened(store.string());
  std::map<SectorNumber, SectorInfo> out;
  for (SectorNumber n : opened.list()) {
    out[n] = *opened.load(n);
  }
  return out;
}

class KillAtAnyPoint : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sealsim_kill_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KillAtAnyPoint, KilledAndRestartedRunsEndWithTheRecordsOfAnUninterruptedRun) {
  // The reference: one uninterrupted run.
  const auto reference_store = dir_ / "reference.db";
  const ChildOutcome reference = run_child(reference_store, dir_ / "reference.out", std::nullopt, std::nullopt);
  ASSERT_EQ(reference.exit_code, 0) << reference.output;
  ASSERT_NE(reference.output.find("done"), std::string::npos);
  const auto expected = records_of(reference_store);
  ASSERT_GE(expected.size(), 8u);
  for (const auto& [n, info] : expected) {
    ASSERT_TRUE(info.in_state(SectorState::Proving)) << n;
  }

  DeterministicRng rng(20261121);
  constexpr int kMinKills = 60;
  constexpr int kMaxRounds = 40;
  int kills = 0;
  int write_kills = 0;
  for (int round = 0; round < kMaxRounds && kills < kMinKills; ++round) {
    const auto store = dir_ / ("round" + std::to_string(round) + ".db");
    // Up to 8 kills in this round, then a run left to finish; the store is never reset.
    for (int attempt = 0; attempt < 8; ++attempt) {
      ChildOutcome outcome;
      if (rng.chance(3, 4)) {
        outcome = run_child(store, dir_ / "child.out", rng.uniform_between(1, 300), std::nullopt);
        write_kills += outcome.killed ? 1 : 0;
      } else {
        const auto delay = std::chrono::microseconds(rng.uniform_between(0, 250'000));
        outcome = run_child(store, dir_ / "child.out", std::nullopt, delay);
      }
      if (outcome.killed) {
        ++kills;
        continue;
      }
      ASSERT_EQ(outcome.exit_code, 0) << "round " << round << " attempt " << attempt << ":\n" << outcome.output;
      break;  // it finished before the kill came
    }
    const ChildOutcome finish = run_child(store, dir_ / "child.out", std::nullopt, std::nullopt);
    ASSERT_EQ(finish.exit_code, 0) << "round " << round;
    EXPECT_EQ(finish.output, reference.output) << "round " << round;
    const auto actual = records_of(store);
    ASSERT_EQ(actual.size(), expected.size()) << "round " << round;
    for (const auto& [n, info] : expected) {
      EXPECT_EQ(actual.at(n), info) << "round " << round << " sector " << n;
    }
  }
  RecordProperty("kills", kills);
  RecordProperty("kills_inside_store_writes", write_kills);
  std::cout << "SIGKILLs: " << kills << " (" << write_kills << " inside SQLite writes)\n";
  EXPECT_GE(kills, 50);
  EXPECT_GE(write_kills, 30);  // most kills land inside store writes, independent of timing
}

}  // namespace
}  // namespace sealsim::sealing
