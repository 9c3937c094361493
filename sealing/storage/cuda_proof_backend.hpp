// cuda_proof_backend.hpp: the `cuda` proof backend: the cpu backend's bookkeeping, PC1 labeling
// and Commit1 with gpu/'s kernels for the AddPiece commitment (GpuPieceCommitter), tree_d (its
// rows hashed on the device) and PreCommit2 (GpuPoseidon: columns, tree_c, encoding,
// tree_r_last). Same bytes as `cpu` for every output (tests/gpu/cuda_proof_backend_check.cpp).
// Built only when CUDA is (SEALSIM_HAVE_CUDA); proof_backend.cpp says why it is unavailable
// otherwise.
#pragma once

#include <memory>

#include "sealing/storage/cpu_proof_backend.hpp"
#include "sealing/storage/sealing_kernels.hpp"

namespace sealsim::sealing {

// Throws ProofBackendError naming the reason when device `device` cannot run the kernels.
std::unique_ptr<SealingKernels> make_cuda_sealing_kernels(int device = 0);
std::unique_ptr<CpuProofBackend> make_cuda_proof_backend(const ProofBackendOptions& options);

}  // namespace sealsim::sealing
