// sector_store_sqlite.hpp: SectorStore and the sector number counter on an SQLite database file
// in WAL mode.
//
// Why SQLite/WAL (over LMDB or flat files): every state change must be durable and atomic with its
// log entries, and survive SIGKILL at any instruction (issue 4's kill-at-any-point test). SQLite's
// WAL mode commits by appending to the write-ahead log, so a killed process leaves either the old
// or the new transaction, and with synchronous=NORMAL a commit is durable against process death
// (only an OS crash or power cut could drop the last commits, which a simulator does not need to
// survive) at one fsync per checkpoint instead of per commit. Readers (reports, a CLI inspecting a
// live run) never block the writer. The store is also queryable with the sqlite3 shell, which
// LMDB's opaque pages are not, and SQLite is already a Debian package every CI box has.
#pragma once

#include <memory>
#include <string>

#include "sealing/sector_id_counter.hpp"
#include "sealing/sector_store.hpp"

struct sqlite3;

namespace sealsim::sealing {

class SqliteSectorStore final : public SectorStore, public SectorIdCounter {
 public:
  // The schema this build writes. Version 1 (no sector counter) is upgraded in place on open;
  // any other version is refused.
  static constexpr int kSchemaVersion = 2;

  // Opens or creates the database at `path`. Throws StoreError naming the file on failure or on a
  // schema version this build does not understand.
  explicit SqliteSectorStore(const std::string& path);
  ~SqliteSectorStore() override;
  SqliteSectorStore(const SqliteSectorStore&) = delete;
  SqliteSectorStore& operator=(const SqliteSectorStore&) = delete;

  std::optional<SectorInfo> load(SectorNumber number) override;
  std::vector<SectorNumber> list() override;
  void save(SectorNumber number, const SectorInfo& info) override;
  SectorNumber next_sector_number() override;

  const std::string& path() const { return path_; }

 private:
  void exec(const char* sql);
  void upgrade_from_version_1();
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace sealsim::sealing
