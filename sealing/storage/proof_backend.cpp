// proof_backend.cpp: the backend switch. `cuda` is refused where it cannot run (no CUDA in the
// build, no usable GPU): never a silent fallback to another backend.
#include "sealing/storage/proof_backend.hpp"

#include "sealing/storage/cpu_proof_backend.hpp"
#include "sealing/storage/mock_proof_backend.hpp"
#ifdef SEALSIM_WITH_CUDA
#include "gpu/gpu_device.hpp"
#include "sealing/storage/cuda_proof_backend.hpp"
#endif

namespace sealsim::sealing {

std::optional<std::string> proof_backend_unavailable_reason(std::string_view name) {
  if (name == "mock" || name == "cpu") return std::nullopt;
  if (name != "cuda") {
    throw ProofBackendError("unknown proof backend '" + std::string(name) + "' (expected mock, cpu or cuda)");
  }
#ifdef SEALSIM_WITH_CUDA
  if (auto why = gpu::cuda_unavailable_reason(0)) return "this machine has no usable GPU (" + *why + ")";
  return std::nullopt;
#else
  return "this build has no CUDA (nvcc was not found when it was configured; see scripts/gpu-check)";
#endif
}

std::unique_ptr<ProofBackend> make_proof_backend(std::string_view name) {
  return make_proof_backend(name, ProofBackendOptions{});
}

std::unique_ptr<ProofBackend> make_proof_backend(std::string_view name, const ProofBackendOptions& options) {
  if (name == "mock") return std::make_unique<MockProofBackend>();
  return make_real_proof_backend(name, options);
}

std::unique_ptr<CpuProofBackend> make_real_proof_backend(std::string_view name, const ProofBackendOptions& options) {
  if (name == "cpu") return std::make_unique<CpuProofBackend>(options);
  if (name == "mock") throw ProofBackendError("the mock proof backend computes no real proofs");
  if (auto why = proof_backend_unavailable_reason(name)) {
    throw ProofBackendError("proof backend '" + std::string(name) + "' is not available: " + *why);
  }
#ifdef SEALSIM_WITH_CUDA
  return make_cuda_proof_backend(options);
#else
  throw ProofBackendError("proof backend 'cuda' is not available");  // unreachable: refused above
#endif
}

}  // namespace sealsim::sealing
