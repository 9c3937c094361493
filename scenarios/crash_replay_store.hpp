// crash_replay_store.hpp: the store a restarted crash-test child runs on (cli/crashtest_command.cpp).
//
// Restart semantics of `sealsim crashtest`: the simulated world (mock chain, clock, sector manager)
// lives inside the process, so a killed child cannot resume it from the store alone. The restarted
// child therefore re-executes the scenario deterministically from the beginning on the SAME SQLite
// file, and treats the records the killed process left there as the restart point to verify:
// - it reads every record once at start-up (the restart point) and then answers the engine's
//   reads from the records this run has written (the re-execution must not see records "from its
//   own future"); every write goes to the file as well;
// - after a kill at an event boundary K, the restart point must equal exactly the records the
//   re-execution holds after its K-th event (every committed save survived, nothing else did);
// - after a kill inside a SQLite write, each record of the restart point must be one that the
//   re-execution saved for that sector at some point (atomic saves: the old or the new record,
//   never a torn mix), and no sector may be on file that the re-execution never creates.
// A Lotus-style restart from the stored records (SectorRestart to every sector, handlers re-run)
// is what the scenarios' `restart` timeline event exercises; this store checks what the file
// holds after a SIGKILL at any point, and the final records and trace hash of the completed
// re-execution are compared with an uninterrupted run by the caller.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sealing/sector_store.hpp"

namespace sealsim::scenarios {

// What one child process saw of the restart point; shared by every store it opens (a scenario's
// `restart` events reopen the file).
class RestartPointCheck {
 public:
  // Reads the records the previous process left (the store is closed again before the run).
  explicit RestartPointCheck(std::map<SectorNumber, sealing::SectorInfo> restart_point)
      : restart_point_(std::move(restart_point)) {}

  void saved(SectorNumber n, const sealing::SectorInfo& info);
  std::optional<sealing::SectorInfo> load(SectorNumber n) const;
  std::vector<SectorNumber> list() const;
  // The exact check after a kill at event boundary K: call after the re-execution's K-th event.
  // Returns the first difference, if any.
  std::optional<std::string> compare_at_boundary() const;
  // The check after a kill anywhere: call at the end of the re-execution.
  std::optional<std::string> compare_with_history() const;
  std::size_t restart_point_size() const { return restart_point_.size(); }

 private:
  std::map<SectorNumber, sealing::SectorInfo> restart_point_;
  std::map<SectorNumber, sealing::SectorInfo> current_;
  std::map<SectorNumber, std::vector<sealing::SectorInfo>> history_;
};

// Every record of the SQLite store at `path` (none when the file does not exist).
std::map<SectorNumber, sealing::SectorInfo> read_all_records(const std::string& path);

// Writes go to `file` and to the check; reads come from the check (this run's own writes).
class CrashReplayStore final : public sealing::SectorStore {
 public:
  CrashReplayStore(std::unique_ptr<sealing::SectorStore> file, std::shared_ptr<RestartPointCheck> check)
      : file_(std::move(file)), check_(std::move(check)) {}
  std::optional<sealing::SectorInfo> load(SectorNumber number) override { return check_->load(number); }
  std::vector<SectorNumber> list() override { return check_->list(); }
  void save(SectorNumber number, const sealing::SectorInfo& info) override {
    file_->save(number, info);
    check_->saved(number, info);
  }

 private:
  std::unique_ptr<sealing::SectorStore> file_;
  std::shared_ptr<RestartPointCheck> check_;
};

}  // namespace sealsim::scenarios
