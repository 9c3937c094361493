// commp_bench.cpp: CommP throughput against the machine's SHA-256 compression bound. The bound is
// measured in the same run with OpenSSL's SHA-256 over large buffers: a CommP tree costs one
// 64-byte node hash (2 compressions) per 32 bytes of padded data.
//
// The three measurements alternate for --rounds rounds and each keeps its best time, so load from
// other processes on a shared machine disturbs baseline and CommP alike.
//
// Usage: sealsim_commp_bench [--size-mib N] [--threads N] [--rounds N] [--seed N]
#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "model/bytes.hpp"
#include "bench/bench_arguments.hpp"
#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/piece_commitment.hpp"
#include "model/sha256_trunc254.hpp"

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

struct Options {
  std::uint64_t size_mib = 1024;
  unsigned threads = 0;  // 0: all hardware threads
  unsigned rounds = 3;
  std::uint64_t seed = 1;
};

using sealsim::bench::parse_number;

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (flag == "--size-mib") {
      options.size_mib = parse_number(flag, value);
      if (options.size_mib == 0) throw std::invalid_argument("--size-mib must be at least 1");
    } else if (flag == "--threads") {
      options.threads =
          static_cast<unsigned>(std::min<std::uint64_t>(parse_number(flag, value), 1024));
    } else if (flag == "--rounds") {
      options.rounds =
          static_cast<unsigned>(std::min<std::uint64_t>(parse_number(flag, value), 100));
      if (options.rounds == 0) throw std::invalid_argument("--rounds must be at least 1");
    } else if (flag == "--seed") {
      options.seed = parse_number(flag, value);
    } else {
      throw std::invalid_argument("unknown argument '" + std::string(flag) +
                                  "' (expected --size-mib N, --threads N, --rounds N, --seed N)");
    }
    ++i;
  }
  return options;
}

template <typename Work>
double seconds_of(Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sealsim_commp_bench: %s\n", e.what());
    return 2;
  }
  const unsigned all_threads = sealsim::PieceCommitmentBuilder(options.threads).threads();
  sealsim::Bytes payload(options.size_mib << 20);
  sealsim::DeterministicRng(options.seed).fill(payload);
  const double payload_mib = static_cast<double>(payload.size()) / kMiB;
  std::printf("payload: %.0f MiB pseudo-random (seed %llu); node-hash kernel: %s\n", payload_mib,
              static_cast<unsigned long long>(options.seed),
              std::string(sealsim::sha256_implementation()).c_str());

  std::uint8_t digest[SHA256_DIGEST_LENGTH];
  sealsim::PieceCommitment single{};
  sealsim::PieceCommitment parallel{};
  // The node-hash kernel alone, in cache: as many node hashes as the CommP tree needs.
  std::uint8_t children[16384];
  std::copy_n(payload.begin(), sizeof children, children);
  std::uint8_t parents[8192];
  const std::size_t kernel_batches = payload.size() / 32 / 256;
  double sha_seconds = 1e300, single_seconds = 1e300, parallel_seconds = 1e300;
  double kernel_seconds = 1e300;
  for (unsigned round = 0; round < options.rounds; ++round) {
    // Baseline: OpenSSL SHA-256 over the whole buffer, 64 bytes per compression.
    sha_seconds =
        std::min(sha_seconds, seconds_of([&] { SHA256(payload.data(), payload.size(), digest); }));
    kernel_seconds = std::min(kernel_seconds, seconds_of([&] {
                                for (std::size_t b = 0; b < kernel_batches; ++b) {
                                  sealsim::hash_node_pairs(children, parents, 256);
                                  children[b % sizeof children] ^=
                                      parents[0];  // keep every batch live and distinct
                                }
                              }));
    single_seconds = std::min(
        single_seconds,
        seconds_of([&] { single = sealsim::compute_piece_commitment(payload, std::nullopt, 1); }));
    parallel_seconds =
        std::min(parallel_seconds, seconds_of([&] {
                   parallel = sealsim::compute_piece_commitment(payload, std::nullopt, all_threads);
                 }));
  }
  const double compressions_per_second = static_cast<double>(payload.size()) / 64.0 / sha_seconds;
  const double bound_mib_per_second = compressions_per_second / 2.0 * 32.0 * 127.0 / 128.0 / kMiB;
  std::printf("openssl sha256: %.1f MiB/s = %.2f M compressions/s (best of %u)\n",
              payload_mib / sha_seconds, compressions_per_second / 1e6, options.rounds);
  std::printf("bound (1 thread, 2 compressions per 32 padded bytes): %.1f MiB/s of payload\n",
              bound_mib_per_second);
  const double kernel_compressions =
      2.0 * 256.0 * static_cast<double>(kernel_batches) / kernel_seconds;
  std::printf("node-hash kernel alone (in cache): %.2f M compressions/s, %.3fx openssl\n",
              kernel_compressions / 1e6, kernel_compressions / compressions_per_second);
  const double single_rate = payload_mib / single_seconds;
  std::printf("commp 1 thread: %.1f MiB/s (%.3f s), ratio to bound %.3f\n", single_rate,
              single_seconds, single_rate / bound_mib_per_second);
  const double parallel_rate = payload_mib / parallel_seconds;
  std::printf("commp %u threads: %.1f MiB/s (%.3f s), speed-up %.2fx over 1 thread\n", all_threads,
              parallel_rate, parallel_seconds, parallel_rate / single_rate);

  std::printf("piece: %s, %llu padded bytes\n",
              sealsim::commitment_to_cid(sealsim::CommitmentKind::Unsealed, single.commitment)
                  .to_string()
                  .c_str(),
              static_cast<unsigned long long>(single.piece_size.bytes()));
  if (single.commitment != parallel.commitment) {
    std::fprintf(stderr, "sealsim_commp_bench: 1-thread and %u-thread commitments differ\n",
                 all_threads);
    return 1;
  }
  return 0;
}
