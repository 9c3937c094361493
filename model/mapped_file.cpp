// mapped_file.cpp: POSIX mmap wrapper with errors that name the file.
#include "model/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what) {
  throw ModelError(std::string(what) + " '" + path.string() + "': " + std::strerror(errno));
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::uint8_t* map(const std::filesystem::path& path, int fd, std::size_t size, bool writable) {
  if (size == 0) return nullptr;
  void* address = ::mmap(nullptr, size, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
  if (address == MAP_FAILED) fail(path, "cannot map");
  return static_cast<std::uint8_t*>(address);
}

}  // namespace

MappedFile MappedFile::create(const std::filesystem::path& path, std::size_t size) {
  Descriptor fd(::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) fail(path, "cannot create");
  if (::ftruncate(fd.get(), static_cast<off_t>(size)) != 0) fail(path, "cannot size");
  return MappedFile(path, map(path, fd.get(), size, true), size, true);
}

MappedFile MappedFile::open_read_only(const std::filesystem::path& path) {
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail(path, "cannot open");
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail(path, "cannot stat");
  auto size = static_cast<std::size_t>(info.st_size);
  return MappedFile(path, map(path, fd.get(), size, false), size, false);
}

MappedFile::MappedFile(std::filesystem::path path, std::uint8_t* data, std::size_t size, bool writable)
    : path_(std::move(path)), data_(data), size_(size), writable_(writable) {}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : path_(std::move(other.path_)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      writable_(other.writable_) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    writable_ = other.writable_;
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() noexcept {
  if (data_ != nullptr) ::munmap(data_, size_);
  data_ = nullptr;
  size_ = 0;
}

std::span<std::uint8_t> MappedFile::writable_bytes() {
  if (!writable_) throw ModelError("file '" + path_.string() + "' is mapped read-only");
  return {data_, size_};
}

void MappedFile::sync() const {
  if (writable_ && data_ != nullptr && ::msync(data_, size_, MS_SYNC) != 0) fail(path_, "cannot sync");
}

void MappedFile::rename(const std::filesystem::path& to) {
  std::error_code error;
  std::filesystem::rename(path_, to, error);
  if (error) {
    throw ModelError("cannot rename '" + path_.string() + "' to '" + to.string() + "': " + error.message());
  }
  path_ = to;
}

}  // namespace sealsim
