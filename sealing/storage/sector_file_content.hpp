// sector_file_content.hpp: where the bytes of sector files live when a scenario asks for real data
// (small sectors only); the storage index works on sizes alone when no content store is given.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>

#include "model/bytes.hpp"
#include "model/sector_id.hpp"
#include "sealing/storage/sector_file_type.hpp"

namespace sealsim::sealing {

using StoragePathId = std::uint32_t;

struct SectorFileKey {
  SectorId sector;
  SectorFileType type = SectorFileType::Unsealed;
  StoragePathId path = 0;
  friend auto operator<=>(const SectorFileKey&, const SectorFileKey&) = default;
};

class SectorFileContent {
 public:
  virtual ~SectorFileContent() = default;
  // Writes at `offset`, growing the file with zeros as needed.
  virtual void write(const SectorFileKey& file, std::uint64_t offset, ByteSpan bytes) = 0;
  // Returns nullopt when the file does not exist or the range reaches past its end.
  virtual std::optional<Bytes> read(const SectorFileKey& file, std::uint64_t offset,
                                    std::uint64_t length) const = 0;
  virtual std::optional<Bytes> read_all(const SectorFileKey& file) const = 0;
  virtual void copy(const SectorFileKey& from, const SectorFileKey& to) = 0;
  virtual void remove(const SectorFileKey& file) = 0;
  // Fault injection: flips bits of one byte so the copy no longer verifies.
  virtual void corrupt(const SectorFileKey& file) = 0;
};

class InMemorySectorFileContent final : public SectorFileContent {
 public:
  void write(const SectorFileKey& file, std::uint64_t offset, ByteSpan bytes) override;
  std::optional<Bytes> read(const SectorFileKey& file, std::uint64_t offset,
                            std::uint64_t length) const override;
  std::optional<Bytes> read_all(const SectorFileKey& file) const override;
  void copy(const SectorFileKey& from, const SectorFileKey& to) override;
  void remove(const SectorFileKey& file) override;
  void corrupt(const SectorFileKey& file) override;

 private:
  std::map<SectorFileKey, Bytes> files_;
};

}  // namespace sealsim::sealing
