// sector_file_content.cpp: in-memory sector file bytes.
#include "sealing/storage/sector_file_content.hpp"

#include <algorithm>

namespace sealsim::sealing {

void InMemorySectorFileContent::write(const SectorFileKey& file, std::uint64_t offset,
                                      ByteSpan bytes) {
  Bytes& content = files_[file];
  if (content.size() < offset + bytes.size()) content.resize(offset + bytes.size(), 0);
  std::copy(bytes.begin(), bytes.end(), content.begin() + static_cast<std::ptrdiff_t>(offset));
}

std::optional<Bytes> InMemorySectorFileContent::read(const SectorFileKey& file, std::uint64_t offset,
                                                     std::uint64_t length) const {
  const auto found = files_.find(file);
  if (found == files_.end() || offset + length > found->second.size()) return std::nullopt;
  const auto begin = found->second.begin() + static_cast<std::ptrdiff_t>(offset);
  return Bytes(begin, begin + static_cast<std::ptrdiff_t>(length));
}

std::optional<Bytes> InMemorySectorFileContent::read_all(const SectorFileKey& file) const {
  const auto found = files_.find(file);
  if (found == files_.end()) return std::nullopt;
  return found->second;
}

void InMemorySectorFileContent::copy(const SectorFileKey& from, const SectorFileKey& to) {
  const auto found = files_.find(from);
  if (found != files_.end()) files_[to] = found->second;
}

void InMemorySectorFileContent::remove(const SectorFileKey& file) { files_.erase(file); }

void InMemorySectorFileContent::corrupt(const SectorFileKey& file) {
  auto found = files_.find(file);
  if (found == files_.end()) return;
  if (found->second.empty()) found->second.push_back(0);
  found->second[0] ^= 0xff;
}

}  // namespace sealsim::sealing
