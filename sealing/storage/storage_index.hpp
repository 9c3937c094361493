// storage_index.hpp: storage paths and the sector index (Lotus v1.11.0 stores/index.go, local.go):
// which path holds which file (unsealed, sealed, cache) of which sector, space reservations while
// tasks write, acquiring a sector's files, finalize and the move to long-term storage, and the
// faults operators meet (path full, file missing, file corrupted, path detached).
//
// Files are sizes unless a SectorFileContent store is given, in which case their bytes move with
// them and copies are verified byte for byte before a source is removed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "sealing/storage/scheduler_trace.hpp"
#include "sealing/storage/sector_file_content.hpp"
#include "sealing/storage/sector_file_type.hpp"
#include "sealing/storage/storage_error.hpp"

namespace sealsim::sealing {

class StorageIndex;

struct StoragePathConfig {
  std::string name;
  std::uint64_t capacity = 0;
  bool can_seal = false;   // sealing scratch space
  bool can_store = false;  // long-term storage
  // The worker whose local disk this is; none for a path every worker reaches (network storage).
  std::optional<WorkerId> local_to;
};

struct StoragePathState {
  StoragePathConfig config;
  bool attached = true;
  std::uint64_t used = 0;      // declared sector files
  std::uint64_t reserved = 0;  // space promised to tasks still writing
  std::uint64_t external = 0;  // other data on the disk (fault injection: path full)

  std::uint64_t available() const {
    const std::uint64_t taken = used + reserved + external;
    return taken >= config.capacity ? 0 : config.capacity - taken;
  }
};

enum class SectorFileHealth { Good, Corrupted };

struct SectorFileRecord {
  SectorFileKey key;
  std::uint64_t size = 0;
  SectorFileHealth health = SectorFileHealth::Good;
};

// Space reserved for files a task is writing. Released when destroyed, so every exit path of a
// task (success, failure, exception) gives the space back; declare() turns it into used space.
class PathReservation {
 public:
  PathReservation() = default;
  PathReservation(const PathReservation&) = delete;
  PathReservation& operator=(const PathReservation&) = delete;
  PathReservation(PathReservation&& other) noexcept;
  PathReservation& operator=(PathReservation&& other) noexcept;
  ~PathReservation();

  void release();
  std::uint64_t bytes() const;

 private:
  friend class StorageIndex;
  struct Entry {
    StoragePathId path;
    SectorFileType type;
    std::uint64_t bytes;
  };
  StorageIndex* index_ = nullptr;
  std::vector<Entry> entries_;
};

struct AcquiredSector {
  std::map<SectorFileType, StoragePathId> paths;  // existing and allocated files
  PathReservation reservation;                    // for the allocated ones
};

class StorageIndex {
 public:
  explicit StorageIndex(SectorFileContent* content = nullptr);
  StorageIndex(const StorageIndex&) = delete;
  StorageIndex& operator=(const StorageIndex&) = delete;

  StoragePathId add_path(StoragePathConfig config);
  const StoragePathState& path(StoragePathId id) const;
  std::size_t path_count() const { return paths_.size(); }
  // The byte store of sector files, if this index keeps real data.
  SectorFileContent* content() const { return content_; }
  void detach_path(StoragePathId id);
  void attach_path(StoragePathId id);
  void set_external_usage(StoragePathId id, std::uint64_t bytes);

  // Lotus AcquireSector: finds a good, attached copy of each `existing` file (reachable from
  // `worker` when given) and reserves sealing-size space for each `allocate` file on the path of
  // `kind` with the most room. Throws StorageError (FileMissing, FileCorrupted, PathDetached,
  // PathFull, NoSuitablePath); nothing stays reserved when it throws.
  AcquiredSector acquire(const SectorId& sector, RegisteredSealProof proof,
                         const std::set<SectorFileType>& existing,
                         const std::set<SectorFileType>& allocate, PathKind kind,
                         std::optional<WorkerId> worker = std::nullopt);
  // Records a written file of `size` bytes (replacing a previous record on that path) and turns
  // the matching part of `reservation` into used space.
  void declare(PathReservation& reservation, const SectorId& sector, SectorFileType type,
               StoragePathId path, std::uint64_t size);
  // Records a file that needed no reservation (genesis sectors, imports).
  void declare(const SectorId& sector, SectorFileType type, StoragePathId path, std::uint64_t size);

  std::vector<SectorFileRecord> copies(const SectorId& sector, SectorFileType type) const;
  // A good copy on an attached path (reachable from `worker` when given).
  std::optional<StoragePathId> good_copy(const SectorId& sector, SectorFileType type,
                                         std::optional<WorkerId> worker = std::nullopt) const;
  // Whether `worker` reaches an attached path of `kind`, room or not (Lotus's allocate selector
  // then fails the task at acquire time with PathFull instead of leaving it queued).
  bool can_reach(PathKind kind, std::optional<WorkerId> worker) const;
  // Whether `worker` reaches a path of `kind` with room for `types` of a sector of `proof`.
  bool can_allocate(RegisteredSealProof proof, const std::set<SectorFileType>& types, PathKind kind,
                    std::optional<WorkerId> worker) const;

  // Lotus FinalizeSector on the sealing path: the cache shrinks to its finalized size and the
  // unsealed file is dropped unless kept. Throws FileMissing etc. when the cache has no good copy.
  void finalize(const SectorId& sector, RegisteredSealProof proof, bool keep_unsealed);
  // Moves `types` to long-term storage: copy, verify the copy, only then remove the source. A
  // type already stored keeps its stored copy. Throws before touching a source when no storage
  // path has room or the source is missing, corrupted or detached.
  void move_to_storage(const SectorId& sector, const std::set<SectorFileType>& types,
                       std::optional<WorkerId> worker = std::nullopt);
  // Removes one copy; refuses with OnlyCopy when it is the sector's last good copy of that type.
  void remove_copy(const SectorId& sector, SectorFileType type, StoragePathId path);
  // Lotus Remove: every copy of every file of the sector (the sector is being dropped on purpose).
  void remove_sector(const SectorId& sector);

  // Faults.
  void lose_file(const SectorId& sector, SectorFileType type, StoragePathId path);
  void corrupt_file(const SectorId& sector, SectorFileType type, StoragePathId path);

  // Throws std::logic_error when a path's used space differs from its files.
  void check_invariants() const;

 private:
  friend class PathReservation;
  struct Choice {
    std::optional<StoragePathId> path;
    bool any_candidate = false;
    std::uint64_t best_available = 0;
  };
  Choice choose_path(std::uint64_t size, PathKind kind, std::optional<WorkerId> worker,
                     const std::map<StoragePathId, std::uint64_t>& pending) const;
  StoragePathId locate(const SectorId& sector, SectorFileType type,
                       std::optional<WorkerId> worker) const;
  bool reachable(StoragePathId path, std::optional<WorkerId> worker) const;
  bool verified_copy(const SectorFileKey& from, const SectorFileKey& to) const;
  void erase_file(const SectorFileKey& key);
  void release_entry(StoragePathId path, std::uint64_t bytes);
  StoragePathState& path_state(StoragePathId id);

  SectorFileContent* content_;
  std::vector<StoragePathState> paths_;
  std::map<SectorFileKey, SectorFileRecord> files_;
};

}  // namespace sealsim::sealing
