// deadlines.cpp: proving-period arithmetic and sector placement.
#include "chain-mock/deadlines.hpp"

namespace sealsim::chain {
namespace {

ChainEpoch positive_mod(ChainEpoch value, ChainEpoch modulus) {
  ChainEpoch r = value % modulus;
  return r < 0 ? r + modulus : r;
}

}  // namespace

DeadlineInfo deadline_info_at(const ChainConfig& config, ChainEpoch offset, ChainEpoch epoch) {
  DeadlineInfo info;
  info.current_epoch = epoch;
  info.period_start = epoch - positive_mod(epoch - offset, config.wpost_proving_period);
  info.index = static_cast<std::uint64_t>((epoch - info.period_start) / config.wpost_challenge_window);
  info.open = info.period_start + static_cast<ChainEpoch>(info.index) * config.wpost_challenge_window;
  info.close = info.open + config.wpost_challenge_window;
  info.challenge = info.open - config.wpost_challenge_lookback;
  info.fault_cutoff = info.open - config.fault_declaration_cutoff;
  return info;
}

DeadlineInfo next_deadline_occurrence(const ChainConfig& config, ChainEpoch offset, ChainEpoch epoch,
                                      std::uint64_t deadline) {
  DeadlineInfo current = deadline_info_at(config, offset, epoch);
  DeadlineInfo info = current;
  info.index = deadline;
  info.open = current.period_start + static_cast<ChainEpoch>(deadline) * config.wpost_challenge_window;
  if (info.open + config.wpost_challenge_window <= epoch) {
    info.period_start += config.wpost_proving_period;
    info.open += config.wpost_proving_period;
  }
  info.close = info.open + config.wpost_challenge_window;
  info.challenge = info.open - config.wpost_challenge_lookback;
  info.fault_cutoff = info.open - config.fault_declaration_cutoff;
  return info;
}

bool deadline_is_mutable(const ChainConfig& config, ChainEpoch offset, ChainEpoch epoch, std::uint64_t deadline) {
  DeadlineInfo current = deadline_info_at(config, offset, epoch);
  std::uint64_t next = (current.index + 1) % config.wpost_period_deadlines;
  return deadline != current.index && deadline != next;
}

SectorLocation assign_sector(const ChainConfig& config, MinerState& miner, ChainEpoch epoch, SectorNumber sector) {
  std::uint64_t best = config.wpost_period_deadlines;
  std::size_t best_live = 0;
  for (std::uint64_t d = 0; d < config.wpost_period_deadlines; ++d) {
    if (!deadline_is_mutable(config, miner.proving_period_offset, epoch, d)) continue;
    std::size_t live = 0;
    for (const Partition& p : miner.deadlines[d].partitions) live += p.live_count();
    if (best == config.wpost_period_deadlines || live < best_live) {
      best = d;
      best_live = live;
    }
  }
  Deadline& deadline = miner.deadlines.mutate(best);
  if (deadline.partitions.empty() ||
      deadline.partitions.back().sectors.size() >= miner.info.window_post_partition_sectors) {
    deadline.partitions.emplace_back();
  }
  deadline.partitions.back().sectors.insert(sector);
  SectorLocation location{best, deadline.partitions.size() - 1};
  miner.locations[sector] = location;
  return location;
}

}  // namespace sealsim::chain
