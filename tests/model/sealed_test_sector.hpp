// sealed_test_sector.hpp: a 2 KiB sector carried through PC1 and PC2 by the model, owning
// everything Commit1 reads, for the Commit1 / verification tests; the V-SEAL-1 sector
// (vectors-published.md: lotus-bench t01000, sector 1, zero ticket, zero data).
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "model/replica_id.hpp"
#include "model/seal_commit_phase1.hpp"
#include "model/vanilla_proof_verifier.hpp"

namespace sealsim {

inline constexpr RegisteredSealProof kProof = RegisteredSealProof::StackedDrg2KiBV1_1;

// A 2 KiB sector carried through PC1 and PC2, owning everything Commit1 reads.
struct SealedTestSector {
  Bytes padded;
  Node32 prover_id{};
  SectorNumber number = 0;
  Node32 ticket{};
  Node32 comm_d{};
  Node32 replica_id{};
  std::unique_ptr<ParentCache> cache;
  std::unique_ptr<LabelLayers> labels;
  std::unique_ptr<CachedMerkleTree> tree_d;
  std::unique_ptr<SealedReplica> sealed;

  SealedSectorView view() const {
    return SealedSectorView{kProof, prover_id, number, ticket, comm_d, replica_id, cache.get(),
                            labels.get(), padded, tree_d.get(), sealed.get()};
  }
  SealVerifyInputs inputs(const Node32& seed) const {
    return SealVerifyInputs{kProof, prover_id, number, ticket, seed, comm_d, sealed->comm_r};
  }
};

// One verifier for the whole suite: building its Poseidon constants dominates a 2 KiB check.
inline const VanillaProofVerifier& verifier() {
  static const VanillaProofVerifier instance;
  return instance;
}

inline SealedTestSector seal(Bytes padded, ActorId miner, SectorNumber number, const Node32& ticket) {
  SealedTestSector s;
  s.padded = std::move(padded);
  s.prover_id = prover_id_from_actor(miner);
  s.number = number;
  s.ticket = ticket;
  s.tree_d = std::make_unique<CachedMerkleTree>(build_tree_d(s.padded));
  s.comm_d = s.tree_d->root();
  s.replica_id = compute_replica_id(s.prover_id, number, ticket, s.comm_d, kProof);
  s.cache = std::make_unique<ParentCache>(ParentCache::in_memory(SdrGraph(kProof)));
  s.labels = std::make_unique<LabelLayers>(generate_labels(*s.cache, s.replica_id, kProof));
  s.sealed = std::make_unique<SealedReplica>(seal_pre_commit_phase2(*s.labels, s.padded, kProof, verifier().tree_hashers()));
  return s;
}

// V-SEAL-1: t01000, sector 1, zero ticket, all-zero data.
inline const SealedTestSector& lotus_bench_sector() {
  static const SealedTestSector sector = seal(Bytes(2048, 0), 1000, 1, Node32{});
  return sector;
}

// Flips bit 0 of byte i for i < 600 (header and first proofs) and every `stride`-th byte after,
// expecting each tampered proof to fail verification.
inline void expect_every_flip_fails(std::size_t stride) {
  const SealedTestSector& s = lotus_bench_sector();
  const Node32 seed{};
  const Bytes bytes = serialize_vanilla_proofs(seal_commit_phase1(s.view(), seed, verifier().tree_hashers()));
  ASSERT_TRUE(verifier().verify_bytes(bytes, s.inputs(seed)).valid);
  for (std::size_t i = 0; i < bytes.size(); i += (i < 600 ? 1 : stride)) {
    Bytes tampered = bytes;
    tampered[i] ^= 0x01;
    ASSERT_FALSE(verifier().verify_bytes(tampered, s.inputs(seed)).valid) << "byte " << i;
  }
}

}  // namespace sealsim
