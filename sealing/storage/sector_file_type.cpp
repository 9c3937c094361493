// sector_file_type.cpp: file names and size overheads.
#include "sealing/storage/sector_file_type.hpp"

namespace sealsim::sealing {
namespace {

constexpr std::uint64_t kOverheadDenominator = 10;

std::uint64_t scaled(std::uint64_t sector_size, std::uint64_t tenths) {
  return sector_size * tenths / kOverheadDenominator;  // no overflow below 2^59-byte sectors
}

}  // namespace

std::string_view to_string(SectorFileType type) {
  switch (type) {
    case SectorFileType::Unsealed: return "unsealed";
    case SectorFileType::Sealed: return "sealed";
    case SectorFileType::Cache: return "cache";
  }
  return "unknown";
}

std::uint64_t sealing_file_size(SectorFileType type, std::uint64_t sector_size) {
  return scaled(sector_size, type == SectorFileType::Cache ? 141 : kOverheadDenominator);
}

std::uint64_t finalized_file_size(SectorFileType type, std::uint64_t sector_size) {
  return scaled(sector_size, type == SectorFileType::Cache ? 2 : kOverheadDenominator);
}

}  // namespace sealsim::sealing
