#include "gpu/gpu_device.hpp"

#include <cuda_runtime.h>

#include "gpu/cuda_check.cuh"

namespace sealsim::gpu {

std::optional<std::string> cuda_unavailable_reason(int ordinal) {
  int count = 0;
  cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    return std::string("no CUDA device: ") + cudaGetErrorString(status);
  }
  if (ordinal < 0 || ordinal >= count) {
    return "no CUDA device " + std::to_string(ordinal) + " (" + std::to_string(count) + " present)";
  }
  cudaDeviceProp properties{};
  status = cudaGetDeviceProperties(&properties, ordinal);
  if (status != cudaSuccess) return std::string("cannot query the CUDA device: ") + cudaGetErrorString(status);
  if (properties.major < 7) {
    return std::string(properties.name) + " has compute capability " + std::to_string(properties.major) +
           "." + std::to_string(properties.minor) + "; sealsim needs 7.0 or newer";
  }
  return std::nullopt;
}

std::string describe_device(int ordinal) {
  cudaDeviceProp properties{};
  SEALSIM_CUDA_CHECK(cudaGetDeviceProperties(&properties, ordinal));
  return std::string(properties.name) + " (sm_" + std::to_string(properties.major) +
         std::to_string(properties.minor) + ", " + std::to_string(properties.multiProcessorCount) +
         " SMs)";
}

}  // namespace sealsim::gpu
