// sdr_replica.cpp: column hashes, tree_c, encoding, tree_r_last and comm_r (spec §7.2-7.5), tree_d
// (§7.1) and the leaf sources of the three trees.
#include "model/sdr_replica.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "model/field_fr.hpp"
#include "model/model_error.hpp"
#include "model/poseidon_tree.hpp"

namespace sealsim {

SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                     RegisteredSealProof proof) {
  return seal_pre_commit_phase2(labels, padded_data, proof, PoseidonTreeHashers());
}

const PoseidonHasher& column_hasher_for(unsigned layers, const PoseidonTreeHashers& hashers,
                                        std::optional<PoseidonHasher>& own) {
  if (layers == 2) return hashers.h2;
  if (!own || own->arity() != layers) own.emplace(layers);
  return *own;
}

SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                     RegisteredSealProof proof, const PoseidonTreeHashers& hashers) {
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
  std::optional<PoseidonHasher> own_column_hasher;
  const PoseidonHasher& column_hasher = column_hasher_for(info.layers, hashers, own_column_hasher);
  const std::uint64_t nodes = info.nodes();

  SealedReplica out;
  out.tree_c = ShapedMerkleTree::build(nodes, info.tree_shape, hashers, column_leaves(labels, column_hasher),
                                       kTreeCRowsToDiscard);

  out.replica.resize(nodes);
  std::span<const Node32> key = labels.layer(info.layers);
  for (std::uint64_t v = 0; v < nodes; ++v) {
    Node32 data{};
    std::memcpy(data.data(), padded_data.data() + v * 32, 32);
    out.replica[v] = (Fr::from_bytes_le(data) + Fr::from_bytes_le(key[v])).to_bytes_le();
  }
  out.tree_r_last = ShapedMerkleTree::build(nodes, info.tree_shape, hashers, node_leaves(out.replica));
  out.comm_c = out.tree_c.root();
  out.comm_r_last = out.tree_r_last.root();
  out.comm_r = compute_comm_r(out.comm_c, out.comm_r_last, hashers.h2);
  return out;
}

LeafSource data_leaves(ByteSpan padded_data) {
  return [padded_data](std::uint64_t first, std::span<Node32> out) {
    if ((first + out.size()) * 32 > padded_data.size()) {
      throw ModelError("tree_d leaves " + std::to_string(first) + ".." +
                       std::to_string(first + out.size()) + " past the end of " +
                       std::to_string(padded_data.size()) + " data bytes");
    }
    std::memcpy(out.data(), padded_data.data() + first * 32, out.size() * 32);
  };
}

LeafSource node_leaves(std::span<const Node32> nodes) {
  return [nodes](std::uint64_t first, std::span<Node32> out) {
    const auto begin = nodes.subspan(first, out.size());
    std::copy(begin.begin(), begin.end(), out.begin());
  };
}

LeafSource column_leaves(const LabelLayers& labels, const PoseidonHasher& column_hasher) {
  return [&labels, &column_hasher](std::uint64_t first, std::span<Node32> out) {
    std::vector<Node32> column(labels.layer_count());
    for (std::size_t i = 0; i < out.size(); ++i) {
      for (unsigned l = 1; l <= labels.layer_count(); ++l) column[l - 1] = labels.layer(l)[first + i];
      out[i] = column_hash(column, column_hasher);
    }
  };
}

CachedMerkleTree build_tree_d(ByteSpan padded_data) {
  const std::uint64_t nodes = padded_data.size() / 32;
  if (padded_data.size() % 32 != 0) {
    throw ModelError("tree_d over " + std::to_string(padded_data.size()) +
                     " bytes: not a whole number of 32-byte nodes");
  }
  return CachedMerkleTree::build(nodes, 2, CachedMerkleTree::default_rows_to_discard(nodes, 2),
                                 MerkleHashing::sha254(), data_leaves(padded_data));
}

}  // namespace sealsim
