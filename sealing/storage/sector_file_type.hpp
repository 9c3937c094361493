// sector_file_type.hpp: the files a sector has on storage paths (unsealed, sealed, cache) and their
// sizes while sealing and once finalized (Lotus v1.11.0 storiface/filetype.go FSOverheadSeal and
// FsOverheadFinalized, in tenths of the sector size).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sealsim::sealing {

enum class SectorFileType { Unsealed, Sealed, Cache };

inline constexpr std::array<SectorFileType, 3> kAllSectorFileTypes{
    SectorFileType::Unsealed, SectorFileType::Sealed, SectorFileType::Cache};

std::string_view to_string(SectorFileType type);  // "unsealed", "sealed", "cache"

// Space a file takes while the sector is being sealed: unsealed and sealed 1×, cache 14.1× (11
// layers, tree D at 2×, trees C and R).
std::uint64_t sealing_file_size(SectorFileType type, std::uint64_t sector_size);
// Space once finalized: the cache keeps only tree R's top levels and p_aux (0.2×).
std::uint64_t finalized_file_size(SectorFileType type, std::uint64_t sector_size);

// Lotus PathType: where a file is allocated.
enum class PathKind { Sealing, Storage };

}  // namespace sealsim::sealing
