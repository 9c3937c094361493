// directory_sector_file_content.hpp: sector file bytes as real files under one folder, one
// subfolder per storage path and Lotus's layout inside it (unsealed/, sealed/, cache/, files named
// s-t0<miner>-<number>), for runs whose proofs compute on real data (scenarios with proofs: cpu).
// The folder is the caller's (a run's temporary folder); nothing here removes it.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "sealing/storage/sector_file_content.hpp"

namespace sealsim::sealing {

class DirectorySectorFileContent final : public SectorFileContent {
 public:
  explicit DirectorySectorFileContent(std::filesystem::path root) : root_(std::move(root)) {}
  // The subfolder of a storage path (default "path-<id>").
  void name_path(StoragePathId path, std::string folder) { folders_[path] = std::move(folder); }
  // Where a file's bytes are (whether it exists or not).
  std::filesystem::path file_path(const SectorFileKey& file) const;

  // Throws StorageError (FileMissing) when the disk refuses a write or copy.
  void write(const SectorFileKey& file, std::uint64_t offset, ByteSpan bytes) override;
  std::optional<Bytes> read(const SectorFileKey& file, std::uint64_t offset,
                            std::uint64_t length) const override;
  std::optional<Bytes> read_all(const SectorFileKey& file) const override;
  void copy(const SectorFileKey& from, const SectorFileKey& to) override;
  void remove(const SectorFileKey& file) override;
  void corrupt(const SectorFileKey& file) override;

 private:
  std::filesystem::path root_;
  std::map<StoragePathId, std::string> folders_;
};

}  // namespace sealsim::sealing
