// seal_commit_phase1.cpp: vanilla proofs of the interactive challenges (spec §8.2).
#include "model/seal_commit_phase1.hpp"

#include <optional>
#include <string>

#include "model/model_error.hpp"
#include "model/porep_challenges.hpp"

namespace sealsim {
namespace {

struct Provers {
  const SealedSectorView& sector;
  const PoseidonTreeHashers& hashers;
  std::optional<PoseidonHasher> own_column_hasher;
  const PoseidonHasher& column_hasher;
  LeafSource column_source;
  LeafSource replica_source;
  LeafSource data_source;

  Provers(const SealedSectorView& s, const PoseidonTreeHashers& shared)
      : sector(s),
        hashers(shared),
        column_hasher(column_hasher_for(s.labels->layer_count(), shared, own_column_hasher)),
        column_source(column_leaves(*s.labels, column_hasher)),
        replica_source(node_leaves(s.sealed->replica)),
        data_source(data_leaves(s.padded_data)) {}

  ColumnProof column(std::uint64_t node) const {
    ColumnProof out;
    for (unsigned l = 1; l <= sector.labels->layer_count(); ++l) out.labels.push_back(sector.labels->layer(l)[node]);
    out.tree_c_proof = sector.sealed->tree_c.prove(node, hashers, column_source);
    return out;
  }

  ChallengeProof challenge(std::uint64_t x) const {
    ChallengeProof out;
    out.challenge = x;
    out.comm_d_proof = sector.tree_d->prove(x, MerkleHashing::sha254(), data_source);
    out.column = column(x);
    const auto parents = sector.parents->parents(x);
    for (std::size_t j = 0; j < SdrGraph::kBaseDegree; ++j) out.drg_parents[j] = column(parents[j]);
    for (std::size_t j = 0; j < SdrGraph::kExpansionDegree; ++j) {
      out.exp_parents[j] = column(parents[SdrGraph::kBaseDegree + j]);
    }
    out.comm_r_last_proof = sector.sealed->tree_r_last.prove(x, hashers, replica_source);
    const unsigned layers = sector.labels->layer_count();
    for (std::uint32_t l = 1; l <= layers; ++l) {
      out.labeling_proofs.push_back(
          LabelingProof{l, x, labeling_parents(*sector.parents, *sector.labels, l, x)});
    }
    out.encoding_proof = out.labeling_proofs.back();
    return out;
  }
};

void check_view(const SealedSectorView& s) {
  if (s.parents == nullptr || s.labels == nullptr || s.tree_d == nullptr || s.sealed == nullptr) {
    throw ModelError("Commit1 needs the parent cache, labels, tree_d and the PreCommit2 result");
  }
  const SealProofInfo& info = seal_proof_info(s.proof);
  if (s.parents->nodes() != info.nodes() || s.labels->nodes() != info.nodes() ||
      s.labels->layer_count() != info.layers || s.padded_data.size() != info.sector_size ||
      s.sealed->replica.size() != info.nodes() || s.tree_d->leaf_count() != info.nodes()) {
    throw ModelError("Commit1 for " + std::string(info.name) +
                     ": the sector's data, labels, trees or parent cache do not have " +
                     std::to_string(info.nodes()) + " nodes and " + std::to_string(info.layers) +
                     " layers");
  }
  if (s.tree_d->root() != s.comm_d) {
    throw ModelError("Commit1: tree_d root " + to_hex(as_span(s.tree_d->root())) +
                     " is not comm_d " + to_hex(as_span(s.comm_d)));
  }
}

}  // namespace

SealCommitPhase1Output seal_commit_phase1(const SealedSectorView& sector, const Node32& seed) {
  return seal_commit_phase1(sector, seed, PoseidonTreeHashers());
}

SealCommitPhase1Output seal_commit_phase1(const SealedSectorView& sector, const Node32& seed,
                                          const PoseidonTreeHashers& hashers) {
  check_view(sector);
  const Provers provers(sector, hashers);
  SealCommitPhase1Output out;
  out.proof = sector.proof;
  out.prover_id = sector.prover_id;
  out.sector = sector.sector;
  out.ticket = sector.ticket;
  out.seed = seed;
  out.comm_d = sector.comm_d;
  out.comm_r = sector.sealed->comm_r;
  out.replica_id = sector.replica_id;
  for (const auto& challenges : interactive_porep_challenges(sector.replica_id, seed, sector.proof)) {
    std::vector<ChallengeProof> partition;
    for (std::uint64_t x : challenges) partition.push_back(provers.challenge(x));
    out.partitions.push_back(std::move(partition));
  }
  return out;
}

}  // namespace sealsim
