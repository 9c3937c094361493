// gpu_device.hpp: whether a usable CUDA device is present, asked without throwing, so callers can
// skip (tests) or refuse with a clear message (the cuda proof backend).
#pragma once

#include <optional>
#include <string>

namespace sealsim::gpu {

// nullopt when device `ordinal` can run sealsim's kernels; otherwise why not.
std::optional<std::string> cuda_unavailable_reason(int ordinal = 0);
// "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs)"
std::string describe_device(int ordinal = 0);

}  // namespace sealsim::gpu
