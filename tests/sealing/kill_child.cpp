// kill_child.cpp: the child process of the kill-at-any-point test (kill_at_any_point_test.cpp).
// Runs a deterministic pipeline of kSectors CC sectors from creation to Proving on the SQLite
// store named on its command line, through SectorStateGroup with a scripted HandlerRunner, and
// prints every sector's final state. Started again on the same store after a SIGKILL, it resumes
// as Lotus does: SectorRestart to every stored sector (restart_all), which re-runs the handler of
// each one's current state.
//
// The scripted handlers exercise the store and the state group's restart rules, not the real
// handlers (written separately): each answers with its state's happy-path event after a delay on
// a simulated clock. The delay is counted from the record's last log timestamp (when the state
// was entered), so a handler re-run after a restart fires at the same simulated instant as in an
// uninterrupted run, and the final records, log timestamps included, must be identical.
//
// SEALSIM_KILL_AFTER_WRITES=N makes the process SIGKILL itself just before the N-th write any
// SQLite file of the process makes (database, WAL), through a VFS shim: kills inside a
// transaction, between the frames of one commit, and inside checkpoints
// (sealing/sqlite_write_kill.hpp).
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "model/cid.hpp"
#include "sealing/sector_state_group.hpp"
#include "sealing/sector_store_sqlite.hpp"
#include "sealing/sqlite_write_kill.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace {

using namespace sealsim;
using namespace sealsim::sealing;

constexpr SectorNumber kSectors = 12;
constexpr SimSeconds kEnd = 1'000'000;

// --- the scripted pipeline ---

Cid fake_cid(CommitmentKind kind, SectorNumber sector, std::uint8_t tag) {
  Node32 digest{};
  digest[0] = static_cast<std::uint8_t>(sector);
  digest[1] = tag;
  digest[31] = 0x3f;
  return commitment_to_cid(kind, digest);
}

// The happy-path event each state's handler answers with (spec §13.1 TestHappyPath's events).
std::optional<SectorEvent> happy_event(SectorState state, SectorNumber n) {
  const auto b = static_cast<std::uint8_t>(n);
  switch (state) {
    case SectorState::Packing:
      return SectorPacked{{PieceInfo{PaddedPieceSize(2048), {}}}};
    case SectorState::GetTicket:
      return SectorTicket{Bytes{b, 0x71}, 100 + static_cast<ChainEpoch>(n)};
    case SectorState::PreCommit1:
      return SectorPreCommit1{Bytes{b, 0x01}};
    case SectorState::PreCommit2:
      return SectorPreCommit2{fake_cid(CommitmentKind::Sealed, n, 2), fake_cid(CommitmentKind::Unsealed, n, 3)};
    case SectorState::PreCommitting: {
      SectorPreCommitInfo info;
      info.sector_number = n;
      return SectorPreCommitted{fake_cid(CommitmentKind::Unsealed, n, 4), TokenAmount::from_nano(5), info};
    }
    case SectorState::PreCommitWait:
      return SectorPreCommitLanded{Bytes{b, 0x06}};
    case SectorState::WaitSeed:
      return SectorSeedReady{Bytes{b, 0x07}, 300 + static_cast<ChainEpoch>(n)};
    case SectorState::Committing:
      return SectorCommitted{Bytes{b, 0x08}};
    case SectorState::SubmitCommit:
      return SectorCommitSubmitted{fake_cid(CommitmentKind::Unsealed, n, 9)};
    case SectorState::CommitWait:
      return SectorProving{};
    case SectorState::FinalizeSector:
      return SectorFinalized{};
    default:
      return std::nullopt;  // Proving: handleProvingSector does nothing
  }
}

class ScriptedHandlers final : public HandlerRunner {
 public:
  explicit ScriptedHandlers(Clock& clock) : clock_(clock) {}
  void run(SectorHandler, std::shared_ptr<HandlerRun> run) override {
    const SectorInfo& info = run->info();
    std::optional<SectorEvent> event = happy_event(info.state, run->sector());
    if (!event) {
      run->finish();
      return;
    }
    const SimSeconds entered =
        info.log.empty() ? 0 : static_cast<SimSeconds>(info.log.back().timestamp);
    const SimSeconds delay =
        5 + static_cast<SimSeconds>((run->sector() * 7 + static_cast<SectorNumber>(info.state) * 13) % 40);
    clock_.schedule_at(entered + delay, [run, event = std::move(*event)] {
      run->send(event);
      run->finish();
    });
  }

 private:
  Clock& clock_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sealsim_kill_child STORE.db (env SEALSIM_KILL_AFTER_WRITES=N)\n";
    return 2;
  }
  if (const char* writes = std::getenv("SEALSIM_KILL_AFTER_WRITES")) {
    install_sqlite_write_kill(std::strtoull(writes, nullptr, 10));
  }
  try {
    SqliteSectorStore store(argv[1]);
    test::FakeClock clock(0);  // every deadline is absolute, derived from the records
    ScriptedHandlers handlers(clock);
    SectorStateGroup group(store, clock, handlers);
    group.restart_all();
    // Sectors the previous process had not created yet (or whose creating event died with it,
    // leaving the zero record) are created again, at the same simulated times.
    for (SectorNumber n = 0; n < kSectors; ++n) {
      const auto record = store.load(n);
      if (!record || record->in_state(SectorState::Undefined)) {
        clock.schedule_at(10 + 3 * static_cast<SimSeconds>(n), [&group, n] {
          group.send(n, SectorStartCC{n, RegisteredSealProof::StackedDrg2KiBV1_1});
        });
      }
    }
    clock.advance_to(kEnd);
    bool all_proving = true;
    for (SectorNumber n = 0; n < kSectors; ++n) {
      const auto record = store.load(n);
      const std::string state = record ? record->state_name() : "(none)";
      all_proving = all_proving && record && record->in_state(SectorState::Proving);
      std::cout << "sector " << n << " " << state << " log " << (record ? record->log.size() : 0) << "\n";
    }
    std::cout << (all_proving ? "done\n" : "incomplete\n");
    return all_proving ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "sealsim_kill_child: " << e.what() << "\n";
    return 3;
  }
}
