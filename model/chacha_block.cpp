// chacha_block.cpp: ChaCha block function, written from the RFC 7539 definition.
#include "model/chacha_block.hpp"

#include <bit>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

constexpr void quarter_round(ChaChaWords& s, std::size_t a, std::size_t b, std::size_t c,
                             std::size_t d) {
  s[a] += s[b]; s[d] ^= s[a]; s[d] = std::rotl(s[d], 16);
  s[c] += s[d]; s[b] ^= s[c]; s[b] = std::rotl(s[b], 12);
  s[a] += s[b]; s[d] ^= s[a]; s[d] = std::rotl(s[d], 8);
  s[c] += s[d]; s[b] ^= s[c]; s[b] = std::rotl(s[b], 7);
}

}  // namespace

ChaChaWords chacha_input(const std::array<std::uint8_t, 32>& key, std::uint32_t word12,
                         std::uint32_t word13, std::uint32_t word14, std::uint32_t word15) {
  ChaChaWords state{0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
  for (std::size_t i = 0; i < 8; ++i) {
    state[4 + i] = std::uint32_t{key[4 * i]} | (std::uint32_t{key[4 * i + 1]} << 8) |
                   (std::uint32_t{key[4 * i + 2]} << 16) | (std::uint32_t{key[4 * i + 3]} << 24);
  }
  state[12] = word12;
  state[13] = word13;
  state[14] = word14;
  state[15] = word15;
  return state;
}

ChaChaWords chacha_block(const ChaChaWords& input, unsigned rounds) {
  if (rounds == 0 || rounds % 2 != 0) {
    throw ModelError("ChaCha round count must be even and positive, got " + std::to_string(rounds));
  }
  ChaChaWords s = input;
  for (unsigned i = 0; i < rounds; i += 2) {
    quarter_round(s, 0, 4, 8, 12);
    quarter_round(s, 1, 5, 9, 13);
    quarter_round(s, 2, 6, 10, 14);
    quarter_round(s, 3, 7, 11, 15);
    quarter_round(s, 0, 5, 10, 15);
    quarter_round(s, 1, 6, 11, 12);
    quarter_round(s, 2, 7, 8, 13);
    quarter_round(s, 3, 4, 9, 14);
  }
  for (std::size_t i = 0; i < 16; ++i) s[i] += input[i];
  return s;
}

}  // namespace sealsim
