// poseidon_device.cuh: the Poseidon permutation of model/poseidon.cpp in its optimised schedule
// (full rounds with the dense MDS, partial rounds with one constant and a sparse matrix each), over
// fr_device.cuh, for a compile-time width. __host__ __device__ so CI checks it against model on
// the CPU; the kernels in gpu_poseidon.cu run the same code.
#pragma once

#include "gpu/fr_device.cuh"

namespace sealsim::gpu {

// Views into one flat array of Montgomery constants (host or device memory), laid out by
// flatten_poseidon_constants (gpu_poseidon.hpp).
struct PoseidonDeviceConstants {
  const FrLimbs* round_constants;  // optimised: width per full round, 1 per partial round
  const FrLimbs* mds;              // width × width, row-major
  const FrLimbs* pre_sparse;       // width × width, row-major
  const FrLimbs* sparse;           // per partial round: first_row[width], first_column[width]
  unsigned half_full_rounds;
  unsigned partial_rounds;
};

// Σ row[k]·state[k] with one reduction (fr_device::FrWideSum): a matrix row times the state.
template <unsigned W>
SEALSIM_FR_OUTLINE FrLimbs poseidon_row_product(const FrLimbs* row, const FrLimbs (&state)[W]) {
  static_assert(W <= fr_device::kMaxWideSumTerms);
  fr_device::FrWideSum sum = {};
  for (unsigned k = 0; k < W; ++k) fr_device::add_product(sum, row[k], state[k]);
  return fr_device::reduce_wide(sum);
}

template <unsigned W>
SEALSIM_FR_INLINE void poseidon_dense_mix(const FrLimbs* matrix, FrLimbs (&state)[W]) {
  FrLimbs mixed[W];
  for (unsigned j = 0; j < W; ++j) mixed[j] = poseidon_row_product<W>(matrix + j * W, state);
SEALSIM_UNROLL
  for (unsigned j = 0; j < W; ++j) state[j] = mixed[j];
}

template <unsigned W>
SEALSIM_FR_OUTLINE void poseidon_full_round(const FrLimbs* round_constant, const FrLimbs* matrix,
                                            FrLimbs (&state)[W]) {
SEALSIM_UNROLL
  for (unsigned i = 0; i < W; ++i) {
    state[i] = fr_device::quintic(fr_device::add(state[i], round_constant[i]));
  }
  poseidon_dense_mix<W>(matrix, state);
}

template <unsigned W>
SEALSIM_FR_INLINE void poseidon_permute(const PoseidonDeviceConstants& c, FrLimbs (&state)[W]) {
  const FrLimbs* round_constant = c.round_constants;
  // One call site per full round keeps a single copy of the (large) round body.
  for (unsigned round = 0; round < c.half_full_rounds; ++round) {
    poseidon_full_round<W>(round_constant, round + 1 < c.half_full_rounds ? c.mds : c.pre_sparse,
                           state);
    round_constant += W;
  }
  const FrLimbs* sparse = c.sparse;
  for (unsigned round = 0; round < c.partial_rounds; ++round) {
    state[0] = fr_device::quintic(fr_device::add(state[0], *round_constant++));
    const FrLimbs first = state[0];
    state[0] = poseidon_row_product<W>(sparse, state);
SEALSIM_UNROLL
    for (unsigned i = 1; i < W; ++i) {
      state[i] = fr_device::add(state[i], fr_device::multiply_outlined(sparse[W + i], first));
    }
    sparse += 2 * W;
  }
  for (unsigned round = 0; round < c.half_full_rounds; ++round) {
    poseidon_full_round<W>(round_constant, c.mds, state);
    round_constant += W;
  }
}

// One MerkleTree-style hash: state = [domain tag, inputs...], output state[1]. Inputs and output
// are canonical (non-Montgomery) field elements, as nodes are stored.
template <unsigned W>
SEALSIM_FR_INLINE FrLimbs poseidon_hash_canonical(const PoseidonDeviceConstants& c,
                                                  const FrLimbs& domain_tag, const FrLimbs* inputs,
                                                  std::size_t input_stride) {
  FrLimbs state[W];
  state[0] = domain_tag;
SEALSIM_UNROLL
  for (unsigned i = 1; i < W; ++i) {
    state[i] = fr_device::to_montgomery(inputs[std::size_t{i - 1} * input_stride]);
  }
  poseidon_permute<W>(c, state);
  return fr_device::from_montgomery(state[1]);
}

}  // namespace sealsim::gpu
