// piece_commitment.cpp: streamed, chunk-parallel CommP. Each chunk is padded and hashed in 16 KiB
// subtrees that stay in the L1 cache; chunk roots go onto the subtree stack in data order.
#include "model/piece_commitment.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim {
namespace {

constexpr std::size_t kSubtreeBlocks = 128;  // 127-byte blocks per 16 KiB padded subtree
constexpr std::size_t kChunkBlocks = PieceCommitmentBuilder::kChunkUnpaddedBytes / 127;
static_assert(kChunkBlocks % kSubtreeBlocks == 0 && std::has_single_bit(kChunkBlocks));

// Tree level of a subtree over `blocks` padded blocks (4 leaves each).
unsigned level_of_blocks(std::size_t blocks) {
  return static_cast<unsigned>(std::countr_zero(blocks)) + 2;
}

// Reduces `nodes` (a power of two) contiguous nodes to their root, in place.
Node32 reduce_in_place(std::uint8_t* nodes_data, std::size_t nodes) {
  for (; nodes > 1; nodes /= 2) hash_node_pairs(nodes_data, nodes_data, nodes / 2);
  Node32 root;
  std::memcpy(root.data(), nodes_data, root.size());
  return root;
}

// Root of fr32(unpadded) for `blocks` (a power of two, <= kChunkBlocks) whole 127-byte blocks.
Node32 unpadded_subtree_root(const std::uint8_t* unpadded, std::size_t blocks) {
  std::array<std::uint8_t, kSubtreeBlocks * fr32::kPaddedBlockBytes> padded;
  const auto small_root = [&](const std::uint8_t* in, std::size_t count) {
    for (std::size_t b = 0; b < count; ++b) {
      fr32::pad_block(in + b * fr32::kUnpaddedBlockBytes,
                      padded.data() + b * fr32::kPaddedBlockBytes);
    }
    return reduce_in_place(padded.data(), count * 4);
  };
  if (blocks <= kSubtreeBlocks) return small_root(unpadded, blocks);
  std::array<std::uint8_t, 32 * (kChunkBlocks / kSubtreeBlocks)> subtree_roots;
  const std::size_t subtrees = blocks / kSubtreeBlocks;
  for (std::size_t s = 0; s < subtrees; ++s) {
    const Node32 root =
        small_root(unpadded + s * kSubtreeBlocks * fr32::kUnpaddedBlockBytes, kSubtreeBlocks);
    std::memcpy(subtree_roots.data() + 32 * s, root.data(), root.size());
  }
  return reduce_in_place(subtree_roots.data(), subtrees);
}

}  // namespace

PieceCommitmentBuilder::PieceCommitmentBuilder(unsigned threads)
    : threads_(std::clamp(threads == 0 ? std::thread::hardware_concurrency() : threads, 1u,
                          kMaxThreads)) {}

void PieceCommitmentBuilder::write(ByteSpan payload) {
  payload_bytes_ += payload.size();
  const std::size_t batch_bytes = threads_ * kChunkUnpaddedBytes;
  while (!payload.empty()) {
    if (pending_.empty() && payload.size() >= kChunkUnpaddedBytes) {
      // Whole chunks straight from the caller's buffer, no copy.
      const std::size_t chunks =
          std::min<std::size_t>(threads_, payload.size() / kChunkUnpaddedBytes);
      hash_chunks(payload.data(), chunks);
      payload = payload.subspan(chunks * kChunkUnpaddedBytes);
      continue;
    }
    const std::size_t take = std::min(batch_bytes - pending_.size(), payload.size());
    pending_.insert(pending_.end(), payload.begin(),
                    payload.begin() + static_cast<std::ptrdiff_t>(take));
    payload = payload.subspan(take);
    if (pending_.size() == batch_bytes) {
      hash_chunks(pending_.data(), threads_);
      pending_.clear();
    }
  }
}

void PieceCommitmentBuilder::hash_chunks(const std::uint8_t* chunks, std::size_t chunk_count) {
  std::vector<Node32> roots(chunk_count);
  const auto hash_chunk = [&](std::size_t c) {
    roots[c] = unpadded_subtree_root(chunks + c * kChunkUnpaddedBytes, kChunkBlocks);
  };
  if (chunk_count == 1) {
    hash_chunk(0);
  } else {
    // Fork-join: one thread per chunk beyond the first, which the calling thread hashes.
    std::vector<std::jthread> workers;
    workers.reserve(chunk_count - 1);
    for (std::size_t c = 1; c < chunk_count; ++c) workers.emplace_back(hash_chunk, c);
    hash_chunk(0);
  }
  for (const Node32& root : roots) stack_.push(SubtreeRoot{root, level_of_blocks(kChunkBlocks)});
}

PieceCommitment PieceCommitmentBuilder::finish(std::optional<PaddedPieceSize> piece_size) {
  const std::uint64_t payload_bytes = payload_bytes_;
  if (payload_bytes == 0) {
    reset();
    throw ModelError("empty payload has no piece commitment");
  }
  const PaddedPieceSize minimum = padded_size_for_payload(payload_bytes).padded();
  PaddedPieceSize target = minimum;
  if (piece_size) {
    if (!piece_size->is_valid()) {
      reset();
      piece_size->validate();  // throws with the rule and the value
    }
    if (*piece_size < minimum) {
      reset();
      throw ModelError("requested piece size " + std::to_string(piece_size->bytes()) +
                       " is smaller than the " + std::to_string(minimum.bytes()) +
                       " padded bytes a payload of " + std::to_string(payload_bytes) +
                       " bytes needs");
    }
    target = *piece_size;
  }

  const std::size_t full_chunks = pending_.size() / kChunkUnpaddedBytes;
  if (full_chunks > 0) hash_chunks(pending_.data(), full_chunks);
  const std::size_t tail_bytes = pending_.size() - full_chunks * kChunkUnpaddedBytes;
  if (tail_bytes > 0) {
    // Zero-filled to the smallest power-of-two number of blocks; it starts at a chunk boundary,
    // so it is aligned to its own size, and the zero tree to its right comes from the stack.
    const std::size_t blocks = std::bit_ceil((tail_bytes + 126) / 127);
    Bytes tail(blocks * fr32::kUnpaddedBlockBytes, 0);
    std::memcpy(tail.data(), pending_.data() + full_chunks * kChunkUnpaddedBytes, tail_bytes);
    stack_.push(SubtreeRoot{unpadded_subtree_root(tail.data(), blocks), level_of_blocks(blocks)});
  }
  SubtreeRoot tree = stack_.finish();
  const unsigned target_level = target.log2() - 5;
  for (; tree.level < target_level; ++tree.level) {
    tree.root = hash_node_pair(tree.root, zero_commitment(tree.level));
  }
  reset();
  return PieceCommitment{tree.root, target, payload_bytes};
}

void PieceCommitmentBuilder::reset() {
  pending_.clear();
  pending_.shrink_to_fit();
  stack_ = PieceCommitmentStack();
  payload_bytes_ = 0;
}

PieceCommitment compute_piece_commitment(ByteSpan payload,
                                         std::optional<PaddedPieceSize> piece_size,
                                         unsigned threads) {
  PieceCommitmentBuilder builder(threads);
  builder.write(payload);
  return builder.finish(piece_size);
}

Node32 padded_tree_root(ByteSpan padded) {
  if (padded.size() < 64 || !std::has_single_bit(padded.size())) {
    throw ModelError("padded tree data must be a power of two of at least 64 bytes (got " +
                     std::to_string(padded.size()) + ")");
  }
  // Copies 16 KiB at a time into a scratch buffer, so the input is never modified.
  constexpr std::size_t kSegmentBytes = kSubtreeBlocks * fr32::kPaddedBlockBytes;
  const std::size_t segment = std::min(kSegmentBytes, padded.size());
  std::vector<std::uint8_t> scratch(segment);
  PieceCommitmentStack stack;
  const unsigned segment_level = static_cast<unsigned>(std::countr_zero(segment)) - 5;
  for (std::size_t offset = 0; offset < padded.size(); offset += segment) {
    std::memcpy(scratch.data(), padded.data() + offset, segment);
    stack.push(SubtreeRoot{reduce_in_place(scratch.data(), segment / 32), segment_level});
  }
  return stack.finish().root;
}

Node32 zero_pad_piece_commitment(const Node32& commitment, PaddedPieceSize from,
                                 PaddedPieceSize to) {
  from.validate();
  to.validate();
  if (to < from) {
    throw ModelError("cannot zero-pad a piece of " + std::to_string(from.bytes()) +
                     " bytes down to " + std::to_string(to.bytes()) + " bytes");
  }
  Node32 result = commitment;
  for (unsigned level = from.log2() - 5; level < to.log2() - 5; ++level) {
    result = hash_node_pair(result, zero_commitment(level));
  }
  return result;
}

}  // namespace sealsim
