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
//
// Speed (issue 7's scenario benchmark drives ~25 saves and more loads per sector): the statements
// are prepared once per open store, and the store keeps the records it has read or committed, so
// a load after a save costs a copy instead of a query and a JSON parse, and a save knows which log
// rows are already on file. The copy is written only after its transaction committed, so it never
// holds anything the file does not (a save still returns only once its record is on file), and it
// is dropped whenever another connection has committed to the file (PRAGMA data_version).
#pragma once

#include <cstdint>
#include <map>
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
  struct Prepared;  // the statements of load, save and list

  void exec(const char* sql);
  void upgrade_from_version_1();
  // Drops the kept records when another connection committed since this one last looked.
  void forget_records_if_file_changed();
  // How many of `info`'s log entries are already on file as its rows (the rest are rewritten).
  std::size_t stored_log_prefix(SectorNumber number, const SectorInfo& info);
  [[noreturn]] void fail(const std::string& what) const;

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Prepared> prepared_;
  std::map<SectorNumber, SectorInfo> records_;  // as on file (read or committed by this store)
  std::int64_t data_version_ = 0;
};

}  // namespace sealsim::sealing
