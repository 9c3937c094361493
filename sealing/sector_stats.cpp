// sector_stats.cpp: per-bucket sector counts and the limit-crossing rule of stats.go.
#include "sealing/sector_stats.hpp"

namespace sealsim::sealing {
namespace {

std::size_t slot(StatBucket bucket) { return static_cast<std::size_t>(bucket); }

}  // namespace

StatBucket stat_bucket_of(std::string_view state_name) {
  const auto state = state_from_name(state_name);
  return state ? state_info(*state).bucket : StatBucket::Failed;
}

bool SectorStats::update(SectorNumber sector, StatBucket bucket, const SealingConfig& config) {
  const std::uint64_t sealing_before = cur_sealing();
  const std::uint64_t staging_before = cur_staging();
  if (auto it = by_sector_.find(sector); it != by_sector_.end()) {
    --totals_[slot(it->second)];
  }
  by_sector_[sector] = bucket;
  ++totals_[slot(bucket)];

  const std::uint64_t sealing = cur_sealing();
  const std::uint64_t staging = cur_staging();
  const std::uint64_t max_sealing = config.max_sealing_sectors_for_deals;
  const std::uint64_t max_staging = config.max_wait_deals_sectors;
  return (max_sealing > 0 && sealing_before >= max_sealing && sealing < max_sealing) ||
         (max_staging > 0 && staging_before >= max_staging && staging < max_staging);
}

std::uint64_t SectorStats::cur_sealing() const {
  return totals_[slot(StatBucket::Staging)] + totals_[slot(StatBucket::Sealing)] +
         totals_[slot(StatBucket::Failed)];
}

std::uint64_t SectorStats::cur_staging() const { return totals_[slot(StatBucket::Staging)]; }

SealingStatistics SectorStats::snapshot() const {
  return SealingStatistics{totals_[slot(StatBucket::Staging)], totals_[slot(StatBucket::Sealing)],
                           totals_[slot(StatBucket::Proving)], totals_[slot(StatBucket::Failed)],
                           cur_sealing(), cur_staging()};
}

}  // namespace sealsim::sealing
