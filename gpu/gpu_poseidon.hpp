// gpu_poseidon.hpp: Poseidon hashing and the Poseidon trees of PreCommit2 on the GPU, bit-identical
// to model/poseidon_tree.hpp and model/sdr_replica.hpp: batches of hashes, column hashes, complete
// arity-8 trees (all rows kept when asked), and the whole PreCommit2 (columns, tree_c, encoding,
// tree_r_last, comm_r) with every intermediate kept in device memory.
//
// Inputs are nodes as model stores them (canonical little-endian field elements). The kernels
// assume they are below r, which labels, columns and replicas are by construction; the host entry
// points check caller-supplied data and throw ModelError, as model does.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_labels.hpp"
#include "model/sdr_replica.hpp"

namespace sealsim::gpu {

class GpuPoseidon {
 public:
  // Builds and uploads the constants of arities 2, 8 and 11 (the sealing trees and columns).
  // Throws GpuError when the device is unusable.
  explicit GpuPoseidon(int device = 0);
  ~GpuPoseidon();
  GpuPoseidon(const GpuPoseidon&) = delete;
  GpuPoseidon& operator=(const GpuPoseidon&) = delete;

  // inputs.size() / arity MerkleTree hashes of consecutive groups of `arity` nodes.
  std::vector<Node32> hash_groups(unsigned arity, std::span<const Node32> inputs);
  // model::column_hashes: layers[l][v] → H_L(layers[0][v], ..., layers[L-1][v]).
  std::vector<Node32> column_hashes(std::span<const std::vector<Node32>> layers);
  // model::build_tree_levels (arity 2 or 8): every row, leaves first, root last.
  std::vector<Node32> build_tree_levels(std::span<const Node32> leaves, unsigned arity);
  // model::seal_pre_commit_phase2 on the GPU.
  SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                       RegisteredSealProof proof);

  // For benchmarks: `count` hashes of arity 8 or 11 over device-resident random inputs, timed
  // with device events; returns seconds.
  double time_hashes(unsigned arity, std::size_t count);
  // For benchmarks: column hashes + tree_c + encoding + tree_r_last of a sector of `nodes` nodes
  // (a power of 8 times the chunk) with `layers` synthetic label layers generated on the device in
  // chunks, so a 32 GiB-equivalent sector fits; returns seconds and the comm_r.
  struct SyntheticRun {
    double seconds = 0;
    Node32 comm_r{};
  };
  SyntheticRun time_synthetic_pre_commit2(std::uint64_t nodes, unsigned layers, std::uint64_t seed);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sealsim::gpu
