// mapped_file.hpp: a read-write or read-only memory mapping of a whole file (POSIX mmap), for
// the large on-disk SDR structures (parent cache, label layers) that must not live in RAM.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace sealsim {

class MappedFile {
 public:
  // Creates (or truncates) `path` to `size` bytes and maps it writable.
  static MappedFile create(const std::filesystem::path& path, std::size_t size);
  // Maps an existing file read-only.
  static MappedFile open_read_only(const std::filesystem::path& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::span<std::uint8_t> writable_bytes();  // throws ModelError for read-only mappings
  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }
  const std::filesystem::path& path() const { return path_; }
  // Flushes a writable mapping to disk; throws ModelError naming the file on failure.
  void sync() const;
  // Renames the file (the mapping stays valid); with a temporary name and sync() first, this
  // publishes a complete file atomically, so a kill never leaves a partial file under `to`.
  void rename(const std::filesystem::path& to);

 private:
  MappedFile(std::filesystem::path path, std::uint8_t* data, std::size_t size, bool writable);
  void release() noexcept;

  std::filesystem::path path_;
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  bool writable_ = false;
};

}  // namespace sealsim
