// sector_store_memory.hpp: SectorStore kept in memory ("persistence off"): for benchmarks and
// runs that do not need to survive a restart.
#pragma once

#include <map>

#include "sealing/sector_store.hpp"

namespace sealsim::sealing {

class MemorySectorStore final : public SectorStore {
 public:
  std::optional<SectorInfo> load(SectorNumber number) override {
    auto it = records_.find(number);
    return it == records_.end() ? std::nullopt : std::optional<SectorInfo>(it->second);
  }
  std::vector<SectorNumber> list() override {
    std::vector<SectorNumber> out;
    out.reserve(records_.size());
    for (const auto& entry : records_) {
      out.push_back(entry.first);
    }
    return out;
  }
  void save(SectorNumber number, const SectorInfo& info) override { records_[number] = info; }

 private:
  std::map<SectorNumber, SectorInfo> records_;
};

}  // namespace sealsim::sealing
