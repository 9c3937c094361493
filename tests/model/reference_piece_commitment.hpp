// reference_piece_commitment.hpp: CommP with the whole tree spelled out, for tests: zero-extend to
// the piece's unpadded size, fr32-pad, hash every level with OpenSSL (not the node-hash kernels
// under test).
#pragma once

#include <gtest/gtest.h>

#include <cstring>

#include "model/bytes.hpp"
#include "model/fr32.hpp"
#include "model/piece_size.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim::testing {

inline Node32 reference_piece_commitment(ByteSpan payload, PaddedPieceSize piece) {
  Bytes unpadded(payload.begin(), payload.end());
  unpadded.resize(piece.unpadded().bytes(), 0);
  Bytes level = fr32::pad(unpadded);
  EXPECT_EQ(level.size(), piece.bytes());
  while (level.size() > 32) {
    Bytes next(level.size() / 2);
    for (std::size_t i = 0; i < next.size() / 32; ++i) {
      const Node32 parent = sha256_trunc254(ByteSpan(level).subspan(64 * i, 64));
      std::memcpy(next.data() + 32 * i, parent.data(), 32);
    }
    level = std::move(next);
  }
  Node32 root;
  std::memcpy(root.data(), level.data(), 32);
  return root;
}

}  // namespace sealsim::testing
