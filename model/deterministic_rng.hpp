// deterministic_rng.hpp: the one pseudo-random generator of sealsim. Every random choice in a run
// flows from the run's seed through named sub-streams, and the integer-range mapping is our own,
// so outputs are identical across standard libraries and processes (harness-design.md rule 5).
//
// Generator: xoshiro256** (Blackman & Vigna), state seeded by SplitMix64 from a 64-bit seed.
// Sub-streams: fork(name) seeds a new generator from SplitMix64(seed ^ FNV-1a-64(name)), so adding
// a stream never shifts the values of another.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace sealsim {

class DeterministicRng {
 public:
  explicit DeterministicRng(std::uint64_t seed);
  // A generator with an explicit xoshiro256** state (reference vectors, checkpoints).
  static DeterministicRng from_state(std::uint64_t seed, const std::array<std::uint64_t, 4>& state);

  std::uint64_t seed() const { return seed_; }
  std::uint64_t next_u64();
  // Uniform in [0, bound), bound > 0: Lemire's multiply-shift with rejection of the biased low
  // range, so it is exact and uses a documented number of draws.
  std::uint64_t uniform_below(std::uint64_t bound);
  // Uniform in [low, high], low <= high.
  std::uint64_t uniform_between(std::uint64_t low, std::uint64_t high);
  // True with probability numerator/denominator.
  bool chance(std::uint64_t numerator, std::uint64_t denominator);
  // Fills bytes with successive next_u64() values, little-endian, the last one truncated.
  void fill(std::span<std::uint8_t> bytes);
  // An independent generator for the named sub-stream (chain, faults, workers, deals, ...).
  DeterministicRng fork(std::string_view stream_name) const;

 private:
  std::uint64_t seed_;
  std::array<std::uint64_t, 4> state_{};
};

std::uint64_t fnv1a_64(std::string_view text);

}  // namespace sealsim
