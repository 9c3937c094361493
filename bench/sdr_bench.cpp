// sdr_bench.cpp: PreCommit1 (SDR labeling) throughput, reported as nodes/s and as a ratio to this
// machine's SHA-256 compression rate measured in the same run (OpenSSL over a large buffer).
//
// Cost model: a label of node v >= 1 hashes a 1248-byte message (64-byte prefix + 37 parent
// labels), which is sha256_compressions(1248) = 20 compressions (19 full blocks and a final block
// with the 32-byte tail and the padding); node 0 hashes 64 bytes = 2 compressions. So a layer of n
// nodes costs 20(n - 1) + 2 compressions, and the ratio below is the fraction of the hashing bound
// that labeling reaches (1.0 = nothing but SHA-256 compressions on one core).
//
// PreCommit2 (one thread): nodes column hashes H_L plus 2·(nodes − 1)/7 octree hashes H8 (tree_c
// and tree_r_last), reported as Poseidon hashes/s and as a ratio to the same mix of single hashes
// timed in this run (1.0 = tree building costs nothing beyond the hashes). Then Commit1 and the
// vanilla verification of its proofs, in seconds of thread CPU time.
#include <openssl/evp.h>
#include <time.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/fr32.hpp"
#include "model/parent_cache.hpp"
#include "model/piece_commitment.hpp"
#include "model/poseidon.hpp"
#include "model/replica_id.hpp"
#include "model/seal_commit_phase1.hpp"
#include "model/sha256_trunc254.hpp"
#include "model/vanilla_proof_verifier.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_graph.hpp"
#include "model/sdr_labels.hpp"

namespace {

using sealsim::RegisteredSealProof;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Single-thread figures are per second of this thread's CPU time, so other work on a shared
// machine slows the wall clock but not the figures (multi-thread labeling stays wall-clock).
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Compressions per second of one core: SHA-256 of a 64 MiB buffer, best of three.
double sha256_compressions_per_second() {
  std::vector<unsigned char> buffer(64U << 20);
  for (std::size_t i = 0; i < buffer.size(); ++i) buffer[i] = static_cast<unsigned char>(i * 131);
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    unsigned char digest[32];
    unsigned int length = 0;
    const double start = thread_cpu_seconds();
    if (EVP_Digest(buffer.data(), buffer.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
      throw std::runtime_error("OpenSSL SHA-256 failed");
    }
    best = std::max(best, static_cast<double>(sealsim::sha256_compressions(buffer.size())) /
                              (thread_cpu_seconds() - start));
  }
  return best;
}

// Published SHA-256 digests of the production parent cache files (rust-fil-proofs
// parent_cache.json, vectors-published.md V-GRAPH-1).
const std::map<RegisteredSealProof, std::string>& published_cache_digests() {
  static const std::map<RegisteredSealProof, std::string> digests = {
      {RegisteredSealProof::StackedDrg8MiBV1, "a76604f2f59f2744c7151653bbb1d8596b6b57d295e6fa6c1f0c41d725b502ce"},
      {RegisteredSealProof::StackedDrg8MiBV1_1, "03cd13565ded97c240a5f52e54295ad127bd0461b57904cb3a4d79b097bbecab"},
      {RegisteredSealProof::StackedDrg512MiBV1, "3adcc092423aa76d6a7184016893406da44dd974b219a89cd3ece25e4e3018f5"},
      {RegisteredSealProof::StackedDrg512MiBV1_1, "b5877d1963793efebc261fd8fde4dd6bc59e6b5c7abf52617a4ee023b8dc173a"},
  };
  return digests;
}

// Single-hash rate of a Poseidon hasher over node inputs, the baseline of the PreCommit2 figure.
double node_hashes_per_second(const sealsim::PoseidonHasher& hasher) {
  std::vector<sealsim::Node32> children(hasher.arity());
  for (std::size_t i = 0; i < children.size(); ++i) children[i].fill(static_cast<std::uint8_t>(i + 1));
  for (auto& child : children) child[31] = 0;
  std::size_t calls = 0;
  const double start = thread_cpu_seconds();
  while (thread_cpu_seconds() - start < 0.5) {
    for (int i = 0; i < 64; ++i) children[0] = hasher.hash_nodes(children);
    calls += 64;
  }
  return static_cast<double>(calls) / (thread_cpu_seconds() - start);
}

// PreCommit2, Commit1 and verification over the labels just computed, on pseudo-random data.
int run_commit(RegisteredSealProof proof, const sealsim::ParentCache& cache, unsigned threads) {
  const sealsim::SealProofInfo& info = sealsim::seal_proof_info(proof);
  sealsim::Bytes unpadded(info.unpadded_sector_size());
  std::uint64_t x = 0x243f6a8885a308d3ULL;
  for (auto& b : unpadded) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x);
  }
  const sealsim::Bytes padded = sealsim::fr32::pad(unpadded);
  double start = thread_cpu_seconds();
  const sealsim::CachedMerkleTree tree_d = sealsim::build_tree_d(padded);
  const double tree_d_seconds = (thread_cpu_seconds() - start);
  std::printf("tree_d (sha254, %s): %.2f s, %.0f leaves/s\n", sealsim::sha256_implementation().data(),
              tree_d_seconds, static_cast<double>(info.nodes()) / tree_d_seconds);
  const sealsim::Node32 prover_id = sealsim::prover_id_from_actor(1000);
  sealsim::Node32 ticket{};
  ticket.fill(0x11);
  const sealsim::Node32 replica_id =
      sealsim::compute_replica_id(prover_id, 1, ticket, tree_d.root(), proof);
  const sealsim::LabelLayers labels = sealsim::generate_labels(cache, replica_id, proof, threads);

  const sealsim::PoseidonHasher column_hasher(info.layers);
  const sealsim::PoseidonHasher h8(8);
  const double column_rate = node_hashes_per_second(column_hasher);
  const double h8_rate = node_hashes_per_second(h8);
  const double nodes = static_cast<double>(info.nodes());
  const double octree_hashes = 2 * (nodes - 1) / 7;
  start = thread_cpu_seconds();
  const sealsim::SealedReplica sealed = sealsim::seal_pre_commit_phase2(labels, padded, proof);
  const double pc2_seconds = (thread_cpu_seconds() - start);
  const double baseline_seconds = nodes / column_rate + octree_hashes / h8_rate;
  std::printf("PreCommit2, 1 thread: %.2f s, %.0f Poseidon hashes/s (%.0f H%u + %.0f H8); single-hash "
              "baseline H%u %.0f/s, H8 %.0f/s; ratio to the baseline %.2f\n",
              pc2_seconds, (nodes + octree_hashes) / pc2_seconds, nodes, info.layers, octree_hashes,
              info.layers, column_rate, h8_rate, baseline_seconds / pc2_seconds);

  sealsim::Node32 seed{};
  seed.fill(0x22);
  const sealsim::SealedSectorView view{proof, prover_id, 1, ticket, tree_d.root(), replica_id, &cache,
                                       &labels, padded, &tree_d, &sealed};
  start = thread_cpu_seconds();
  const sealsim::Bytes vanilla = sealsim::serialize_vanilla_proofs(sealsim::seal_commit_phase1(view, seed));
  const double c1_seconds = (thread_cpu_seconds() - start);
  start = thread_cpu_seconds();
  const auto verdict = sealsim::verify_vanilla_proof_bytes(
      vanilla, sealsim::SealVerifyInputs{proof, prover_id, 1, ticket, seed, tree_d.root(), sealed.comm_r});
  const double verify_seconds = (thread_cpu_seconds() - start);
  std::printf("Commit1: %.3f s, %zu bytes of vanilla proofs; verification: %.3f s, %s\n", c1_seconds,
              vanilla.size(), verify_seconds, verdict.valid ? "valid" : verdict.reason.c_str());
  return verdict.valid ? 0 : 1;
}

int run(RegisteredSealProof proof, unsigned threads, bool check_digest, const std::string& cache_dir,
        bool commit) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines appear as they are measured
  const sealsim::SealProofInfo& info = sealsim::seal_proof_info(proof);
  const double bound = sha256_compressions_per_second();
  std::printf("SHA-256 bound (OpenSSL, 64 MiB buffer, 1 core): %.1f M compressions/s\n", bound / 1e6);

  sealsim::SdrGraph graph(proof);
  Clock::time_point start = Clock::now();
  sealsim::ParentCache cache = cache_dir.empty() ? sealsim::ParentCache::in_memory(graph, threads)
                                                 : sealsim::ParentCache::create_file(graph, cache_dir, threads);
  const double cache_seconds = seconds_since(start);
  std::printf("%s: %llu nodes, %u layers; parent cache (%s, %u threads): %.2f s, %.0f nodes/s\n",
              std::string(info.name).c_str(), static_cast<unsigned long long>(graph.nodes()), info.layers,
              cache_dir.empty() ? "memory" : "file", threads, cache_seconds,
              static_cast<double>(graph.nodes()) / cache_seconds);
  int status = 0;
  if (check_digest) {
    auto published = published_cache_digests().find(proof);
    std::string digest = sealsim::to_hex(sealsim::as_span(cache.digest()));
    if (published == published_cache_digests().end()) {
      std::printf("parent cache digest %s (no published digest for this proof)\n", digest.c_str());
    } else {
      bool match = digest == published->second;
      std::printf("parent cache digest %s: %s published parent_cache.json\n", digest.c_str(),
                  match ? "MATCHES" : "DOES NOT MATCH");
      status = match ? 0 : 1;
    }
  }

  const double nodes = static_cast<double>(graph.nodes()) * info.layers;
  const double compressions =
      static_cast<double>(info.layers) *
      (static_cast<double>(graph.nodes() - 1) * static_cast<double>(sealsim::sha256_compressions(sealsim::kLabelMessageBytes)) +
       static_cast<double>(sealsim::sha256_compressions(sealsim::kLabelPrefixBytes)));
  sealsim::Node32 replica_id{};
  replica_id.fill(0x2a);
  std::vector<unsigned> thread_counts{1};
  if (threads > 1) thread_counts.push_back(threads);
  for (unsigned t : thread_counts) {
    start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    sealsim::LabelLayers labels = sealsim::generate_labels(cache, replica_id, proof, t);
    const double label_seconds = t == 1 ? thread_cpu_seconds() - cpu_start : seconds_since(start);
    const double rate = compressions / label_seconds;
    std::printf("labeling, %u thread(s): %.2f s (%s), %.0f labels/s, %.1f M compressions/s, ratio to the "
                "1-core SHA-256 bound %.2f (last label %s)\n",
                t, label_seconds, t == 1 ? "thread CPU" : "wall", nodes / label_seconds, rate / 1e6, rate / bound,
                sealsim::to_hex(sealsim::as_span(labels.layer(info.layers).back())).substr(0, 16).c_str());
  }
  if (commit && status == 0) status = run_commit(proof, cache, threads);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  po::options_description options("sealsim_sdr_bench: SDR PreCommit1 labeling throughput");
  options.add_options()("help", "show this help")(
      "proof", po::value<std::string>()->default_value("8MiB"),
      "seal proof: 8MiB, 512MiB, 8MiB-v1, StackedDrg512MiBV1_1, ...")(
      "threads", po::value<unsigned>()->default_value(2), "threads for the cache and labeling (1 is always run too)")(
      "check-cache-digest", po::bool_switch(), "compare the parent cache's SHA-256 with parent_cache.json")(
      "cache-dir", po::value<std::string>()->default_value(""),
      "write the parent cache as a Lotus cache file in this directory instead of memory")(
      "commit", po::bool_switch(), "also time PreCommit2 (Poseidon), Commit1 and verification");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help") != 0) {
      std::cout << options;
      return 0;
    }
    return run(sealsim::parse_seal_proof(vm["proof"].as<std::string>()), std::max(1U, vm["threads"].as<unsigned>()),
               vm["check-cache-digest"].as<bool>(), vm["cache-dir"].as<std::string>(),
               vm["commit"].as<bool>());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "sealsim_sdr_bench: %s\n", error.what());
    return 2;
  }
}
