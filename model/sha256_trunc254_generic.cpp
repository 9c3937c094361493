// sha256_trunc254_generic.cpp: portable node-hash kernel (plain C++ SHA-256 compression), the
// fallback for CPUs without SHA extensions.
#include "model/sha256_trunc254.hpp"
#include "model/sha256_trunc254_constants.hpp"

namespace sealsim::sha256_kernels {
namespace {

std::uint32_t big_sigma0(std::uint32_t x) { return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22); }
std::uint32_t big_sigma1(std::uint32_t x) { return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25); }

// 64 rounds over a schedule that already includes the round constants.
void rounds(std::array<std::uint32_t, 8>& state, const std::array<std::uint32_t, 64>& wk) {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (unsigned t = 0; t < 64; ++t) {
    const std::uint32_t t1 = h + big_sigma1(e) + ((e & f) ^ (~e & g)) + wk[t];
    const std::uint32_t t2 = big_sigma0(a) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

void hash_one_pair(const std::uint8_t* message64, std::uint8_t* digest32) {
  std::array<std::uint32_t, 64> wk{};
  for (unsigned t = 0; t < 16; ++t) {
    const std::uint8_t* p = message64 + 4 * t;
    wk[t] = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
            std::uint32_t{p[3]};
  }
  for (unsigned t = 16; t < 64; ++t) {
    wk[t] = small_sigma1(wk[t - 2]) + wk[t - 7] + small_sigma0(wk[t - 15]) + wk[t - 16];
  }
  for (unsigned t = 0; t < 64; ++t) wk[t] += kRoundConstants[t];
  std::array<std::uint32_t, 8> state = kInitialState;
  rounds(state, wk);
  rounds(state, kPaddingBlockScheduleK);
  for (unsigned i = 0; i < 8; ++i) {
    digest32[4 * i] = static_cast<std::uint8_t>(state[i] >> 24);
    digest32[4 * i + 1] = static_cast<std::uint8_t>(state[i] >> 16);
    digest32[4 * i + 2] = static_cast<std::uint8_t>(state[i] >> 8);
    digest32[4 * i + 3] = static_cast<std::uint8_t>(state[i]);
  }
  digest32[31] &= 0x3f;
}

}  // namespace

void hash_node_pairs_generic(const std::uint8_t* children, std::uint8_t* parents,
                             std::size_t parent_count) {
  // The whole message is read into the schedule before the digest is written, so parents may
  // alias children.
  for (std::size_t i = 0; i < parent_count; ++i) {
    hash_one_pair(children + 64 * i, parents + 32 * i);
  }
}

}  // namespace sealsim::sha256_kernels
