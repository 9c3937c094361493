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
#include "model/cid.hpp"
#include "model/deterministic_rng.hpp"
#include "model/piece_commitment.hpp"

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
  } catch (const std::exception& e) {
    std::cout << "FAIL error: " << e.what() << "\n";
    ++tally.failed;
  }
  std::cout << tally.passed << " passed, " << tally.failed << " failed\n";
  return tally.failed == 0 ? 0 : 1;
}
