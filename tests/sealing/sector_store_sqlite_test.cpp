// sector_store_sqlite_test.cpp: the SQLite sector store: records survive close/reopen unchanged,
// the state is stored by name, the log is kept in order (including Lotus's splice), the database
// is in WAL mode, and a store of an unknown schema version is refused with a clear error. The
// records a store keeps in memory (read or committed by it) are what the file holds: every check
// of what a save wrote also reads the file through a second connection, and a write by another
// connection replaces what the first one kept.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "model/cid.hpp"
#include "sealing/planner.hpp"
#include "sealing/sector_store_sqlite.hpp"

namespace sealsim::sealing {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("sealsim_store_") + info->name() + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "sectors.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string query_text(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
};

SectorInfo sample_record() {
  SectorInfo info;
  info.set_state(SectorState::Packing);
  std::vector<SectorEvent> events{SectorPacked{{PieceInfo{PaddedPieceSize(2048), {}}}}};
  plan_events(events, info, 1000);
  events = {SectorTicket{Bytes{1, 2, 3}, 77}};
  plan_events(events, info, 1060);
  return info;
}

TEST_F(SqliteStoreTest, RecordAndLogSurviveReopenUnchanged) {
  const SectorInfo info = sample_record();
  {
    SqliteSectorStore store(path_);
    EXPECT_FALSE(store.load(5).has_value());
    store.save(5, info);
  }
  SqliteSectorStore reopened(path_);
  const auto back = reopened.load(5);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, info);
  EXPECT_EQ(back->log.size(), 2u);
  EXPECT_EQ(reopened.list(), (std::vector<SectorNumber>{5}));
}

TEST_F(SqliteStoreTest, StateIsStoredByNameAndDatabaseIsInWalMode) {
  {
    SqliteSectorStore store(path_);
    SectorInfo info = sample_record();
    store.save(1, info);
    info.set_state_by_name("not a state");
    store.save(2, info);
  }
  EXPECT_EQ(query_text("SELECT state FROM sectors WHERE number = 1"), "PreCommit1");
  EXPECT_EQ(query_text("SELECT state FROM sectors WHERE number = 2"), "not a state");
  EXPECT_EQ(query_text("PRAGMA journal_mode"), "wal");
  SqliteSectorStore reopened(path_);
  EXPECT_EQ(reopened.load(2)->state_name(), "not a state");
}

TEST_F(SqliteStoreTest, LaterSavesReplaceTheRecordAndAppendTheLog) {
  SqliteSectorStore store(path_);
  SectorInfo info = sample_record();
  store.save(3, info);
  std::vector<SectorEvent> events{SectorPreCommit1{Bytes{9}}};
  plan_events(events, info, 2000);
  store.save(3, info);
  EXPECT_EQ(*store.load(3), info);
  EXPECT_EQ(store.load(3)->log.size(), 3u);
  SqliteSectorStore file(path_);  // reads the file, not the first store's kept record
  EXPECT_EQ(*file.load(3), info);
  EXPECT_EQ(query_text("SELECT count(*) FROM sector_log WHERE number = 3"), "3");
}

TEST_F(SqliteStoreTest, SplicedLogIsRewritten) {
  SqliteSectorStore store(path_);
  SectorInfo info;
  for (std::uint64_t i = 0; i < 8001; ++i) {
    info.log.push_back(SectorLogEntry{i, "", "m", "k"});
  }
  store.save(4, info);
  append_log_entry(info.log, SectorLogEntry{9000, "", "m", "k"});
  store.save(4, info);
  EXPECT_EQ(*store.load(4), info);
  SqliteSectorStore file(path_);
  EXPECT_EQ(*file.load(4), info);
  EXPECT_EQ(query_text("SELECT count(*) FROM sector_log WHERE number = 4"), std::to_string(info.log.size()));
}

TEST_F(SqliteStoreTest, ALogThatShrinksIsRewrittenOnFile) {
  SqliteSectorStore store(path_);
  SectorInfo info = sample_record();
  store.save(6, info);
  info.log.pop_back();
  info.log.back().message = "changed";
  store.save(6, info);
  SqliteSectorStore file(path_);
  EXPECT_EQ(*file.load(6), info);
  EXPECT_EQ(query_text("SELECT count(*) FROM sector_log WHERE number = 6"), "1");
}

TEST_F(SqliteStoreTest, AWriteByAnotherConnectionReplacesTheKeptRecord) {
  SqliteSectorStore first(path_);
  SectorInfo info = sample_record();
  first.save(7, info);
  ASSERT_EQ(*first.load(7), info);  // now kept by `first`
  SectorInfo other = info;
  std::vector<SectorEvent> events{SectorPreCommit1{Bytes{4}}};
  plan_events(events, other, 3000);
  {
    SqliteSectorStore second(path_);
    second.save(7, other);
  }
  EXPECT_EQ(*first.load(7), other);
  // `first` appends to the log `second` wrote: the rows on file are the full new log.
  Node32 comm{};
  comm[0] = 1;
  events = {SectorPreCommit2{commitment_to_cid(CommitmentKind::Sealed, comm), commitment_to_cid(CommitmentKind::Unsealed, comm)}};
  plan_events(events, other, 4000);
  first.save(7, other);
  SqliteSectorStore file(path_);
  EXPECT_EQ(*file.load(7), other);
  EXPECT_EQ(query_text("SELECT count(*) FROM sector_log WHERE number = 7"), std::to_string(other.log.size()));
}

TEST_F(SqliteStoreTest, UnknownSchemaVersionIsRefusedWithAClearError) {
  { SqliteSectorStore store(path_); }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value='99' WHERE key='schema_version'", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  try {
    SqliteSectorStore store(path_);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path_), std::string::npos) << what;
    EXPECT_NE(what.find("schema version 99 is not supported"), std::string::npos) << what;
  }
}

TEST_F(SqliteStoreTest, CorruptRecordNamesSectorAndField) {
  {
    SqliteSectorStore store(path_);
    store.save(8, sample_record());
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE sectors SET record = json_remove(record, '$.SeedEpoch')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  SqliteSectorStore store(path_);
  try {
    (void)store.load(8);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("sector 8"), std::string::npos) << what;
    EXPECT_NE(what.find("SeedEpoch"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace sealsim::sealing
