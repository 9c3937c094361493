// gpu_commp_bench.cpp: CommP on the GPU against this machine's host-to-device bandwidth, measured
// in the same run (target: CommP >= 80% of it), and against the CPU path on all cores.
#include <cuda_runtime.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "gpu/gpu_device.hpp"
#include "gpu/gpu_piece_commitment.hpp"
#include "model/deterministic_rng.hpp"
#include "model/piece_commitment.hpp"

namespace {

using namespace sealsim;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

template <typename F>
double median_seconds(int repeats, F&& run) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = Clock::now();
    run();
    times.push_back(seconds_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t gib = 4;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--gib") == 0) gib = std::stoull(argv[i + 1]);
  }
  if (auto why = gpu::cuda_unavailable_reason()) {
    std::printf("skipped: %s\n", why->c_str());
    return 77;
  }
  const std::uint64_t payload_bytes = (gib << 30) / 128 * 127;  // fills a piece of `gib` GiB exactly
  std::printf("device: %s\npayload: %llu bytes (piece %llu GiB)\n", gpu::describe_device().c_str(),
              static_cast<unsigned long long>(payload_bytes), static_cast<unsigned long long>(gib));
  gpu::PinnedBuffer payload(payload_bytes);
  DeterministicRng(1).fork("payload").fill(payload.bytes());

  // Baseline: plain host-to-device copies of the same pinned buffer, in 256 MiB pieces.
  void* device = nullptr;
  const std::size_t piece = std::size_t{256} << 20;
  cudaMalloc(&device, piece);
  const double copy_s = median_seconds(5, [&] {
    for (std::uint64_t off = 0; off < payload_bytes; off += piece) {
      cudaMemcpyAsync(device, payload.bytes().data() + off, std::min<std::uint64_t>(piece, payload_bytes - off),
                      cudaMemcpyHostToDevice, nullptr);
    }
    cudaDeviceSynchronize();
  });
  cudaFree(device);
  const double h2d = static_cast<double>(payload_bytes) / copy_s / (1 << 30);

  gpu::GpuPieceCommitter committer;
  (void)committer.compute(std::span<const std::uint8_t>(payload.bytes().data(), 1 << 20));  // warm-up
  PieceCommitment gpu_result;
  const double gpu_s = median_seconds(5, [&] { gpu_result = committer.compute(payload.bytes()); });
  const double gpu_rate = static_cast<double>(payload_bytes) / gpu_s / (1 << 30);

  const std::uint64_t cpu_bytes = std::min<std::uint64_t>(payload_bytes, (std::uint64_t{1} << 30) / 128 * 127);
  const auto cpu_start = Clock::now();
  (void)compute_piece_commitment(std::span<const std::uint8_t>(payload.bytes().data(), cpu_bytes), std::nullopt, 0);
  const double cpu_rate = static_cast<double>(cpu_bytes) / seconds_since(cpu_start) / (1 << 30);

  std::printf("\n| measure | GiB/s of payload |\n| --- | --- |\n");
  std::printf("| host-to-device copy (pinned, baseline) | %.2f |\n", h2d);
  std::printf("| CommP on GPU (streamed from pinned host memory) | %.2f |\n", gpu_rate);
  std::printf("| CommP on CPU, all cores (1 GiB) | %.2f |\n", cpu_rate);
  std::printf("\nCommP GPU / host-to-device bandwidth: %.2f (target >= 0.80)\n", gpu_rate / h2d);
  std::printf("CommP GPU / CPU all cores: %.1fx\n", gpu_rate / cpu_rate);
  return 0;
}
