// storage_error.hpp: the one exception type of the storage layer; its kind lets the sector manager
// map a storage fault to the failure event the FSM expects.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sealsim::sealing {

enum class StorageErrorKind {
  PathFull,          // no path of the wanted kind has room for the file
  NoSuitablePath,    // no attached path of the wanted kind at all
  FileMissing,       // the sector has no copy of the file
  FileCorrupted,     // the only copies left fail verification
  PathDetached,      // the only copies are on detached paths
  OnlyCopy,          // refused: removing it would delete the sector's only good copy
  UnknownPath,
};

std::string_view to_string(StorageErrorKind kind);

class StorageError : public std::runtime_error {
 public:
  StorageError(StorageErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  StorageErrorKind kind() const { return kind_; }

 private:
  StorageErrorKind kind_;
};

}  // namespace sealsim::sealing
