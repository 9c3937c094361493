// gpu_error.hpp: errors of the CUDA proof path. Every CUDA call is checked; a failure names the
// call, the source location and CUDA's own message.
#pragma once

#include <stdexcept>
#include <string>

namespace sealsim::gpu {

class GpuError : public std::runtime_error {
 public:
  explicit GpuError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace sealsim::gpu
