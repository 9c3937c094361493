// go_math_rand.hpp: Go's math/rand default source (the additive lagged Fibonacci generator of
// Mitchell and Reeds, 607 words, tap 273) as seeded by rand.Seed / rand.NewSource, and the byte
// stream of jbenet/go-random `random SIZE SEED`: successive Uint32() values written
// little-endian. go-fil-commp-hashhash testdata/random.txt (spec V-COMMP-3) uses it with seed 1337.
#pragma once

#include <array>
#include <cstdint>

#include "model/bytes.hpp"

namespace sealsim::vectors {

class GoMathRand {
 public:
  explicit GoMathRand(std::int64_t seed);
  std::int64_t int63();
  std::uint32_t uint32() { return static_cast<std::uint32_t>(int63() >> 31); }

 private:
  static constexpr int kLength = 607;
  static constexpr int kTap = 273;
  int tap_ = 0;
  int feed_ = kLength - kTap;
  std::array<std::int64_t, kLength> vec_{};
};

// `length` bytes of go-random's pseudo-random stream for `seed`.
Bytes go_random_bytes(std::int64_t seed, std::uint64_t length);

}  // namespace sealsim::vectors
