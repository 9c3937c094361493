// crash_replay_store.cpp: the restart-point checks of crash_replay_store.hpp.
#include "scenarios/crash_replay_store.hpp"

#include <algorithm>
#include <filesystem>

#include "sealing/sector_store_sqlite.hpp"

namespace sealsim::scenarios {

void RestartPointCheck::saved(SectorNumber n, const sealing::SectorInfo& info) {
  current_[n] = info;
  history_[n].push_back(info);
}

std::optional<sealing::SectorInfo> RestartPointCheck::load(SectorNumber n) const {
  const auto found = current_.find(n);
  if (found == current_.end()) return std::nullopt;
  return found->second;
}

std::vector<SectorNumber> RestartPointCheck::list() const {
  std::vector<SectorNumber> out;
  for (const auto& [n, info] : current_) out.push_back(n);
  return out;
}

std::optional<std::string> RestartPointCheck::compare_at_boundary() const {
  for (const auto& [n, info] : current_) {
    const auto found = restart_point_.find(n);
    if (found == restart_point_.end()) {
      return "sector " + std::to_string(n) + " was saved before the kill but is missing from the store";
    }
    if (!(found->second == info)) {
      return "sector " + std::to_string(n) + ": the store holds state " + found->second.state_name() +
             " with " + std::to_string(found->second.log.size()) + " log entries, the run had state " +
             info.state_name() + " with " + std::to_string(info.log.size()) + " at the kill";
    }
  }
  for (const auto& [n, info] : restart_point_) {
    if (current_.count(n) == 0) return "sector " + std::to_string(n) + " is in the store but was not saved before the kill";
  }
  return std::nullopt;
}

std::optional<std::string> RestartPointCheck::compare_with_history() const {
  for (const auto& [n, info] : restart_point_) {
    const auto found = history_.find(n);
    if (found == history_.end()) return "sector " + std::to_string(n) + " is in the store but the run never saves it";
    if (std::find(found->second.begin(), found->second.end(), info) == found->second.end()) {
      return "sector " + std::to_string(n) + ": the store's record (state " + info.state_name() + ", " +
             std::to_string(info.log.size()) + " log entries) is none that the run ever saved";
    }
  }
  return std::nullopt;
}

std::map<SectorNumber, sealing::SectorInfo> read_all_records(const std::string& path) {
  std::map<SectorNumber, sealing::SectorInfo> out;
  if (!std::filesystem::exists(path)) return out;
  sealing::SqliteSectorStore store(path);
  for (const SectorNumber n : store.list()) {
    if (auto record = store.load(n)) out[n] = std::move(*record);
  }
  return out;
}

}  // namespace sealsim::scenarios
