// cuda_check.cuh: SEALSIM_CUDA_CHECK(call) throws GpuError naming the call when it fails.
#pragma once

#include <cuda_runtime.h>

#include <string>

#include "gpu/gpu_error.hpp"

namespace sealsim::gpu::detail {

inline void check_cuda(cudaError_t status, const char* call, const char* file, int line) {
  if (status != cudaSuccess) {
    throw GpuError(std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
                   cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")");
  }
}

}  // namespace sealsim::gpu::detail

#define SEALSIM_CUDA_CHECK(call) ::sealsim::gpu::detail::check_cuda((call), #call, __FILE__, __LINE__)
