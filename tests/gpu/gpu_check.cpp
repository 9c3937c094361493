// gpu_check.cpp: compares every GPU result with the CPU path on fresh random inputs of random
// lengths, and prints one line per check and "N passed, N failed". Exit 77 (skipped) when no
// usable GPU is present, 1 on any mismatch.
#include <chrono>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "gpu/gpu_device.hpp"
#include "gpu/gpu_error.hpp"
#include "gpu/gpu_piece_commitment.hpp"
#include "gpu/gpu_poseidon.hpp"
#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/piece_commitment.hpp"
#include "model/poseidon_tree.hpp"
#include "model/sdr_replica.hpp"
#include "tests/gpu/parallel_cpu_reference.hpp"

namespace {

using namespace sealsim;

struct Tally {
  unsigned passed = 0;
  unsigned failed = 0;
};

void check_commp(gpu::GpuPieceCommitter& committer, DeterministicRng& rng, std::uint64_t length,
                 bool larger_piece, Tally& tally) {
  std::vector<std::uint8_t> payload(length);
  rng.fill(payload);  // fresh data for every check
  std::optional<PaddedPieceSize> piece;
  if (larger_piece) {
    piece = PaddedPieceSize(padded_size_for_payload(length).padded().bytes() << (1 + rng.uniform_below(2)));
  }
  const PieceCommitment expected = compute_piece_commitment(payload, piece, 0);
  const PieceCommitment actual = committer.compute(payload, piece);
  const bool same = actual.commitment == expected.commitment && actual.piece_size == expected.piece_size &&
                    actual.payload_bytes == expected.payload_bytes;
  std::cout << (same ? "PASS" : "FAIL") << " commp length=" << length
            << " piece=" << expected.piece_size.bytes();
  if (!same) {
    std::cout << " cpu=" << to_hex(as_span(expected.commitment)) << " gpu=" << to_hex(as_span(actual.commitment));
  }
  std::cout << "\n";
  (same ? tally.passed : tally.failed)++;
}

// A random field element as a node (top byte below 0x40, so always below r).
Node32 random_node(DeterministicRng& rng) {
  Node32 node{};
  rng.fill(node);
  node[31] &= 0x3f;
  return node;
}

std::vector<Node32> random_nodes(DeterministicRng& rng, std::size_t count) {
  std::vector<Node32> nodes(count);
  for (Node32& node : nodes) node = random_node(rng);
  return nodes;
}

void report(bool same, const std::string& what, Tally& tally) {
  std::cout << (same ? "PASS " : "FAIL ") << what << "\n";
  (same ? tally.passed : tally.failed)++;
}

void check_poseidon(gpu::GpuPoseidon& gpu, DeterministicRng& rng, unsigned arity, std::size_t count,
                    Tally& tally) {
  const std::vector<Node32> inputs = random_nodes(rng, count * arity);
  const std::vector<Node32> actual = gpu.hash_groups(arity, inputs);
  const PoseidonHasher hasher(arity);
  std::size_t mismatches = actual.size() == count ? 0 : count;
  for (std::size_t i = 0; i < count && mismatches == 0; ++i) {
    const Node32 expected = hasher.hash_nodes(std::span<const Node32>(inputs).subspan(i * arity, arity));
    if (expected != actual[i]) ++mismatches;
  }
  report(mismatches == 0, "poseidon arity=" + std::to_string(arity) + " hashes=" + std::to_string(count), tally);
}

void check_columns(gpu::GpuPoseidon& gpu, DeterministicRng& rng, unsigned layers, std::size_t nodes,
                   Tally& tally) {
  std::vector<std::vector<Node32>> columns;
  for (unsigned l = 0; l < layers; ++l) columns.push_back(random_nodes(rng, nodes));
  const std::vector<Node32> expected = column_hashes(columns, PoseidonHasher(layers));
  report(gpu.column_hashes(columns) == expected,
         "column hashes layers=" + std::to_string(layers) + " nodes=" + std::to_string(nodes), tally);
}

void check_tree(gpu::GpuPoseidon& gpu, DeterministicRng& rng, unsigned arity, std::size_t leaves,
                Tally& tally) {
  const std::vector<Node32> leaf_nodes = random_nodes(rng, leaves);
  const std::vector<Node32> expected = build_tree_levels(leaf_nodes, PoseidonHasher(arity));
  report(gpu.build_tree_levels(leaf_nodes, arity) == expected,
         "tree arity=" + std::to_string(arity) + " leaves=" + std::to_string(leaves) + " (all rows)", tally);
}

// PreCommit2 of a sector with random labels and random (field-valued) data against the CPU path.
void check_pre_commit2(gpu::GpuPoseidon& gpu, DeterministicRng& rng, RegisteredSealProof proof,
                       Tally& tally) {
  const SealProofInfo& info = seal_proof_info(proof);
  LabelLayers labels(info.nodes(), info.layers);
  for (unsigned l = 1; l <= info.layers; ++l) {
    for (Node32& node : labels.layer(l)) node = random_node(rng);
  }
  std::vector<std::uint8_t> data(info.sector_size);
  for (std::uint64_t v = 0; v < info.nodes(); ++v) {
    const Node32 node = random_node(rng);
    std::memcpy(data.data() + v * 32, node.data(), 32);
  }
  const SealedReplica expected = info.nodes() <= (1u << 18)
                                     ? seal_pre_commit_phase2(labels, data, proof)
                                     : gpu_reference::parallel_pre_commit2(labels, data, proof);
  const SealedReplica actual = gpu.seal_pre_commit_phase2(labels, data, proof);
  const bool same = actual.comm_c == expected.comm_c && actual.comm_r_last == expected.comm_r_last &&
                    actual.comm_r == expected.comm_r && actual.replica == expected.replica;
  std::string what = "pre-commit2 " + std::string(info.name) + " (comm_c, comm_r_last, comm_r, replica)";
  if (!same) what += " cpu comm_r=" + to_hex(as_span(expected.comm_r)) + " gpu=" + to_hex(as_span(actual.comm_r));
  report(same, what, tally);

  // The rows the GPU kept for Commit1: inclusion proofs of random leaves from them verify up to
  // the CPU's comm_c / comm_r_last, open the CPU's leaves, and where the CPU built its trees too
  // (up to 8 MiB) equal its proofs.
  const PoseidonTreeHashers hashers;
  const MerkleHashing hashing = MerkleHashing::poseidon(hashers);
  std::optional<PoseidonHasher> own;
  const PoseidonHasher& column_hasher = column_hasher_for(info.layers, hashers, own);
  const LeafSource columns = column_leaves(labels, column_hasher);
  const LeafSource replica = node_leaves(expected.replica);
  const bool cpu_trees = expected.tree_c.leaf_count() != 0;
  bool proofs_same = actual.tree_c.leaf_count() == info.nodes() && actual.tree_r_last.leaf_count() == info.nodes();
  for (int k = 0; k < 16 && proofs_same; ++k) {
    const std::uint64_t index = rng.uniform_below(info.nodes());
    const MerkleInclusionProof c = actual.tree_c.prove(index, hashers, columns);
    const MerkleInclusionProof r = actual.tree_r_last.prove(index, hashers, replica);
    Node32 column_leaf{};
    columns(index, std::span<Node32>(&column_leaf, 1));
    proofs_same = c.verify(hashing) && c.root == expected.comm_c && c.leaf == column_leaf &&
                  r.verify(hashing) && r.root == expected.comm_r_last && r.leaf == expected.replica[index];
    if (proofs_same && cpu_trees) {
      proofs_same = c == expected.tree_c.prove(index, hashers, columns) &&
                    r == expected.tree_r_last.prove(index, hashers, replica);
    }
  }
  report(proofs_same, "pre-commit2 " + std::string(info.name) + " kept rows: tree_c and tree_r_last proofs", tally);
}

// tree_d's kept rows from the device against model's build_tree_d: same root (CommD) and the same
// inclusion proofs of random leaves.
void check_tree_d(gpu::GpuPieceCommitter& committer, DeterministicRng& rng, std::uint64_t sector_bytes,
                  Tally& tally) {
  std::vector<std::uint8_t> padded(sector_bytes);
  rng.fill(padded);
  for (std::uint64_t node = 0; node < sector_bytes / 32; ++node) padded[node * 32 + 31] &= 0x3f;
  const std::uint64_t nodes = sector_bytes / 32;
  const unsigned discard = CachedMerkleTree::default_rows_to_discard(nodes, 2);
  const CachedMerkleTree expected = build_tree_d(padded);
  const CachedMerkleTree actual = CachedMerkleTree::from_kept_rows(
      nodes, 2, discard, committer.tree_d_rows(padded, CachedMerkleTree::kept_row_of(nodes, 2, discard)));
  bool same = actual.root() == expected.root();
  for (int k = 0; k < 16 && same; ++k) {
    const std::uint64_t index = rng.uniform_below(nodes);
    same = actual.prove(index, MerkleHashing::sha254(), data_leaves(padded)) ==
           expected.prove(index, MerkleHashing::sha254(), data_leaves(padded));
  }
  report(same, "tree_d bytes=" + std::to_string(sector_bytes) + " (CommD and proofs from the kept rows)", tally);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  if (auto why = gpu::cuda_unavailable_reason()) {
    std::cout << "GPU tests skipped: " << *why << "\n";
    return 77;
  }
  // A fresh seed per run (the check is about the GPU agreeing with the CPU on any data); printed so
  // a failure can be replayed with --seed.
  std::uint64_t seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--seed") == 0) seed = std::stoull(argv[i + 1]);
  }
  std::cout << "device: " << gpu::describe_device() << "\nseed: " << seed << "\n";
  DeterministicRng rng(seed);
  Tally tally;
  try {
    gpu::GpuPieceCommitter committer;
    const std::uint64_t chunk_payload = gpu::GpuPieceCommitter::kChunkPaddedBytes / 128 * 127;
    // Boundaries: the CPU-only range, one subtree, subtree + 1, one chunk, chunk + 1.
    for (std::uint64_t length : {std::uint64_t{1}, std::uint64_t{4064}, std::uint64_t{4065}, std::uint64_t{8128},
                                 std::uint64_t{8129}, std::uint64_t{(1 << 20) + 3}, chunk_payload, chunk_payload + 1}) {
      check_commp(committer, rng, length, false, tally);
    }
    const unsigned random_cases = quick ? 12 : 40;
    for (unsigned i = 0; i < random_cases; ++i) {
      const unsigned max_log = quick ? 27 : 30;
      const std::uint64_t length = 1 + rng.uniform_below(std::uint64_t{1} << (10 + rng.uniform_below(max_log - 9)));
      check_commp(committer, rng, length, rng.chance(1, 3), tally);
    }
    for (std::uint64_t bytes : {std::uint64_t{64}, std::uint64_t{2048}, std::uint64_t{1} << (11 + rng.uniform_below(12)),
                                std::uint64_t{8} << 20}) {
      check_tree_d(committer, rng, bytes, tally);
    }
    if (!quick) check_tree_d(committer, rng, std::uint64_t{512} << 20, tally);
    gpu::GpuPoseidon poseidon;
    for (unsigned arity : {2u, 8u, 11u}) {
      check_poseidon(poseidon, rng, arity, 1 + rng.uniform_below(quick ? 2000 : 20000), tally);
    }
    check_columns(poseidon, rng, 2, 1 + rng.uniform_below(5000), tally);
    check_columns(poseidon, rng, 11, 1 + rng.uniform_below(5000), tally);
    for (std::size_t leaves : {std::size_t{8}, std::size_t{64}, std::size_t{4096}, std::size_t{1} << 18}) {
      check_tree(poseidon, rng, 8, leaves, tally);
    }
    check_tree(poseidon, rng, 2, std::size_t{1} << (1 + rng.uniform_below(12)), tally);
    check_pre_commit2(poseidon, rng, RegisteredSealProof::StackedDrg2KiBV1_1, tally);
    check_pre_commit2(poseidon, rng, RegisteredSealProof::StackedDrg8MiBV1_1, tally);
    if (!quick) check_pre_commit2(poseidon, rng, RegisteredSealProof::StackedDrg512MiBV1_1, tally);
  } catch (const std::exception& e) {
    std::cout << "FAIL error: " << e.what() << "\n";
    ++tally.failed;
  }
  std::cout << tally.passed << " passed, " << tally.failed << " failed\n";
  return tally.failed == 0 ? 0 : 1;
}
