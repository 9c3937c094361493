// storage_index.cpp: storage paths, reservations, the sector index and finalize moves.
#include "sealing/storage/storage_index.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "model/sector_id.hpp"

namespace sealsim::sealing {
namespace {

std::string file_name(const SectorId& sector, SectorFileType type) {
  return std::string(to_string(type)) + " file of sector " + sector_file_name(sector);
}

}  // namespace

std::string_view to_string(StorageErrorKind kind) {
  switch (kind) {
    case StorageErrorKind::PathFull: return "PathFull";
    case StorageErrorKind::NoSuitablePath: return "NoSuitablePath";
    case StorageErrorKind::FileMissing: return "FileMissing";
    case StorageErrorKind::FileCorrupted: return "FileCorrupted";
    case StorageErrorKind::PathDetached: return "PathDetached";
    case StorageErrorKind::OnlyCopy: return "OnlyCopy";
    case StorageErrorKind::UnknownPath: return "UnknownPath";
  }
  return "Unknown";
}

// --- PathReservation -------------------------------------------------------------------------

PathReservation::PathReservation(PathReservation&& other) noexcept
    : index_(std::exchange(other.index_, nullptr)), entries_(std::move(other.entries_)) {
  other.entries_.clear();
}

PathReservation& PathReservation::operator=(PathReservation&& other) noexcept {
  if (this != &other) {
    release();
    index_ = std::exchange(other.index_, nullptr);
    entries_ = std::move(other.entries_);
    other.entries_.clear();
  }
  return *this;
}

PathReservation::~PathReservation() { release(); }

void PathReservation::release() {
  if (index_ != nullptr) {
    for (const Entry& entry : entries_) index_->release_entry(entry.path, entry.bytes);
  }
  entries_.clear();
  index_ = nullptr;
}

std::uint64_t PathReservation::bytes() const {
  std::uint64_t total = 0;
  for (const Entry& entry : entries_) total += entry.bytes;
  return total;
}

// --- StorageIndex ----------------------------------------------------------------------------

StorageIndex::StorageIndex(SectorFileContent* content) : content_(content) {}

StoragePathId StorageIndex::add_path(StoragePathConfig config) {
  const auto id = static_cast<StoragePathId>(paths_.size());
  paths_.push_back(StoragePathState{std::move(config), true, 0, 0, 0});
  return id;
}

const StoragePathState& StorageIndex::path(StoragePathId id) const {
  if (id >= paths_.size()) {
    throw StorageError(StorageErrorKind::UnknownPath, "unknown storage path " + std::to_string(id));
  }
  return paths_[id];
}

StoragePathState& StorageIndex::path_state(StoragePathId id) {
  if (id >= paths_.size()) {
    throw StorageError(StorageErrorKind::UnknownPath, "unknown storage path " + std::to_string(id));
  }
  return paths_[id];
}

void StorageIndex::detach_path(StoragePathId id) { path_state(id).attached = false; }
void StorageIndex::attach_path(StoragePathId id) { path_state(id).attached = true; }
void StorageIndex::set_external_usage(StoragePathId id, std::uint64_t bytes) {
  path_state(id).external = bytes;
}

bool StorageIndex::reachable(StoragePathId path, std::optional<WorkerId> worker) const {
  const auto& local_to = paths_[path].config.local_to;
  return !worker || !local_to || *local_to == *worker;
}

StorageIndex::Choice StorageIndex::choose_path(
    std::uint64_t size, PathKind kind, std::optional<WorkerId> worker,
    const std::map<StoragePathId, std::uint64_t>& pending) const {
  Choice choice;
  std::optional<StoragePathId> best;
  for (StoragePathId id = 0; id < paths_.size(); ++id) {
    const StoragePathState& state = paths_[id];
    const bool kind_ok = kind == PathKind::Sealing ? state.config.can_seal : state.config.can_store;
    if (!state.attached || !kind_ok || !reachable(id, worker)) continue;
    choice.any_candidate = true;
    std::uint64_t available = state.available();
    const auto taken = pending.find(id);
    if (taken != pending.end()) available = available > taken->second ? available - taken->second : 0;
    // Most room first, the lower id on ties (Lotus sorts candidates by weighted free space).
    if (!best || available > choice.best_available) {
      best = id;
      choice.best_available = available;
    }
  }
  if (best && choice.best_available >= size) choice.path = best;
  return choice;
}

StoragePathId StorageIndex::locate(const SectorId& sector, SectorFileType type,
                                   std::optional<WorkerId> worker) const {
  bool any = false;
  bool detached_good = false;
  bool corrupted = false;
  // Keys order by (sector, type, path): the copies of one file are adjacent.
  for (auto it = files_.lower_bound(SectorFileKey{sector, type, 0});
       it != files_.end() && it->first.sector == sector && it->first.type == type; ++it) {
    const auto& [key, record] = *it;
    any = true;
    const StoragePathState& state = paths_[key.path];
    if (record.health != SectorFileHealth::Good) {
      corrupted = true;
    } else if (!state.attached) {
      detached_good = true;
    } else if (reachable(key.path, worker)) {
      return key.path;
    }
  }
  const std::string name = file_name(sector, type);
  if (!any) throw StorageError(StorageErrorKind::FileMissing, name + " not found on any path");
  if (detached_good) {
    throw StorageError(StorageErrorKind::PathDetached, name + " is only on detached paths");
  }
  if (corrupted) {
    throw StorageError(StorageErrorKind::FileCorrupted, name + " has no copy that verifies");
  }
  throw StorageError(StorageErrorKind::FileMissing,
                     name + " is not on a path worker " + std::to_string(worker.value_or(0)) +
                         " reaches");
}

AcquiredSector StorageIndex::acquire(const SectorId& sector, RegisteredSealProof proof,
                                     const std::set<SectorFileType>& existing,
                                     const std::set<SectorFileType>& allocate, PathKind kind,
                                     std::optional<WorkerId> worker) {
  AcquiredSector acquired;
  for (SectorFileType type : existing) acquired.paths[type] = locate(sector, type, worker);
  const std::uint64_t sector_size = seal_proof_info(proof).sector_size;
  std::map<StoragePathId, std::uint64_t> pending;
  for (SectorFileType type : allocate) {
    const std::uint64_t size = sealing_file_size(type, sector_size);
    const Choice choice = choose_path(size, kind, worker, pending);
    const std::string where = kind == PathKind::Sealing ? "sealing" : "long-term storage";
    if (!choice.any_candidate) {
      throw StorageError(StorageErrorKind::NoSuitablePath,
                         "no attached " + where + " path to allocate the " + file_name(sector, type));
    }
    if (!choice.path) {
      throw StorageError(StorageErrorKind::PathFull,
                         "no " + where + " path has room for the " + file_name(sector, type) +
                             ": need " + std::to_string(size) + " bytes, at most " +
                             std::to_string(choice.best_available) + " available");
    }
    pending[*choice.path] += size;
    acquired.paths[type] = *choice.path;
  }
  // Reserve only once every file found a place, so a failure leaves nothing behind.
  acquired.reservation.index_ = this;
  for (SectorFileType type : allocate) {
    const StoragePathId id = acquired.paths.at(type);
    const std::uint64_t size = sealing_file_size(type, sector_size);
    paths_[id].reserved += size;
    acquired.reservation.entries_.push_back(PathReservation::Entry{id, type, size});
  }
  return acquired;
}

void StorageIndex::release_entry(StoragePathId path, std::uint64_t bytes) {
  StoragePathState& state = paths_[path];
  if (bytes > state.reserved) throw std::logic_error("storage reservation released twice");
  state.reserved -= bytes;
}

void StorageIndex::declare(PathReservation& reservation, const SectorId& sector,
                           SectorFileType type, StoragePathId path, std::uint64_t size) {
  for (auto& entry : reservation.entries_) {
    if (entry.path != path || entry.type != type || entry.bytes == 0) continue;
    const std::uint64_t consumed = std::min(entry.bytes, size);
    entry.bytes -= consumed;
    paths_[path].reserved -= consumed;
    break;
  }
  declare(sector, type, path, size);
}

void StorageIndex::declare(const SectorId& sector, SectorFileType type, StoragePathId path,
                           std::uint64_t size) {
  StoragePathState& state = path_state(path);
  const SectorFileKey key{sector, type, path};
  const auto found = files_.find(key);
  if (found != files_.end()) {
    state.used -= found->second.size;
    found->second.size = size;
    found->second.health = SectorFileHealth::Good;
  } else {
    files_.emplace(key, SectorFileRecord{key, size, SectorFileHealth::Good});
  }
  state.used += size;
}

std::vector<SectorFileRecord> StorageIndex::copies(const SectorId& sector,
                                                   SectorFileType type) const {
  std::vector<SectorFileRecord> result;
  for (auto it = files_.lower_bound(SectorFileKey{sector, type, 0});
       it != files_.end() && it->first.sector == sector && it->first.type == type; ++it) {
    result.push_back(it->second);
  }
  return result;
}

std::optional<StoragePathId> StorageIndex::good_copy(const SectorId& sector, SectorFileType type,
                                                     std::optional<WorkerId> worker) const {
  for (auto it = files_.lower_bound(SectorFileKey{sector, type, 0});
       it != files_.end() && it->first.sector == sector && it->first.type == type; ++it) {
    const auto& [key, record] = *it;
    if (record.health == SectorFileHealth::Good && paths_[key.path].attached &&
        reachable(key.path, worker)) {
      return key.path;
    }
  }
  return std::nullopt;
}

bool StorageIndex::can_reach(PathKind kind, std::optional<WorkerId> worker) const {
  for (StoragePathId id = 0; id < paths_.size(); ++id) {
    const StoragePathState& state = paths_[id];
    const bool kind_ok = kind == PathKind::Sealing ? state.config.can_seal : state.config.can_store;
    if (state.attached && kind_ok && reachable(id, worker)) return true;
  }
  return false;
}

bool StorageIndex::can_allocate(RegisteredSealProof proof, const std::set<SectorFileType>& types,
                                PathKind kind, std::optional<WorkerId> worker) const {
  const std::uint64_t sector_size = seal_proof_info(proof).sector_size;
  std::map<StoragePathId, std::uint64_t> pending;
  for (SectorFileType type : types) {
    const std::uint64_t size = sealing_file_size(type, sector_size);
    const Choice choice = choose_path(size, kind, worker, pending);
    if (!choice.path) return false;
    pending[*choice.path] += size;
  }
  return true;
}

void StorageIndex::finalize(const SectorId& sector, RegisteredSealProof proof, bool keep_unsealed) {
  const StoragePathId cache_path = locate(sector, SectorFileType::Cache, std::nullopt);
  locate(sector, SectorFileType::Sealed, std::nullopt);
  const std::uint64_t finalized =
      finalized_file_size(SectorFileType::Cache, seal_proof_info(proof).sector_size);
  const auto cache = files_.find(SectorFileKey{sector, SectorFileType::Cache, cache_path});
  if (cache->second.size > finalized) {
    paths_[cache_path].used -= cache->second.size - finalized;
    cache->second.size = finalized;
  }
  if (!keep_unsealed) {
    // Dropping unsealed data on finalize is intended (the sealed replica holds it).
    for (const SectorFileRecord& record : copies(sector, SectorFileType::Unsealed)) {
      erase_file(record.key);
    }
  }
}

bool StorageIndex::verified_copy(const SectorFileKey& from, const SectorFileKey& to) const {
  const auto copy = files_.find(to);
  if (copy == files_.end() || copy->second.health != SectorFileHealth::Good) return false;
  if (content_ == nullptr) return true;
  const auto source_bytes = content_->read_all(from);
  const auto copy_bytes = content_->read_all(to);
  return source_bytes.has_value() == copy_bytes.has_value() && source_bytes == copy_bytes;
}

void StorageIndex::move_to_storage(const SectorId& sector, const std::set<SectorFileType>& types,
                                   std::optional<WorkerId> worker) {
  for (SectorFileType type : types) {
    const std::vector<SectorFileRecord> existing = copies(sector, type);
    const auto stored = std::find_if(existing.begin(), existing.end(), [&](const SectorFileRecord& r) {
      return r.health == SectorFileHealth::Good && paths_[r.key.path].attached &&
             paths_[r.key.path].config.can_store;
    });
    std::optional<SectorFileKey> target;
    if (stored != existing.end()) {
      target = stored->key;
    } else {
      const StoragePathId source_path = locate(sector, type, worker);
      const SectorFileKey source{sector, type, source_path};
      const std::uint64_t size = files_.at(source).size;
      const Choice choice = choose_path(size, PathKind::Storage, worker, {});
      if (!choice.any_candidate) {
        throw StorageError(StorageErrorKind::NoSuitablePath,
                           "no attached long-term storage path to move the " +
                               file_name(sector, type) + " to");
      }
      if (!choice.path) {
        throw StorageError(StorageErrorKind::PathFull,
                           "no long-term storage path has room for the " + file_name(sector, type) +
                               ": need " + std::to_string(size) + " bytes, at most " +
                               std::to_string(choice.best_available) + " available");
      }
      target = SectorFileKey{sector, type, *choice.path};
      if (content_ != nullptr) content_->copy(source, *target);
      declare(sector, type, *choice.path, size);
      if (!verified_copy(source, *target)) {
        erase_file(*target);
        throw StorageError(StorageErrorKind::FileCorrupted,
                           "copy of the " + file_name(sector, type) + " did not verify; source kept");
      }
    }
    // The stored copy verified: the copies on sealing-only paths can go.
    for (const SectorFileRecord& record : existing) {
      if (record.key != *target && !paths_[record.key.path].config.can_store &&
          paths_[record.key.path].attached) {
        erase_file(record.key);
      }
    }
  }
}

void StorageIndex::remove_copy(const SectorId& sector, SectorFileType type, StoragePathId path) {
  const SectorFileKey key{sector, type, path};
  const auto found = files_.find(key);
  if (found == files_.end()) {
    throw StorageError(StorageErrorKind::FileMissing,
                       file_name(sector, type) + " is not on path " + paths_.at(path).config.name);
  }
  std::size_t other_good = 0;
  for (const SectorFileRecord& record : copies(sector, type)) {
    if (record.key != key && record.health == SectorFileHealth::Good) ++other_good;
  }
  if (found->second.health == SectorFileHealth::Good && other_good == 0) {
    throw StorageError(StorageErrorKind::OnlyCopy, "refusing to remove the only good copy of the " +
                                                       file_name(sector, type));
  }
  erase_file(key);
}

void StorageIndex::remove_sector(const SectorId& sector) {
  std::vector<SectorFileKey> doomed;
  for (const auto& [key, record] : files_) {
    if (key.sector == sector) doomed.push_back(key);
  }
  for (const auto& key : doomed) erase_file(key);
}

void StorageIndex::lose_file(const SectorId& sector, SectorFileType type, StoragePathId path) {
  erase_file(SectorFileKey{sector, type, path});
}

void StorageIndex::corrupt_file(const SectorId& sector, SectorFileType type, StoragePathId path) {
  const SectorFileKey key{sector, type, path};
  const auto found = files_.find(key);
  if (found == files_.end()) return;
  found->second.health = SectorFileHealth::Corrupted;
  if (content_ != nullptr) content_->corrupt(key);
}

void StorageIndex::erase_file(const SectorFileKey& key) {
  const auto found = files_.find(key);
  if (found == files_.end()) return;
  paths_[key.path].used -= found->second.size;
  files_.erase(found);
  if (content_ != nullptr) content_->remove(key);
}

void StorageIndex::check_invariants() const {
  std::vector<std::uint64_t> used(paths_.size(), 0);
  for (const auto& [key, record] : files_) used[key.path] += record.size;
  for (StoragePathId id = 0; id < paths_.size(); ++id) {
    if (used[id] != paths_[id].used) {
      throw std::logic_error("storage path " + paths_[id].config.name + ": used space drifted");
    }
  }
}

}  // namespace sealsim::sealing
