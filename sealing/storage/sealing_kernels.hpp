// sealing_kernels.hpp: the heavy hashing of the real proof backends — the AddPiece commitment,
// tree_d, and PreCommit2's trees and encoding — behind one interface, so `cpu` (model's functions)
// and `cuda` (gpu/'s kernels) share everything else: sector bookkeeping, PC1 labeling on the CPU
// (one sector's labels are a sequential chain), Commit1 proving from the trees the kernels built.
// Both implementations must give the same bytes (tests/gpu/cuda_proof_backend_check.cpp).
#pragma once

#include <memory>
#include <string_view>

#include "model/bytes.hpp"
#include "model/cached_merkle_tree.hpp"
#include "model/poseidon_tree.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_labels.hpp"
#include "model/sdr_replica.hpp"

namespace sealsim::sealing {

class SealingKernels {
 public:
  virtual ~SealingKernels() = default;
  // The proof backend these kernels make: "cpu" or "cuda".
  virtual std::string_view backend_name() const = 0;
  // CommP of a piece: `unpadded` is the whole piece (its unpadded size, zero-filled past the
  // data) and `padded` its fr32 padding.
  virtual Node32 piece_commitment(ByteSpan unpadded, ByteSpan padded) = 0;
  // tree_d over the padded sector, keeping the rows model's build_tree_d keeps.
  virtual CachedMerkleTree tree_d(ByteSpan padded_sector) = 0;
  // model's seal_pre_commit_phase2: replica, comm_c, comm_r_last, comm_r and the kept tree rows.
  virtual SealedReplica pre_commit2(const LabelLayers& labels, ByteSpan padded_sector, RegisteredSealProof proof,
                                    const PoseidonTreeHashers& hashers) = 0;
};

// model's functions on the CPU.
std::unique_ptr<SealingKernels> make_cpu_sealing_kernels();

}  // namespace sealsim::sealing
