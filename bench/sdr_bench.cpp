// sdr_bench.cpp: PreCommit1 (SDR labeling) throughput, reported as nodes/s and as a ratio to this
// machine's SHA-256 compression rate measured in the same run (OpenSSL over a large buffer).
//
// Cost model: a label of node v >= 1 hashes a 1248-byte message (64-byte prefix + 37 parent
// labels), which is sha256_compressions(1248) = 20 compressions (19 full blocks and a final block
// with the 32-byte tail and the padding); node 0 hashes 64 bytes = 2 compressions. So a layer of n
// nodes costs 20(n - 1) + 2 compressions, and the ratio below is the fraction of the hashing bound
// that labeling reaches (1.0 = nothing but SHA-256 compressions on one core).
#include <openssl/evp.h>

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

#include "model/parent_cache.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_graph.hpp"
#include "model/sdr_labels.hpp"

namespace {

using sealsim::RegisteredSealProof;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Compressions per second of one core: SHA-256 of a 64 MiB buffer, best of three.
double sha256_compressions_per_second() {
  std::vector<unsigned char> buffer(64U << 20);
  for (std::size_t i = 0; i < buffer.size(); ++i) buffer[i] = static_cast<unsigned char>(i * 131);
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    unsigned char digest[32];
    unsigned int length = 0;
    Clock::time_point start = Clock::now();
    if (EVP_Digest(buffer.data(), buffer.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
      throw std::runtime_error("OpenSSL SHA-256 failed");
    }
    best = std::max(best, static_cast<double>(sealsim::sha256_compressions(buffer.size())) / seconds_since(start));
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

int run(RegisteredSealProof proof, unsigned threads, bool check_digest, const std::string& cache_dir) {
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
    sealsim::LabelLayers labels = sealsim::generate_labels(cache, replica_id, proof, t);
    const double label_seconds = seconds_since(start);
    const double rate = compressions / label_seconds;
    std::printf("labeling, %u thread(s): %.2f s, %.0f labels/s, %.1f M compressions/s, ratio to the "
                "1-core SHA-256 bound %.2f (last label %s)\n",
                t, label_seconds, nodes / label_seconds, rate / 1e6, rate / bound,
                sealsim::to_hex(sealsim::as_span(labels.layer(info.layers).back())).substr(0, 16).c_str());
  }
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
      "write the parent cache as a Lotus cache file in this directory instead of memory");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help") != 0) {
      std::cout << options;
      return 0;
    }
    return run(sealsim::parse_seal_proof(vm["proof"].as<std::string>()), std::max(1U, vm["threads"].as<unsigned>()),
               vm["check-cache-digest"].as<bool>(), vm["cache-dir"].as<std::string>());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "sealsim_sdr_bench: %s\n", error.what());
    return 2;
  }
}
