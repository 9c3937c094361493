// vanilla_proof_verifier.cpp: vanilla PoRep verification (spec §8.3).
#include "model/vanilla_proof_verifier.hpp"

#include <string>

#include "model/cached_merkle_tree.hpp"
#include "model/field_fr.hpp"
#include "model/model_error.hpp"
#include "model/porep_challenges.hpp"
#include "model/poseidon_tree.hpp"
#include "model/replica_id.hpp"
#include "model/sdr_graph.hpp"

namespace sealsim {
namespace {

// Thrown inside the verifier for a failed check; never escapes it.
struct Rejected {
  std::string reason;
};

void require(bool condition, const std::string& reason) {
  if (!condition) throw Rejected{reason};
}

std::string at(std::uint64_t x) { return "challenge " + std::to_string(x) + ": "; }

class Verifier {
 public:
  Verifier(const VanillaProofVerifier& owner, const SealCommitPhase1Output& proofs,
           const SealVerifyInputs& inputs)
      : proofs_(proofs),
        inputs_(inputs),
        info_(seal_proof_info(inputs.proof)),
        graph_(inputs.proof),
        hashers_(owner.tree_hashers()),
        column_hasher_(owner.column_hasher(info_.layers)),
        tree_d_arities_(binary_path_arities(info_.nodes())),
        tree_arities_(ShapedMerkleTree::path_arities(info_.nodes(), info_.tree_shape)) {}

  void run() {
    require(proofs_.proof == inputs_.proof, "proof type " + std::string(seal_proof_info(proofs_.proof).name) +
                                                " is not the sector's " + std::string(info_.name));
    require(proofs_.prover_id == inputs_.prover_id, "prover id differs");
    require(proofs_.sector == inputs_.sector, "sector number differs");
    require(proofs_.ticket == inputs_.ticket, "ticket differs");
    require(proofs_.seed == inputs_.seed, "seed differs");
    require(proofs_.comm_d == inputs_.comm_d, "comm_d differs");
    require(proofs_.comm_r == inputs_.comm_r, "comm_r differs");
    replica_id_ = compute_replica_id(inputs_.prover_id, inputs_.sector, inputs_.ticket, inputs_.comm_d,
                                     inputs_.proof);
    require(proofs_.replica_id == replica_id_, "replica id does not match prover, sector, ticket and comm_d");
    const auto challenges = interactive_porep_challenges(replica_id_, inputs_.seed, inputs_.proof);
    require(proofs_.partitions.size() == challenges.size(), "partition count differs");
    for (std::size_t k = 0; k < challenges.size(); ++k) {
      const auto& partition = proofs_.partitions[k];
      require(partition.size() == challenges[k].size() && !partition.empty(),
              "challenge count of partition " + std::to_string(k) + " differs");
      comm_c_ = partition.front().column.tree_c_proof.root;
      comm_r_last_ = partition.front().comm_r_last_proof.root;
      require(compute_comm_r(comm_c_, comm_r_last_, hashers_.h2) == inputs_.comm_r,
              "H2(comm_c, comm_r_last) is not comm_r");
      for (std::size_t i = 0; i < partition.size(); ++i) challenge(partition[i], challenges[k][i]);
    }
  }

 private:
  void path(const MerkleInclusionProof& proof, const std::vector<unsigned>& arities,
            const MerkleHashing& hashing, std::uint64_t index, const Node32& root, const std::string& what) {
    require(proof.arities() == arities, what + " has the wrong path shape");
    require(proof.leaf_index() == index, what + " proves leaf " + std::to_string(proof.leaf_index()) +
                                             ", expected " + std::to_string(index));
    require(proof.root == root, what + " has the wrong root");
    require(proof.verify(hashing), what + " does not hash to its root");
  }

  void column(const ColumnProof& c, std::uint64_t node, const std::string& what) {
    require(c.labels.size() == info_.layers, what + " has the wrong length");
    require(c.tree_c_proof.leaf == column_hash(c.labels, column_hasher_), what + " is not its tree_c leaf");
    path(c.tree_c_proof, tree_arities_, MerkleHashing::poseidon(hashers_), node, comm_c_, what + " tree_c path");
  }

  // The labeling proof's parents must be the parent columns' labels in hashing order (§5.5).
  void labeling(const ChallengeProof& c, const LabelingProof& proof, std::uint32_t layer,
                const std::string& what) {
    const std::uint64_t x = c.challenge;
    require(proof.layer == layer && proof.node == x, what + " is for another layer or node");
    require(proof.parents.size() == kLabelParentRepeats, what + " does not have 37 parents");
    std::vector<Node32> q;
    for (const ColumnProof& p : c.drg_parents) q.push_back(p.labels[layer - 1]);
    if (layer > 1) {
      for (const ColumnProof& p : c.exp_parents) q.push_back(p.labels[layer - 2]);
    }
    for (std::size_t i = 0; i < proof.parents.size(); ++i) {
      require(proof.parents[i] == q[i % q.size()], what + " parent " + std::to_string(i) +
                                                       " is not the parent column's label");
    }
  }

  void challenge(const ChallengeProof& c, std::uint64_t x) {
    const std::string where = at(x);
    require(c.challenge == x, where + "proof is for node " + std::to_string(c.challenge));
    path(c.comm_d_proof, tree_d_arities_, MerkleHashing::sha254(), x, inputs_.comm_d, where + "tree_d path");
    column(c.column, x, where + "column");
    std::array<std::uint32_t, SdrGraph::kParentCount> parents{};
    graph_.parents(x, parents);
    for (std::size_t j = 0; j < SdrGraph::kBaseDegree; ++j) {
      column(c.drg_parents[j], parents[j], where + "DRG parent column " + std::to_string(j));
    }
    for (std::size_t j = 0; j < SdrGraph::kExpansionDegree; ++j) {
      column(c.exp_parents[j], parents[SdrGraph::kBaseDegree + j],
             where + "expander parent column " + std::to_string(j));
    }
    path(c.comm_r_last_proof, tree_arities_, MerkleHashing::poseidon(hashers_), x, comm_r_last_,
         where + "tree_r_last path");
    require(c.labeling_proofs.size() == info_.layers, where + "labeling proof count differs");
    for (std::uint32_t l = 1; l <= info_.layers; ++l) {
      const LabelingProof& proof = c.labeling_proofs[l - 1];
      const std::string what = where + "labeling proof of layer " + std::to_string(l);
      labeling(c, proof, l, what);
      require(label_from_proof(replica_id_, proof) == c.column.labels[l - 1],
              what + " does not give the column's label");
    }
    labeling(c, c.encoding_proof, info_.layers, where + "encoding proof");
    const Node32 key = label_from_proof(replica_id_, c.encoding_proof);
    const auto data = Fr::try_from_bytes_le(c.comm_d_proof.leaf);
    const auto replica = Fr::try_from_bytes_le(c.comm_r_last_proof.leaf);
    require(data && replica, where + "data or replica node is not a field element");
    require(*replica == *data + Fr::from_bytes_le(key), where + "replica node is not data + key");
  }

  const SealCommitPhase1Output& proofs_;
  const SealVerifyInputs& inputs_;
  const SealProofInfo& info_;
  SdrGraph graph_;
  const PoseidonTreeHashers& hashers_;
  const PoseidonHasher& column_hasher_;
  std::vector<unsigned> tree_d_arities_;
  std::vector<unsigned> tree_arities_;
  Node32 replica_id_{};
  Node32 comm_c_{};
  Node32 comm_r_last_{};
};

}  // namespace

VanillaProofVerifier::VanillaProofVerifier() = default;

const PoseidonHasher& VanillaProofVerifier::column_hasher(unsigned layers) const {
  if (layers == 2) return column2_;
  if (layers == 11) return column11_;
  throw ModelError("no column hasher for " + std::to_string(layers) + " layers (sealing uses 2 or 11)");
}

VanillaVerification VanillaProofVerifier::verify(const SealCommitPhase1Output& proofs,
                                                 const SealVerifyInputs& inputs) const {
  try {
    Verifier(*this, proofs, inputs).run();
  } catch (const Rejected& rejected) {
    return {false, rejected.reason};
  } catch (const ModelError& error) {
    return {false, error.what()};
  }
  return {true, {}};
}

VanillaVerification VanillaProofVerifier::verify_bytes(ByteSpan bytes, const SealVerifyInputs& inputs) const {
  try {
    return verify(parse_vanilla_proofs(bytes), inputs);
  } catch (const ModelError& error) {
    return {false, error.what()};
  }
}

VanillaVerification verify_vanilla_proofs(const SealCommitPhase1Output& proofs,
                                          const SealVerifyInputs& inputs) {
  return VanillaProofVerifier().verify(proofs, inputs);
}

VanillaVerification verify_vanilla_proof_bytes(ByteSpan bytes, const SealVerifyInputs& inputs) {
  return VanillaProofVerifier().verify_bytes(bytes, inputs);
}

}  // namespace sealsim
