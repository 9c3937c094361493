// kinds_sdr.cpp: vector kinds for the SDR proof path (spec proofs.md §4-§8): Poseidon hashes and
// trees, graph parents and parent-cache digests, SDR labels, and a whole seal (PC1, PC2, Commit1
// challenges with their vanilla proofs verified).
#include <algorithm>

#include "model/cid.hpp"
#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/parent_cache.hpp"
#include "model/porep_challenges.hpp"
#include "model/poseidon.hpp"
#include "model/poseidon_tree.hpp"
#include "model/replica_id.hpp"
#include "model/sdr_labels.hpp"
#include "model/seal_commit_phase1.hpp"
#include "model/vanilla_proof_verifier.hpp"
#include "vectors/byte_generator.hpp"
#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {
namespace {

// Field elements given either as small integers ("preimage": [0, 1, 2]) or as concatenated
// 32-byte little-endian nodes ("nodes": hex).
std::vector<Node32> read_elements(const JsonCursor& input, const char* integers, const char* nodes) {
  std::vector<Node32> out;
  if (auto values = input.optional_field(integers)) {
    for (std::uint64_t value : values->u64_array()) out.push_back(Fr::from_u64(value).to_bytes_le());
    return out;
  }
  const Bytes bytes = input.field(nodes).hex();
  if (bytes.size() % 32 != 0) {
    throw ModelError("\"" + std::string(nodes) + "\" must be whole 32-byte nodes, got " +
                     std::to_string(bytes.size()) + " bytes");
  }
  for (std::size_t i = 0; i < bytes.size(); i += 32) {
    Node32 node{};
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(i), 32, node.begin());
    out.push_back(node);
  }
  return out;
}

PoseidonStrength read_strength(const JsonCursor& input) {
  const auto field = input.optional_field("strength");
  if (!field || field->string() == "standard") return PoseidonStrength::Standard;
  if (field->string() == "strengthened") return PoseidonStrength::Strengthened;
  throw ModelError("strength \"" + field->string() + "\": expected \"standard\" or \"strengthened\"");
}

unsigned read_arity(const JsonCursor& input) {
  const std::uint64_t arity = input.field("arity").u64();
  if (arity < 1 || arity > 64) throw ModelError("arity " + std::to_string(arity) + " outside 1..64");
  return static_cast<unsigned>(arity);
}

CaseOutputs run_poseidon_hash(const JsonCursor& input) {
  const PoseidonHasher hasher(read_arity(input), PoseidonHashType::merkle_tree(), read_strength(input));
  CaseOutputs out;
  out.set_node("hash", hasher.hash_nodes(read_elements(input, "preimage", "nodes")));
  return out;
}

CaseOutputs run_poseidon_tree_root(const JsonCursor& input) {
  const PoseidonHasher hasher(read_arity(input));
  CaseOutputs out;
  out.set_node("root", tree_root(read_elements(input, "leaves", "nodes"), hasher));
  return out;
}

CaseOutputs run_sdr_parents(const JsonCursor& input) {
  const SdrGraph graph(parse_seal_proof(input.field("proof").string()));
  const std::uint64_t node = input.field("node").u64();
  if (node >= graph.nodes()) {
    throw ModelError("node " + std::to_string(node) + " outside the graph's " + std::to_string(graph.nodes()));
  }
  std::array<std::uint32_t, SdrGraph::kParentCount> parents{};
  graph.parents(node, parents);
  CaseOutputs out;
  out.set_u64_array("parents", std::vector<std::uint64_t>(parents.begin(), parents.end()));
  return out;
}

CaseOutputs run_parent_cache(const JsonCursor& input) {
  const SdrGraph graph(parse_seal_proof(input.field("proof").string()));
  const ParentCache cache = ParentCache::in_memory(graph, 2);
  CaseOutputs out;
  out.set_node("digest", cache.digest());
  out.set("fileName", graph.cache_file_name());
  out.set_u64("fileBytes", cache.bytes().size());
  return out;
}

ProofsApiVersion read_api_version(const JsonCursor& field) {
  if (field.string() == "1.0") return ProofsApiVersion::V1_0;
  if (field.string() == "1.1" || field.string() == "1.2") return ProofsApiVersion::V1_1;
  throw ModelError("apiVersion \"" + field.string() + "\": expected \"1.0\", \"1.1\" or \"1.2\"");
}

CaseOutputs run_sdr_labels(const JsonCursor& input) {
  SdrGraphParams params;
  params.nodes = input.field("nodes").u64();
  params.porep_id = input.field("porepId").node();
  params.api_version = read_api_version(input.field("apiVersion"));
  const std::uint64_t layers = input.field("layers").u64();
  if (params.nodes < 2 || params.nodes > (std::uint64_t{1} << 20) || layers < 1 || layers > 16) {
    throw ModelError("sdr-labels vectors take 2..2^20 nodes and 1..16 layers");
  }
  const ParentCache cache = ParentCache::in_memory(SdrGraph(params));
  LabelLayers labels(params.nodes, static_cast<unsigned>(layers));
  generate_labels(cache, input.field("replicaId").node(), labels);
  CaseOutputs out;
  out.set_node("lastLabel", labels.layer(labels.layer_count()).back());
  return out;
}

// AddPiece of `data` as one piece filling the sector (zero-filled), PC1, PC2 and, with a seed,
// Commit1; the vanilla proofs must verify (a failure of the case, not an expected value).
CaseOutputs run_seal(const JsonCursor& input) {
  const RegisteredSealProof proof = parse_seal_proof(input.field("proof").string());
  const SealProofInfo& info = seal_proof_info(proof);
  if (info.layers > 2) throw ModelError("seal vectors run only 2-layer proofs (up to 512 MiB)");
  Bytes data = generate_bytes(input.field("data"));
  if (data.size() > info.unpadded_sector_size()) {
    throw ModelError("seal data of " + std::to_string(data.size()) + " bytes exceeds the sector's " +
                     std::to_string(info.unpadded_sector_size()));
  }
  data.resize(info.unpadded_sector_size(), 0);
  const Bytes padded = fr32::pad(data);
  const Node32 prover_id = prover_id_from_actor(input.field("proverId").u64());
  const SectorNumber sector = input.field("sector").u64();
  const Node32 ticket = input.field("ticket").node();
  const CachedMerkleTree tree_d = build_tree_d(padded);
  const Node32 replica_id = compute_replica_id(prover_id, sector, ticket, tree_d.root(), proof);
  const ParentCache cache = ParentCache::in_memory(SdrGraph(proof), 2);
  const LabelLayers labels = generate_labels(cache, replica_id, proof, 2);
  const SealedReplica sealed = seal_pre_commit_phase2(labels, padded, proof);

  CaseOutputs out;
  out.set_node("commD", tree_d.root());
  out.set("unsealedCid", commitment_to_cid(CommitmentKind::Unsealed, tree_d.root()).to_string());
  out.set_node("replicaId", replica_id);
  out.set_node("commC", sealed.comm_c);
  out.set_node("commRLast", sealed.comm_r_last);
  out.set_node("commR", sealed.comm_r);
  out.set("sealedCid", commitment_to_cid(CommitmentKind::Sealed, sealed.comm_r).to_string());
  if (auto seed_field = input.optional_field("seed")) {
    const Node32 seed = seed_field->node();
    const SealedSectorView view{proof, prover_id, sector, ticket, tree_d.root(), replica_id, &cache,
                                &labels, padded, &tree_d, &sealed};
    const SealCommitPhase1Output c1 = seal_commit_phase1(view, seed);
    std::vector<std::uint64_t> challenges;
    std::vector<std::uint64_t> parents;
    for (const auto& partition : c1.partitions) {
      for (const ChallengeProof& c : partition) {
        challenges.push_back(c.challenge);
        for (const ColumnProof& p : c.drg_parents) parents.push_back(p.tree_c_proof.leaf_index());
        for (const ColumnProof& p : c.exp_parents) parents.push_back(p.tree_c_proof.leaf_index());
      }
    }
    out.set_u64_array("challenges", challenges);
    out.set_u64_array("challengeParents", parents);
    const VanillaVerification verdict = verify_vanilla_proof_bytes(
        serialize_vanilla_proofs(c1), SealVerifyInputs{proof, prover_id, sector, ticket, seed, tree_d.root(), sealed.comm_r});
    if (!verdict.valid) out.add_failure("Commit1 vanilla proofs do not verify: " + verdict.reason);
  }
  return out;
}

}  // namespace

std::vector<KindSpec> sdr_kinds() {
  using F = FieldType;
  return {
      {"poseidon-hash",
       {{"arity", F::U64, true}, {"preimage", F::U64Array, false}, {"nodes", F::Hex, false},
        {"strength", F::String, false}},
       {{"hash", F::Node, true}},
       {"preimage", "nodes"},
       run_poseidon_hash},
      {"poseidon-tree-root",
       {{"arity", F::U64, true}, {"leaves", F::U64Array, false}, {"nodes", F::Hex, false}},
       {{"root", F::Node, true}},
       {"leaves", "nodes"},
       run_poseidon_tree_root},
      {"sdr-parents",
       {{"proof", F::String, true}, {"node", F::U64, true}},
       {{"parents", F::U64Array, true}},
       {},
       run_sdr_parents},
      {"parent-cache",
       {{"proof", F::String, true}},
       {{"digest", F::Node, false}, {"fileName", F::String, false}, {"fileBytes", F::U64, false}},
       {},
       run_parent_cache},
      {"sdr-labels",
       {{"nodes", F::U64, true}, {"porepId", F::Node, true}, {"apiVersion", F::String, true},
        {"replicaId", F::Node, true}, {"layers", F::U64, true}},
       {{"lastLabel", F::Node, true}},
       {},
       run_sdr_labels},
      {"seal",
       {{"proof", F::String, true}, {"data", F::Bytes, true}, {"proverId", F::U64, true},
        {"sector", F::U64, true}, {"ticket", F::Node, true}, {"seed", F::Node, false}},
       {{"commD", F::Node, false}, {"unsealedCid", F::String, false}, {"replicaId", F::Node, false},
        {"commC", F::Node, false}, {"commRLast", F::Node, false}, {"commR", F::Node, false},
        {"sealedCid", F::String, false}, {"challenges", F::U64Array, false},
        {"challengeParents", F::U64Array, false}},
       {},
       run_seal},
  };
}

}  // namespace sealsim::vectors
