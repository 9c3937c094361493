#include "model/deterministic_rng.hpp"

#include <bit>

namespace sealsim {
namespace {

__extension__ using Uint128 = unsigned __int128;

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t fnv1a_64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

DeterministicRng::DeterministicRng(std::uint64_t seed) : seed_(seed) {
  std::uint64_t x = seed;
  for (auto& word : state_) word = splitmix64(x);
}

DeterministicRng DeterministicRng::from_state(std::uint64_t seed,
                                              const std::array<std::uint64_t, 4>& state) {
  DeterministicRng rng(seed);
  rng.state_ = state;
  return rng;
}

std::uint64_t DeterministicRng::next_u64() {
  const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = std::rotl(state_[3], 45);
  return result;
}

std::uint64_t DeterministicRng::uniform_below(std::uint64_t bound) {
  if (bound <= 1) return 0;
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
  for (;;) {
    Uint128 product = static_cast<Uint128>(next_u64()) * bound;
    if (static_cast<std::uint64_t>(product) >= threshold) {
      return static_cast<std::uint64_t>(product >> 64);
    }
  }
}

std::uint64_t DeterministicRng::uniform_between(std::uint64_t low, std::uint64_t high) {
  if (high - low == ~std::uint64_t{0}) return next_u64();
  return low + uniform_below(high - low + 1);
}

bool DeterministicRng::chance(std::uint64_t numerator, std::uint64_t denominator) {
  return uniform_below(denominator) < numerator;
}

void DeterministicRng::fill(std::span<std::uint8_t> bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::uint64_t word = next_u64();
    for (unsigned b = 0; b < 8 && i < bytes.size(); ++b, ++i) {
      bytes[i] = static_cast<std::uint8_t>(word >> (8 * b));
    }
  }
}

DeterministicRng DeterministicRng::fork(std::string_view stream_name) const {
  std::uint64_t x = seed_ ^ fnv1a_64(stream_name);
  return DeterministicRng(splitmix64(x));
}

}  // namespace sealsim
