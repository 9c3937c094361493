// seal_commit_phase1.hpp: Commit1 (spec proofs.md §8.2): for every interactive challenge, the
// vanilla proof from the sector's PC1/PC2 state — tree_d, tree_c and tree_r_last inclusion paths
// (discarded rows rebuilt from the leaves), the 15 columns, labeling and encoding proofs.
#pragma once

#include <span>

#include "model/cached_merkle_tree.hpp"
#include "model/parent_cache.hpp"
#include "model/sdr_labels.hpp"
#include "model/sdr_replica.hpp"
#include "model/vanilla_proof.hpp"

namespace sealsim {

// What PC1 and PC2 left of one sector; views, so the caller keeps the storage alive.
struct SealedSectorView {
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  Node32 prover_id{};
  SectorNumber sector = 0;
  Node32 ticket{};
  Node32 comm_d{};
  Node32 replica_id{};
  const ParentCache* parents = nullptr;
  const LabelLayers* labels = nullptr;
  ByteSpan padded_data;  // the unsealed sector, fr32-padded (tree_d's leaves)
  const CachedMerkleTree* tree_d = nullptr;
  const SealedReplica* sealed = nullptr;  // replica, trees, comm_c, comm_r_last, comm_r
};

// Throws ModelError when the view is incomplete or inconsistent with the proof type.
SealCommitPhase1Output seal_commit_phase1(const SealedSectorView& sector, const Node32& seed);
// Same with Poseidon hashers built once by the caller.
SealCommitPhase1Output seal_commit_phase1(const SealedSectorView& sector, const Node32& seed,
                                          const PoseidonTreeHashers& hashers);

}  // namespace sealsim
