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
// transaction, between the frames of one commit, and inside checkpoints.
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "model/cid.hpp"
#include "sealing/sector_state_group.hpp"
#include "sealing/sector_store_sqlite.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace {

using namespace sealsim;
using namespace sealsim::sealing;

constexpr SectorNumber kSectors = 12;
constexpr SimSeconds kEnd = 1'000'000;

// --- VFS shim: counts writes and kills the process before the N-th one ---
std::uint64_t g_writes_left = 0;  // 0: never kill
sqlite3_vfs* g_base_vfs = nullptr;

struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
};
sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<ShimFile*>(file)->real; }

int shim_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int shim_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return real_of(f)->pMethods->xRead(real_of(f), buffer, amount, offset);
}
int shim_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  if (g_writes_left != 0 && --g_writes_left == 0) {
    ::kill(::getpid(), SIGKILL);
  }
  return real_of(f)->pMethods->xWrite(real_of(f), buffer, amount, offset);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int shim_sync(sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int shim_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int shim_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int shim_check_reserved(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int shim_file_control(sqlite3_file* f, int op, void* arg) {
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int shim_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int shim_device(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int shim_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int shim_shm_unmap(sqlite3_file* f, int remove) { return real_of(f)->pMethods->xShmUnmap(real_of(f), remove); }

// Version 2 methods: WAL needs the shared-memory calls; memory-mapped I/O (version 3) is left out
// so every page write goes through xWrite.
const sqlite3_io_methods kShimMethods = {
    2,           shim_close,          shim_read,       shim_write,         shim_truncate,
    shim_sync,   shim_file_size,      shim_lock,       shim_unlock,        shim_check_reserved,
    shim_file_control, shim_sector_size, shim_device, shim_shm_map,       shim_shm_lock,
    shim_shm_barrier, shim_shm_unmap, nullptr,         nullptr};

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  const int rc = g_base_vfs->xOpen(g_base_vfs, name, shim->real, flags, out_flags);
  shim->base.pMethods = rc == SQLITE_OK && shim->real->pMethods ? &kShimMethods : nullptr;
  return rc;
}

sqlite3_vfs g_shim_vfs;

void install_kill_shim(std::uint64_t writes) {
  g_writes_left = writes;
  g_base_vfs = sqlite3_vfs_find(nullptr);
  g_shim_vfs = *g_base_vfs;
  g_shim_vfs.zName = "sealsim-kill-shim";
  g_shim_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_base_vfs->szOsFile;
  g_shim_vfs.xOpen = shim_open;
  sqlite3_vfs_register(&g_shim_vfs, 1);
}

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
    install_kill_shim(std::strtoull(writes, nullptr, 10));
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
