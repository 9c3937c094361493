// sealing_kernels.cpp: the CPU kernels of the real proof path (model's functions).
#include "sealing/storage/sealing_kernels.hpp"

#include "model/piece_commitment.hpp"

namespace sealsim::sealing {
namespace {

class CpuSealingKernels final : public SealingKernels {
 public:
  std::string_view backend_name() const override { return "cpu"; }
  Node32 piece_commitment(ByteSpan, ByteSpan padded) override { return padded_tree_root(padded); }
  CachedMerkleTree tree_d(ByteSpan padded_sector) override { return build_tree_d(padded_sector); }
  SealedReplica pre_commit2(const LabelLayers& labels, ByteSpan padded_sector, RegisteredSealProof proof,
                            const PoseidonTreeHashers& hashers) override {
    return seal_pre_commit_phase2(labels, padded_sector, proof, hashers);
  }
};

}  // namespace

std::unique_ptr<SealingKernels> make_cpu_sealing_kernels() { return std::make_unique<CpuSealingKernels>(); }

}  // namespace sealsim::sealing
