// parallel_cpu_reference.hpp: PreCommit2 on the CPU through model's own functions, spread over the
// host's cores, as the reference the GPU is compared with at 512 MiB (model's single-threaded
// seal_pre_commit_phase2 takes minutes there). Complete trees make this exact: the root of an
// octree equals the root of the octree over its subtrees' roots.
#pragma once

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

#include "model/field_fr.hpp"
#include "model/poseidon_tree.hpp"
#include "model/sdr_replica.hpp"

namespace sealsim::gpu_reference {

template <class Body>
void parallel_for(std::size_t count, Body body) {
  const std::size_t threads = std::max<std::size_t>(1, std::min<std::size_t>(count, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < count; i += threads) body(i);
    });
  }
  for (auto& thread : pool) thread.join();
}

// Root of a complete octree, its subtrees hashed in parallel.
inline Node32 parallel_octree_root(std::span<const Node32> leaves, const PoseidonHasher& h8) {
  std::size_t subtrees = 1;
  while (subtrees * 8 <= 64 && leaves.size() / (subtrees * 8) >= 8) subtrees *= 8;
  if (subtrees == 1) return tree_root(leaves, h8);
  const std::size_t per = leaves.size() / subtrees;
  std::vector<Node32> roots(subtrees);
  parallel_for(subtrees, [&](std::size_t i) { roots[i] = tree_root(leaves.subspan(i * per, per), h8); });
  return tree_root(roots, h8);
}

inline SealedReplica parallel_pre_commit2(const LabelLayers& labels, ByteSpan padded_data,
                                          RegisteredSealProof proof) {
  const SealProofInfo& info = seal_proof_info(proof);
  const PoseidonTreeHashers hashers;
  const PoseidonHasher column_hasher(info.layers);
  const std::uint64_t nodes = info.nodes();
  std::vector<Node32> columns(nodes);
  SealedReplica out;
  out.replica.resize(nodes);
  const std::uint64_t slices = 256;
  parallel_for(slices, [&](std::size_t s) {
    std::vector<Node32> column(info.layers);
    for (std::uint64_t v = s * nodes / slices; v < (s + 1) * nodes / slices; ++v) {
      for (unsigned l = 1; l <= info.layers; ++l) column[l - 1] = labels.layer(l)[v];
      columns[v] = column_hash(column, column_hasher);
      Node32 data{};
      std::memcpy(data.data(), padded_data.data() + v * 32, 32);
      out.replica[v] = (Fr::from_bytes_le(data) + Fr::from_bytes_le(labels.layer(info.layers)[v])).to_bytes_le();
    }
  });
  auto shaped_root = [&](std::span<const Node32> leaves) {
    const std::size_t per_tree = leaves.size() / info.tree_shape.base_tree_count;
    std::vector<Node32> roots;
    for (std::size_t t = 0; t < info.tree_shape.base_tree_count; ++t) {
      roots.push_back(parallel_octree_root(leaves.subspan(t * per_tree, per_tree), hashers.h8));
    }
    return compound_tree_root(roots, info.tree_shape, hashers);
  };
  out.comm_c = shaped_root(columns);
  out.comm_r_last = shaped_root(out.replica);
  out.comm_r = compute_comm_r(out.comm_c, out.comm_r_last, hashers.h2);
  return out;
}

}  // namespace sealsim::gpu_reference
