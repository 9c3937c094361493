// sector_store.hpp: where sector records live between plan calls and across restarts (Lotus's
// statestore under /sectors). Narrow so tests and benchmarks can run with or without a database.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/sector_id.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

// Any failure to read or write the store, with the file and what went wrong.
class StoreError : public std::runtime_error {
 public:
  explicit StoreError(const std::string& message) : std::runtime_error(message) {}
};

class SectorStore {
 public:
  virtual ~SectorStore() = default;
  // The record stored under `number`, if any.
  virtual std::optional<SectorInfo> load(SectorNumber number) = 0;
  // Every stored sector number, ascending (the restart pass walks them in this order).
  virtual std::vector<SectorNumber> list() = 0;
  // Replaces the record under `number` (state, fields and log) atomically: after a crash at any
  // point the store holds either the old or the new record, never a mix.
  virtual void save(SectorNumber number, const SectorInfo& info) = 0;
};

}  // namespace sealsim::sealing
