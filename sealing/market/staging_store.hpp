// staging_store.hpp: where an online deal's payload lands during the transfer (go-fil-markets'
// multistore, one store per deal, keyed by StoreID), and the piece reader HandoffDeal opens on it
// (GeneratePieceReader: a pipe whose writer may fail asynchronously and whose close may fail).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "model/bytes.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

// The payload read from a store plus how the simulated pipe ends.
struct PieceReader {
  Bytes payload;
  std::string close_error;  // "" = closing the reader succeeds
  std::string write_error;  // "" = the writer side finishes cleanly
};

class StagingStore {
 public:
  virtual ~StagingStore() = default;
  virtual std::uint64_t create() = 0;
  virtual void append(std::uint64_t store_id, ByteSpan bytes) = 0;
  virtual sealing::Result<Bytes> read(std::uint64_t store_id) = 0;
  virtual sealing::Result<PieceReader> generate_piece_reader(std::uint64_t store_id) = 0;
  virtual sealing::Result<sealing::Unit> remove(std::uint64_t store_id) = 0;
};

class MemoryStagingStore : public StagingStore {
 public:
  std::uint64_t create() override {
    const std::uint64_t id = next_id_++;
    stores_[id];
    return id;
  }
  void append(std::uint64_t store_id, ByteSpan bytes) override {
    auto& b = stores_[store_id];
    b.insert(b.end(), bytes.begin(), bytes.end());
  }
  sealing::Result<Bytes> read(std::uint64_t store_id) override {
    const auto it = stores_.find(store_id);
    if (it == stores_.end()) {
      return sealing::Result<Bytes>::fail("store " + std::to_string(store_id) + " not found");
    }
    return sealing::Result<Bytes>::ok(it->second);
  }
  sealing::Result<PieceReader> generate_piece_reader(std::uint64_t store_id) override {
    auto bytes = read(store_id);
    if (!bytes) {
      return sealing::Result<PieceReader>::fail(bytes.error());
    }
    return sealing::Result<PieceReader>::ok(PieceReader{*bytes, {}, {}});
  }
  sealing::Result<sealing::Unit> remove(std::uint64_t store_id) override {
    if (stores_.erase(store_id) == 0) {
      return sealing::Result<sealing::Unit>::fail("store " + std::to_string(store_id) + " not found");
    }
    return sealing::Result<sealing::Unit>::ok({});
  }
  bool contains(std::uint64_t store_id) const { return stores_.count(store_id) != 0; }

 private:
  std::map<std::uint64_t, Bytes> stores_;
  std::uint64_t next_id_ = 1;
};

}  // namespace sealsim::market
