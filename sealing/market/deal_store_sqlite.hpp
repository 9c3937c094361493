// deal_store_sqlite.hpp: DealStore on SQLite in WAL mode, for the same reasons as the sector store
// (sealing/sector_store_sqlite.hpp: atomic, durable against a killed process, inspectable). Its
// table is its own, market_provider_deals, so it may share a database file with the sector store
// without touching that schema.
#pragma once

#include <stdexcept>
#include <string>

#include "sealing/market/deal_store.hpp"

struct sqlite3;

namespace sealsim::market {

class DealStoreError : public std::runtime_error {
 public:
  explicit DealStoreError(const std::string& message) : std::runtime_error(message) {}
};

class SqliteDealStore final : public DealStore {
 public:
  // Opens or creates the database at `path` and the deal table in it. Throws DealStoreError
  // naming the file on failure.
  explicit SqliteDealStore(const std::string& path);
  ~SqliteDealStore() override;
  SqliteDealStore(const SqliteDealStore&) = delete;
  SqliteDealStore& operator=(const SqliteDealStore&) = delete;

  std::optional<MinerDeal> load(const std::string& proposal_cid) override;
  std::vector<std::string> list() override;
  void save(const MinerDeal& deal) override;

 private:
  [[noreturn]] void fail(const std::string& what) const;
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace sealsim::market
