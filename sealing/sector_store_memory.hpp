// sector_store_memory.hpp: SectorStore and sector number counter kept in memory ("persistence
// off"): for benchmarks and runs that do not need to survive a restart.
#pragma once

#include <map>

#include "sealing/sector_id_counter.hpp"
#include "sealing/sector_store.hpp"

namespace sealsim::sealing {

class MemorySectorStore final : public SectorStore, public SectorIdCounter {
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
  SectorNumber next_sector_number() override {
    last_number_ = last_number_ ? *last_number_ + 1 : 0;
    return *last_number_;
  }

 private:
  std::map<SectorNumber, SectorInfo> records_;
  std::optional<SectorNumber> last_number_;  // the counter's stored value (absent: none handed out)
};

}  // namespace sealsim::sealing
