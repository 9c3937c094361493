// poseidon_flat_constants.hpp: one Poseidon instance's optimised constants flattened into a single
// array of Montgomery values, the form the GPU kernels read (and the CPU check of the device code).
#pragma once

#include <vector>

#include "gpu/poseidon_device.cuh"
#include "model/poseidon.hpp"

namespace sealsim::gpu {

struct FlatPoseidonConstants {
  unsigned arity = 0;
  unsigned width = 0;
  unsigned half_full_rounds = 0;
  unsigned partial_rounds = 0;
  FrLimbs domain_tag{};
  std::vector<FrLimbs> values;  // round constants, mds, pre-sparse, sparse matrices
  std::size_t mds_offset = 0;
  std::size_t pre_sparse_offset = 0;
  std::size_t sparse_offset = 0;

  // Views over `base`, a copy of `values` (host or device memory).
  PoseidonDeviceConstants view(const FrLimbs* base) const {
    return PoseidonDeviceConstants{base, base + mds_offset, base + pre_sparse_offset,
                                   base + sparse_offset, half_full_rounds, partial_rounds};
  }
};

FlatPoseidonConstants flatten_poseidon_constants(const PoseidonHasher& hasher);

}  // namespace sealsim::gpu
