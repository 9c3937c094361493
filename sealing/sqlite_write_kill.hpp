// sqlite_write_kill.hpp: a SQLite VFS shim for crash tests: counts the writes that SQLite makes to
// any file of the process (database, WAL, journal) and can SIGKILL the process just before the
// N-th one, so a kill lands inside a transaction, between the WAL frames of one commit, or inside
// a checkpoint. Used by the kill-at-any-point test's child (tests/sealing/kill_child.cpp) and by
// `sealsim crashtest`'s child. Test machinery: a production run never installs it.
#pragma once

#include <cstdint>

namespace sealsim::sealing {

// Registers the shim as the default VFS (call before opening any database). `kill_before_write`
// N > 0 kills the process with SIGKILL just before its N-th write; 0 only counts. Installing
// twice replaces the count and keeps one shim.
void install_sqlite_write_kill(std::uint64_t kill_before_write);

// Writes made through the shim since it was installed (0 when it is not installed).
std::uint64_t sqlite_writes_seen();

}  // namespace sealsim::sealing
