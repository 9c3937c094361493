// sdr_replica.cpp: column hashes, tree_c, encoding, tree_r_last and comm_r (spec §7.2-7.5).
#include "model/sdr_replica.hpp"

#include <cstring>
#include <string>

#include "model/field_fr.hpp"
#include "model/model_error.hpp"
#include "model/poseidon_tree.hpp"

namespace sealsim {
namespace {

// Splits the leaves into the shape's equal base trees, builds each octree and joins the roots.
Node32 shaped_root(std::span<const Node32> leaves, const TreeShape& shape, const PoseidonTreeHashers& hashers) {
  const std::size_t per_tree = leaves.size() / shape.base_tree_count;
  std::vector<Node32> roots;
  for (std::size_t t = 0; t < shape.base_tree_count; ++t) {
    roots.push_back(tree_root(leaves.subspan(t * per_tree, per_tree), hashers.for_arity(shape.base_arity)));
  }
  return compound_tree_root(roots, shape, hashers);
}

}  // namespace

SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                     RegisteredSealProof proof) {
  const SealProofInfo& info = seal_proof_info(proof);
  if (padded_data.size() != info.sector_size || labels.nodes() != info.nodes() ||
      labels.layer_count() != info.layers) {
    throw ModelError("PreCommit2 for " + std::string(info.name) + ": got " +
                     std::to_string(padded_data.size()) + " data bytes and " +
                     std::to_string(labels.layer_count()) + " label layers of " +
                     std::to_string(labels.nodes()) + " nodes, expected " +
                     std::to_string(info.sector_size) + " bytes and " + std::to_string(info.layers) +
                     " layers of " + std::to_string(info.nodes()) + " nodes");
  }
  const PoseidonTreeHashers hashers;
  const PoseidonHasher column_hasher(info.layers);
  const std::uint64_t nodes = info.nodes();

  std::vector<Node32> columns(nodes);
  std::vector<Node32> column(info.layers);
  for (std::uint64_t v = 0; v < nodes; ++v) {
    for (unsigned l = 1; l <= info.layers; ++l) column[l - 1] = labels.layer(l)[v];
    columns[v] = column_hash(column, column_hasher);
  }

  SealedReplica out;
  out.replica.resize(nodes);
  std::span<const Node32> key = labels.layer(info.layers);
  for (std::uint64_t v = 0; v < nodes; ++v) {
    Node32 data{};
    std::memcpy(data.data(), padded_data.data() + v * 32, 32);
    out.replica[v] = (Fr::from_bytes_le(data) + Fr::from_bytes_le(key[v])).to_bytes_le();
  }
  out.comm_c = shaped_root(columns, info.tree_shape, hashers);
  out.comm_r_last = shaped_root(out.replica, info.tree_shape, hashers);
  out.comm_r = compute_comm_r(out.comm_c, out.comm_r_last, hashers.h2);
  return out;
}

}  // namespace sealsim
