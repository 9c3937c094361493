// model_error.hpp: the one exception type of the model layer. Every message names the offending
// value, so callers (CLI, scenario loader, vector runner) can add where the value came from.
#pragma once

#include <stdexcept>
#include <string>

namespace sealsim {

class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace sealsim
