// cuda_proof_backend.cpp: gpu/'s kernels behind SealingKernels.
#include "sealing/storage/cuda_proof_backend.hpp"

#include <string>

#include "gpu/gpu_device.hpp"
#include "gpu/gpu_error.hpp"
#include "gpu/gpu_piece_commitment.hpp"
#include "gpu/gpu_poseidon.hpp"

namespace sealsim::sealing {
namespace {

class CudaSealingKernels final : public SealingKernels {
 public:
  explicit CudaSealingKernels(int device) : committer_(device), poseidon_(device) {}

  std::string_view backend_name() const override { return "cuda"; }

  Node32 piece_commitment(ByteSpan unpadded, ByteSpan padded) override {
    // CommP from the unpadded bytes: the device does the fr32 padding itself.
    return committer_.compute(unpadded, PaddedPieceSize(padded.size())).commitment;
  }

  CachedMerkleTree tree_d(ByteSpan padded_sector) override {
    const std::uint64_t nodes = padded_sector.size() / 32;
    const unsigned discard = CachedMerkleTree::default_rows_to_discard(nodes, 2);
    return CachedMerkleTree::from_kept_rows(
        nodes, 2, discard, committer_.tree_d_rows(padded_sector, CachedMerkleTree::kept_row_of(nodes, 2, discard)));
  }

  SealedReplica pre_commit2(const LabelLayers& labels, ByteSpan padded_sector, RegisteredSealProof proof,
                            const PoseidonTreeHashers&) override {
    return poseidon_.seal_pre_commit_phase2(labels, padded_sector, proof);
  }

 private:
  gpu::GpuPieceCommitter committer_;
  gpu::GpuPoseidon poseidon_;
};

}  // namespace

std::unique_ptr<SealingKernels> make_cuda_sealing_kernels(int device) {
  if (auto why = gpu::cuda_unavailable_reason(device)) {
    throw ProofBackendError("proof backend 'cuda' is not available: " + *why);
  }
  try {
    return std::make_unique<CudaSealingKernels>(device);
  } catch (const gpu::GpuError& error) {
    throw ProofBackendError(std::string("proof backend 'cuda' is not available: ") + error.what());
  }
}

std::unique_ptr<CpuProofBackend> make_cuda_proof_backend(const ProofBackendOptions& options) {
  return std::make_unique<CpuProofBackend>(options, make_cuda_sealing_kernels());
}

}  // namespace sealsim::sealing
