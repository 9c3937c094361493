// vector_file_error.hpp: the error for a vector file that cannot be used as written (unreadable,
// broken JSON, wrong shape); its message names the file, the JSON path and what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace sealsim::vectors {

class VectorFileError : public std::runtime_error {
 public:
  explicit VectorFileError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace sealsim::vectors
