// directory_sector_file_content.cpp: sector files on disk.
#include "sealing/storage/directory_sector_file_content.hpp"

#include <fstream>
#include <system_error>

#include "sealing/storage/storage_error.hpp"

namespace sealsim::sealing {
namespace {

std::uint64_t size_of(const std::filesystem::path& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::uint64_t>(size);
}

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw StorageError(StorageErrorKind::FileMissing, what + " " + path.string());
}

}  // namespace

std::filesystem::path DirectorySectorFileContent::file_path(const SectorFileKey& file) const {
  const auto named = folders_.find(file.path);
  const std::string folder = named != folders_.end() ? named->second : "path-" + std::to_string(file.path);
  return root_ / folder / std::string(to_string(file.type)) / sector_file_name(file.sector);
}

void DirectorySectorFileContent::write(const SectorFileKey& file, std::uint64_t offset, ByteSpan bytes) {
  const std::filesystem::path path = file_path(file);
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) fail("cannot create the folder of", path);
  if (!std::filesystem::exists(path)) std::ofstream(path, std::ios::binary);
  // Growing with zeros first: seeking past the end of a file and writing leaves a hole that reads
  // as zeros too, but resize says so.
  if (size_of(path) < offset) {
    std::filesystem::resize_file(path, offset, error);
    if (error) fail("cannot grow", path);
  }
  std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
  out.seekp(static_cast<std::streamoff>(offset));
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) fail("cannot write", path);
}

std::optional<Bytes> DirectorySectorFileContent::read(const SectorFileKey& file, std::uint64_t offset,
                                                      std::uint64_t length) const {
  const std::filesystem::path path = file_path(file);
  if (!std::filesystem::exists(path) || offset + length > size_of(path)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  Bytes out(length);
  in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(length));
  if (!in) return std::nullopt;
  return out;
}

std::optional<Bytes> DirectorySectorFileContent::read_all(const SectorFileKey& file) const {
  const std::filesystem::path path = file_path(file);
  if (!std::filesystem::exists(path)) return std::nullopt;
  return read(file, 0, size_of(path));
}

void DirectorySectorFileContent::copy(const SectorFileKey& from, const SectorFileKey& to) {
  const std::filesystem::path source = file_path(from);
  if (!std::filesystem::exists(source)) return;  // as the in-memory store: nothing to copy
  const std::filesystem::path target = file_path(to);
  std::error_code error;
  std::filesystem::create_directories(target.parent_path(), error);
  if (!error) std::filesystem::copy_file(source, target, std::filesystem::copy_options::overwrite_existing, error);
  if (error) fail("cannot copy " + source.string() + " to", target);
}

void DirectorySectorFileContent::remove(const SectorFileKey& file) {
  std::error_code ignored;  // a file already gone is removed
  std::filesystem::remove(file_path(file), ignored);
}

void DirectorySectorFileContent::corrupt(const SectorFileKey& file) {
  const std::filesystem::path path = file_path(file);
  if (!std::filesystem::exists(path)) return;
  std::optional<Bytes> first = read(file, 0, 1);
  const std::uint8_t flipped = static_cast<std::uint8_t>((first ? (*first)[0] : 0) ^ 0xff);
  write(file, 0, ByteSpan(&flipped, 1));
}

}  // namespace sealsim::sealing
