// sqlite_write_kill.cpp: the VFS shim of sqlite_write_kill.hpp. Every file method forwards to the
// default VFS's file; xWrite counts first and kills at the armed count.
#include "sealing/sqlite_write_kill.hpp"

#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

namespace sealsim::sealing {

namespace {

std::uint64_t g_kill_before = 0;  // 0: never kill
std::uint64_t g_writes = 0;
sqlite3_vfs* g_base_vfs = nullptr;
sqlite3_vfs g_shim_vfs;

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
  ++g_writes;
  if (g_kill_before != 0 && g_writes == g_kill_before) {
    ::kill(::getpid(), SIGKILL);
  }
  return real_of(f)->pMethods->xWrite(real_of(f), buffer, amount, offset);
}
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int shim_sync(sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int shim_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int shim_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int shim_check_reserved(sqlite3_file* f, int* out) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out); }
int shim_file_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
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
    2,         shim_close,       shim_read,         shim_write,       shim_truncate,       shim_sync,
    shim_file_size, shim_lock,   shim_unlock,       shim_check_reserved, shim_file_control, shim_sector_size,
    shim_device, shim_shm_map,   shim_shm_lock,     shim_shm_barrier, shim_shm_unmap,      nullptr,
    nullptr};

int shim_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  const int rc = g_base_vfs->xOpen(g_base_vfs, name, shim->real, flags, out_flags);
  shim->base.pMethods = rc == SQLITE_OK && shim->real->pMethods ? &kShimMethods : nullptr;
  return rc;
}

}  // namespace

void install_sqlite_write_kill(std::uint64_t kill_before_write) {
  g_kill_before = kill_before_write;
  g_writes = 0;
  if (g_base_vfs != nullptr) return;
  g_base_vfs = sqlite3_vfs_find(nullptr);
  g_shim_vfs = *g_base_vfs;
  g_shim_vfs.zName = "sealsim-write-kill";
  g_shim_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_base_vfs->szOsFile;
  g_shim_vfs.xOpen = shim_open;
  sqlite3_vfs_register(&g_shim_vfs, 1);
}

std::uint64_t sqlite_writes_seen() { return g_writes; }

}  // namespace sealsim::sealing
