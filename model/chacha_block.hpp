// chacha_block.hpp: the ChaCha block function (RFC 7539 §2.3) with a configurable round count.
// SDR's DRG draws from ChaCha8 (rand_chacha ChaCha8Rng); OpenSSL only offers ChaCha20, so the
// block function is ours and is tested with 20 rounds against RFC 7539 and OpenSSL.
#pragma once

#include <array>
#include <cstdint>

namespace sealsim {

using ChaChaWords = std::array<std::uint32_t, 16>;

// Input state: words 0-3 the constants "expand 32-byte k", 4-11 the key (LE words), 12-15 the
// counter/nonce words (RFC 7539: 12 = counter, 13-15 nonce; DJB/rand_chacha: 12-13 = 64-bit
// counter, 14-15 stream id).
ChaChaWords chacha_input(const std::array<std::uint8_t, 32>& key, std::uint32_t word12,
                         std::uint32_t word13, std::uint32_t word14, std::uint32_t word15);

// `rounds` (even, > 0) rounds of column/diagonal quarter rounds, then the feed-forward addition.
ChaChaWords chacha_block(const ChaChaWords& input, unsigned rounds);

}  // namespace sealsim
