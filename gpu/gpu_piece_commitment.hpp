// gpu_piece_commitment.hpp: CommP of a payload on the GPU, bit-identical to
// model/piece_commitment.hpp. The payload streams from host memory in chunks through two CUDA
// streams, so the copy of one chunk overlaps the hashing of the one before; with page-locked input
// the run is bounded by the host-to-device copy.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/piece_commitment.hpp"
#include "model/piece_size.hpp"

namespace sealsim::gpu {

// Page-locked host memory (cudaHostAlloc), for payloads that should move at full bandwidth.
class PinnedBuffer {
 public:
  explicit PinnedBuffer(std::size_t bytes);
  ~PinnedBuffer();
  PinnedBuffer(const PinnedBuffer&) = delete;
  PinnedBuffer& operator=(const PinnedBuffer&) = delete;

  std::span<std::uint8_t> bytes() { return {data_, size_}; }

 private:
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

class GpuPieceCommitter {
 public:
  // Throws GpuError when the device is unusable (see cuda_unavailable_reason).
  explicit GpuPieceCommitter(int device = 0);
  ~GpuPieceCommitter();
  GpuPieceCommitter(const GpuPieceCommitter&) = delete;
  GpuPieceCommitter& operator=(const GpuPieceCommitter&) = delete;

  // Same contract as sealsim::compute_piece_commitment: ModelError for an empty payload or a piece
  // size that is invalid or too small. Pieces under kMinimumGpuPieceBytes are hashed on the CPU
  // (a few microseconds; launching kernels would cost more).
  PieceCommitment compute(ByteSpan payload, std::optional<PaddedPieceSize> piece_size = std::nullopt);

  // tree_d (spec proofs.md §7.1: binary SHA-256-trunc254 over the padded sector's 32-byte nodes)
  // on the device: every row from `first_row` (1 to 8; the leaves are row 0) up to the root, row
  // after row, root last: CachedMerkleTree::from_kept_rows's layout. ModelError unless the sector
  // is a power of two of nodes of at least 2^first_row.
  std::vector<Node32> tree_d_rows(ByteSpan padded_sector, unsigned first_row);

  static constexpr std::uint64_t kMinimumGpuPieceBytes = 8192;
  // Padded bytes hashed per chunk on the device (the streaming unit).
  static constexpr std::uint64_t kChunkPaddedBytes = std::uint64_t{256} << 20;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sealsim::gpu
