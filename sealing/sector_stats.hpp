// sector_stats.hpp: Lotus's SectorStats (stats.go, spec §10.8): the latest state bucket of every
// sector this process has planned, the counts the sealing limits read, and the "a limit was just
// left" signal that re-runs deal assignment. In memory only: a restart rebuilds it as the restart
// pass plans every stored sector.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string_view>

#include "model/sector_id.hpp"
#include "sealing/sealing_config.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::sealing {

// A snapshot of the counts (the sealing statistics of spec §10.8).
struct SealingStatistics {
  std::uint64_t staging = 0;
  std::uint64_t sealing = 0;
  std::uint64_t proving = 0;
  std::uint64_t failed = 0;
  std::uint64_t cur_sealing = 0;  // staging + sealing + failed: what MaxSealingSectors* limit
  std::uint64_t cur_staging = 0;  // staging: what MaxWaitDealsSectors limits
  friend bool operator==(const SealingStatistics&, const SealingStatistics&) = default;
};

// The bucket of a persisted state name; names outside the state list count as failed, as
// toStatState's default branch does.
StatBucket stat_bucket_of(std::string_view state_name);

class SectorStats {
 public:
  // updateSector: records the sector's latest state. True when MaxSealingSectorsForDeals or
  // MaxWaitDealsSectors is set and its count went from at/over the limit to under it.
  bool update(SectorNumber sector, StatBucket bucket, const SealingConfig& config);
  std::uint64_t cur_sealing() const;
  std::uint64_t cur_staging() const;
  SealingStatistics snapshot() const;

 private:
  std::map<SectorNumber, StatBucket> by_sector_;  // entries are never removed (Lotus keeps them)
  std::array<std::uint64_t, 4> totals_{};
};

}  // namespace sealsim::sealing
