// sector_store_sqlite.cpp: SectorStore on SQLite (WAL). Schema (version 2):
//   meta(key TEXT PRIMARY KEY, value TEXT)          -- 'schema_version'; 'sector_counter' = the
//                                                    last sector number handed out (absent: none)
//   sectors(number INTEGER PRIMARY KEY, state TEXT, record TEXT)  -- state by Lotus name,
//                                                    record = JSON of SectorInfo without Log
//   sector_log(number, seq, timestamp, trace, message, kind)      -- the Log, in order
#include "sealing/sector_store_sqlite.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

#include "sealing/json_codec.hpp"

namespace sealsim::sealing {
namespace {

// RAII prepared statement.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const SqliteSectorStore& store) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw StoreError("sector store " + store.path() + ": preparing \"" + sql +
                       "\": " + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(stmt_, index, value)); }
  void bind(int index, const std::string& text) {
    check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
  }
  // True while a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc == SQLITE_DONE) {
      return false;
    }
    throw StoreError(std::string("sector store: ") + sqlite3_errmsg(db_));
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t integer(int column) { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string text(int column) {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) {
      throw StoreError(std::string("sector store: binding: ") + sqlite3_errmsg(db_));
    }
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a reused prepared statement when its use ends, also when the use throws.
class Use {
 public:
  explicit Use(Statement& statement) : statement_(statement) {}
  ~Use() { statement_.reset(); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  Statement* operator->() { return &statement_; }

 private:
  Statement& statement_;
};

std::int64_t as_key(SectorNumber number) {
  // SQLite integers are signed 64-bit; sector numbers fit (the actor caps them far below 2^63).
  return static_cast<std::int64_t>(number);
}

}  // namespace

struct SqliteSectorStore::Prepared {
  explicit Prepared(sqlite3* db, const SqliteSectorStore& store)
      : begin(db, "BEGIN IMMEDIATE", store),
        commit(db, "COMMIT", store),
        data_version(db, "PRAGMA data_version", store),
        read_record(db, "SELECT state, record FROM sectors WHERE number = ?", store),
        read_log(db, "SELECT timestamp, trace, message, kind FROM sector_log WHERE number = ? ORDER BY seq", store),
        list(db, "SELECT number FROM sectors ORDER BY number", store),
        upsert(db,
               "INSERT INTO sectors(number, state, record) VALUES(?, ?, ?) "
               "ON CONFLICT(number) DO UPDATE SET state = excluded.state, record = excluded.record",
               store),
        count_log(db, "SELECT count(*) FROM sector_log WHERE number = ?", store),
        last_log(db, "SELECT timestamp, message, kind FROM sector_log WHERE number = ? AND seq = ?", store),
        drop_log(db, "DELETE FROM sector_log WHERE number = ? AND seq >= ?", store),
        insert_log(db,
                   "INSERT INTO sector_log(number, seq, timestamp, trace, message, kind) VALUES(?, ?, ?, ?, ?, ?)",
                   store) {}

  Statement begin;
  Statement commit;
  Statement data_version;
  Statement read_record;
  Statement read_log;
  Statement list;
  Statement upsert;
  Statement count_log;
  Statement last_log;
  Statement drop_log;
  Statement insert_log;
};

SqliteSectorStore::SqliteSectorStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("sector store " + path + ": cannot open: " + message);
  }
  try {
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    exec("BEGIN IMMEDIATE");
    exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    {
      Statement read(db_, "SELECT value FROM meta WHERE key='schema_version'", *this);
      if (read.step()) {
        const std::string version = read.text(0);
        if (version == "1") {
          upgrade_from_version_1();
        } else if (version != std::to_string(kSchemaVersion)) {
          exec("ROLLBACK");
          throw StoreError("sector store " + path + ": schema version " + version +
                           " is not supported (this build reads and writes version " +
                           std::to_string(kSchemaVersion) + ")");
        }
      } else {
        Statement has_tables(db_, "SELECT count(*) FROM sqlite_master WHERE name='sectors'", *this);
        has_tables.step();
        if (has_tables.integer(0) != 0) {
          exec("ROLLBACK");
          throw StoreError("sector store " + path +
                           ": has a sectors table but no schema_version (not written by sealsim)");
        }
        Statement write(db_, "INSERT INTO meta(key, value) VALUES('schema_version', ?)", *this);
        write.bind(1, std::to_string(kSchemaVersion));
        write.step();
      }
    }
    exec("CREATE TABLE IF NOT EXISTS sectors(number INTEGER PRIMARY KEY, state TEXT NOT NULL, "
         "record TEXT NOT NULL)");
    exec("CREATE TABLE IF NOT EXISTS sector_log(number INTEGER NOT NULL REFERENCES "
         "sectors(number), seq INTEGER NOT NULL, timestamp INTEGER NOT NULL, trace TEXT NOT NULL, "
         "message TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY(number, seq))");
    exec("COMMIT");
    prepared_ = std::make_unique<Prepared>(db_, *this);
    Use version(prepared_->data_version);
    version->step();
    data_version_ = version->integer(0);
  } catch (...) {
    prepared_.reset();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

SqliteSectorStore::~SqliteSectorStore() {
  prepared_.reset();  // statements are finalized before the connection closes
  sqlite3_close(db_);
}

void SqliteSectorStore::forget_records_if_file_changed() {
  Use version(prepared_->data_version);
  version->step();
  const std::int64_t now = version->integer(0);
  if (now != data_version_) {
    records_.clear();
    data_version_ = now;
  }
}

// Version 1 had no sector counter: its sectors were numbered by whoever created them. Starting the
// counter after the highest stored sector keeps numbers unique, as lotus-miner init does when it
// sets the counter past the pre-sealed sectors. Runs inside the open transaction.
void SqliteSectorStore::upgrade_from_version_1() {
  Statement highest(db_, "SELECT max(number) FROM sectors", *this);
  if (highest.step() && !highest.is_null(0)) {
    Statement counter(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('sector_counter', ?)", *this);
    counter.bind(1, std::to_string(highest.integer(0)));
    counter.step();
  }
  Statement version(db_, "UPDATE meta SET value = ? WHERE key = 'schema_version'", *this);
  version.bind(1, std::to_string(kSchemaVersion));
  version.step();
}

void SqliteSectorStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    fail(std::string("\"") + sql + "\": " + message);
  }
}

void SqliteSectorStore::fail(const std::string& what) const {
  throw StoreError("sector store " + path_ + ": " + what);
}

std::optional<SectorInfo> SqliteSectorStore::load(SectorNumber number) {
  forget_records_if_file_changed();
  if (const auto kept = records_.find(number); kept != records_.end()) {
    return kept->second;
  }
  SectorInfo info;
  {
    Use read(prepared_->read_record);
    read->bind(1, as_key(number));
    if (!read->step()) {
      return std::nullopt;
    }
    try {
      nlohmann::json record = nlohmann::json::parse(read->text(1));
      record["State"] = read->text(0);  // the state column is the persisted name
      record["Log"] = nlohmann::json::array();
      info = record.get<SectorInfo>();
    } catch (const std::exception& e) {
      fail("sector " + std::to_string(number) + ": " + e.what());
    }
  }
  Use log(prepared_->read_log);
  log->bind(1, as_key(number));
  while (log->step()) {
    info.log.push_back(SectorLogEntry{static_cast<std::uint64_t>(log->integer(0)), log->text(1),
                                      log->text(2), log->text(3)});
  }
  records_[number] = info;
  return info;
}

std::vector<SectorNumber> SqliteSectorStore::list() {
  Use read(prepared_->list);
  std::vector<SectorNumber> out;
  while (read->step()) {
    out.push_back(static_cast<SectorNumber>(read->integer(0)));
  }
  return out;
}

// The log only grows, except for Lotus's splice (§2.2): the stored rows are kept when they are a
// prefix of the new log (checked on the last stored one), else the whole log is rewritten. The
// kept record says what is on file; without one, the file is asked.
std::size_t SqliteSectorStore::stored_log_prefix(SectorNumber number, const SectorInfo& info) {
  if (const auto kept = records_.find(number); kept != records_.end()) {
    const std::vector<SectorLogEntry>& stored = kept->second.log;
    if (stored.size() > info.log.size()) return 0;
    if (stored.empty()) return 0;
    const SectorLogEntry& last = stored.back();
    const SectorLogEntry& entry = info.log[stored.size() - 1];
    const bool same = last.timestamp == entry.timestamp && last.message == entry.message && last.kind == entry.kind;
    return same ? stored.size() : 0;
  }
  Use count(prepared_->count_log);
  count->bind(1, as_key(number));
  count->step();
  const std::size_t stored = static_cast<std::size_t>(count->integer(0));
  if (stored > info.log.size() || stored == 0) return 0;
  // A splice changes the entry at index 2000; compare the last stored entry to detect it.
  Use last(prepared_->last_log);
  last->bind(1, as_key(number));
  last->bind(2, static_cast<std::int64_t>(stored - 1));
  last->step();
  const auto& entry = info.log[stored - 1];
  const bool same = static_cast<std::uint64_t>(last->integer(0)) == entry.timestamp &&
                    last->text(1) == entry.message && last->text(2) == entry.kind;
  return same ? stored : 0;
}

void SqliteSectorStore::save(SectorNumber number, const SectorInfo& info) {
  const nlohmann::json record = sector_record_without_log(info);
  {
    Use begin(prepared_->begin);
    begin->step();
  }
  try {
    forget_records_if_file_changed();  // inside the write lock: nobody else commits until COMMIT
    {
      Use upsert(prepared_->upsert);
      upsert->bind(1, as_key(number));
      upsert->bind(2, info.state_name());
      upsert->bind(3, record.dump());
      upsert->step();
    }
    const auto kept = records_.find(number);
    const std::size_t keep = stored_log_prefix(number, info);
    // Rows past the kept prefix: none to delete when the kept record says the file has no more.
    if (kept == records_.end() || kept->second.log.size() > keep) {
      Use drop(prepared_->drop_log);
      drop->bind(1, as_key(number));
      drop->bind(2, static_cast<std::int64_t>(keep));
      drop->step();
    }
    for (std::size_t i = keep; i < info.log.size(); ++i) {
      const auto& entry = info.log[i];
      Use insert(prepared_->insert_log);
      insert->bind(1, as_key(number));
      insert->bind(2, static_cast<std::int64_t>(i));
      insert->bind(3, static_cast<std::int64_t>(entry.timestamp));
      insert->bind(4, entry.trace);
      insert->bind(5, entry.message);
      insert->bind(6, entry.kind);
      insert->step();
    }
    Use commit(prepared_->commit);
    commit->step();
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    records_.erase(number);  // read from the file again next time
    throw;
  }
  records_[number] = info;  // committed: now what the file holds
}

SectorNumber SqliteSectorStore::next_sector_number() {
  exec("BEGIN IMMEDIATE");
  try {
    SectorNumber next = 0;
    Statement read(db_, "SELECT value FROM meta WHERE key = 'sector_counter'", *this);
    if (read.step()) {
      const std::string stored = read.text(0);
      std::size_t used = 0;
      unsigned long long last = 0;
      try {
        last = std::stoull(stored, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != stored.size() || stored.empty()) {
        fail("meta 'sector_counter': expected a sector number, found \"" + stored + "\"");
      }
      next = static_cast<SectorNumber>(last) + 1;
    }
    Statement write(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES('sector_counter', ?)", *this);
    write.bind(1, std::to_string(next));
    write.step();
    exec("COMMIT");
    return next;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace sealsim::sealing
