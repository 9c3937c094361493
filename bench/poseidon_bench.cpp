// poseidon_bench.cpp: single-thread Poseidon throughput (arity 2, 8, 11) of PoseidonHasher, with
// the plain reference permutation of the same run as the baseline, and the arity-8 octree rate.
// Rates are per second of this thread's CPU time, so a busy shared machine (CI) slows the wall
// clock but not the figures.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "model/poseidon.hpp"
#include "model/poseidon_tree.hpp"

namespace {

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Runs `body` in growing batches until at least `min_seconds` have passed; returns calls/second.
template <typename Body>
double calls_per_second(Body&& body, double min_seconds = 0.5) {
  std::size_t batch = 16;
  for (;;) {
    const double start = thread_cpu_seconds();
    for (std::size_t i = 0; i < batch; ++i) body();
    const double seconds = thread_cpu_seconds() - start;
    if (seconds >= min_seconds) return static_cast<double>(batch) / seconds;
    batch *= 2;
  }
}

std::vector<sealsim::Fr> sample_inputs(unsigned arity) {
  std::vector<sealsim::Fr> inputs;
  sealsim::Fr value = sealsim::Fr::from_u64(0x9e3779b97f4a7c15);
  for (unsigned i = 0; i < arity; ++i) {
    value = value.square() + sealsim::Fr::from_u64(i);
    inputs.push_back(value);
  }
  return inputs;
}

}  // namespace

int main() {
  using sealsim::Fr;
  std::printf("%-8s %16s %16s %8s\n", "arity", "hasher hash/s", "reference hash/s", "ratio");
  for (const unsigned arity : {2U, 8U, 11U}) {
    const sealsim::PoseidonHasher hasher(arity);
    std::vector<Fr> inputs = sample_inputs(arity);
    // Chain each output into the next input so the work cannot be hoisted or skipped.
    const double optimised = calls_per_second([&] { inputs[0] = hasher.hash(inputs); });
    std::vector<Fr> state(arity + 1);
    const double reference = calls_per_second([&] {
      state[0] = hasher.domain_tag();
      std::copy(inputs.begin(), inputs.end(), state.begin() + 1);
      sealsim::poseidon_permute_reference(hasher.constants(), state);
      inputs[0] = state[1];
    });
    std::printf("%-8u %16.0f %16.0f %8.2f\n", arity, optimised, reference, optimised / reference);
  }

  // An octree over 8^5 = 32768 nodes (37449 nodes, 4681 H8 hashes) through the node interface.
  const sealsim::PoseidonTreeHashers hashers;
  std::vector<sealsim::Node32> leaves;
  for (std::uint64_t i = 0; i < 32768; ++i) leaves.push_back(Fr::from_u64(i * i).to_bytes_le());
  const double trees = calls_per_second([&] { leaves[0] = sealsim::tree_root(leaves, hashers.h8); },
                                        1.0);
  std::printf("octree of 32768 leaves: %.1f trees/s = %.0f H8 hashes/s (nodes interface)\n", trees,
              trees * 4681);
  return 0;
}
