// deal_store_sqlite.cpp: SqliteDealStore. Schema:
//   market_provider_deals(proposal_cid TEXT PRIMARY KEY, state TEXT, record TEXT)
//   -- state by go-fil-markets name, record = JSON of the MinerDeal (deal_json.hpp)
#include "sealing/market/deal_store_sqlite.hpp"

#include <sqlite3.h>

#include <memory>

#include "sealing/market/deal_json.hpp"

namespace sealsim::market {

namespace {

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

}  // namespace

SqliteDealStore::SqliteDealStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw DealStoreError("deal store " + path + ": cannot open: " + message);
  }
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                          "CREATE TABLE IF NOT EXISTS market_provider_deals ("
                          "proposal_cid TEXT PRIMARY KEY, state TEXT NOT NULL, record TEXT NOT NULL)"}) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      sqlite3_close(db_);
      db_ = nullptr;
      throw DealStoreError("deal store " + path + ": \"" + sql + "\": " + message);
    }
  }
}

SqliteDealStore::~SqliteDealStore() { sqlite3_close(db_); }

void SqliteDealStore::fail(const std::string& what) const {
  throw DealStoreError("deal store " + path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

std::optional<MinerDeal> SqliteDealStore::load(const std::string& proposal_cid) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT record FROM market_provider_deals WHERE proposal_cid = ?", -1,
                         &raw, nullptr) != SQLITE_OK) {
    fail("preparing load");
  }
  Statement stmt(raw);
  sqlite3_bind_text(raw, 1, proposal_cid.data(), static_cast<int>(proposal_cid.size()),
                    SQLITE_TRANSIENT);
  const int rc = sqlite3_step(raw);
  if (rc == SQLITE_DONE) {
    return std::nullopt;
  }
  if (rc != SQLITE_ROW) {
    fail("loading " + proposal_cid);
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
  const std::string record = text ? text : "";
  try {
    return deal_from_json(nlohmann::json::parse(record));
  } catch (const std::exception& e) {
    throw DealStoreError("deal store " + path_ + ": record of " + proposal_cid + ": " + e.what());
  }
}

std::vector<std::string> SqliteDealStore::list() {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT proposal_cid FROM market_provider_deals ORDER BY proposal_cid",
                         -1, &raw, nullptr) != SQLITE_OK) {
    fail("preparing list");
  }
  Statement stmt(raw);
  std::vector<std::string> out;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    out.emplace_back(text ? text : "");
  }
  if (rc != SQLITE_DONE) {
    fail("listing deals");
  }
  return out;
}

void SqliteDealStore::save(const MinerDeal& deal) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO market_provider_deals (proposal_cid, state, record) "
                         "VALUES (?, ?, ?) ON CONFLICT(proposal_cid) DO UPDATE SET "
                         "state = excluded.state, record = excluded.record",
                         -1, &raw, nullptr) != SQLITE_OK) {
    fail("preparing save");
  }
  Statement stmt(raw);
  const std::string state(deal_status_name(deal.state));
  const std::string record = deal_to_json(deal).dump();
  sqlite3_bind_text(raw, 1, deal.proposal_cid.data(), static_cast<int>(deal.proposal_cid.size()),
                    SQLITE_TRANSIENT);
  sqlite3_bind_text(raw, 2, state.data(), static_cast<int>(state.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(raw, 3, record.data(), static_cast<int>(record.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(raw) != SQLITE_DONE) {
    fail("saving " + deal.proposal_cid);
  }
}

}  // namespace sealsim::market
