// piece_commitment.hpp: CommP of a payload (spec proofs.md §2.1, §2.3, §3.3): fr32-padded, zero
// filled to the piece size, binary SHA-256-trunc254 tree. Streams with memory bounded by the
// chunks of one batch plus O(log n) subtree roots, and hashes the chunks of a batch in parallel.
#pragma once

#include <cstdint>
#include <optional>

#include "model/bytes.hpp"
#include "model/piece_commitment_stack.hpp"
#include "model/piece_size.hpp"

namespace sealsim {

struct PieceCommitment {
  Node32 commitment;
  PaddedPieceSize piece_size;
  std::uint64_t payload_bytes;
};

// One payload at a time, used from one thread; it starts and joins its own worker threads.
class PieceCommitmentBuilder {
 public:
  // Unpadded bytes per chunk (1 MiB padded): the unit of work of one thread.
  static constexpr std::size_t kChunkUnpaddedBytes = 127 * 8192;
  // Chunks hashed at once; bounds the buffered payload at kMaxThreads chunks (about 32 MiB).
  static constexpr unsigned kMaxThreads = 32;

  // threads = 0 takes the hardware concurrency; at most kMaxThreads are used.
  explicit PieceCommitmentBuilder(unsigned threads = 1);

  // Any chunk sizes, any number of calls.
  void write(ByteSpan payload);
  // The piece size is padded_size_for_payload(n).padded() unless a larger valid size is requested.
  // Throws ModelError for an empty payload or an invalid or too small requested size. Resets the
  // builder for a new payload (also after an error).
  PieceCommitment finish(std::optional<PaddedPieceSize> piece_size = std::nullopt);

  unsigned threads() const { return threads_; }

 private:
  void hash_chunks(const std::uint8_t* chunks, std::size_t chunk_count);
  void reset();

  unsigned threads_;
  Bytes pending_;  // payload bytes not yet hashed, less than threads_ whole chunks
  PieceCommitmentStack stack_;
  std::uint64_t payload_bytes_ = 0;
};

PieceCommitment compute_piece_commitment(ByteSpan payload,
                                         std::optional<PaddedPieceSize> piece_size = std::nullopt,
                                         unsigned threads = 1);

// Root over already fr32-padded data (curio Test2K): the length must be a power of two >= 64.
Node32 padded_tree_root(ByteSpan padded);

// CommP of a piece followed by zeros up to `to` (§2.3). Both sizes valid, from <= to.
Node32 zero_pad_piece_commitment(const Node32& commitment, PaddedPieceSize from,
                                 PaddedPieceSize to);

}  // namespace sealsim
