// gpu_piece_commitment.cu: CommP of a payload and the rows of tree_d on the device (SHA-256-trunc254 trees).
#include "gpu/gpu_piece_commitment.hpp"

#include <cuda_runtime.h>

#include <array>
#include <vector>

#include "gpu/cuda_check.cuh"
#include "gpu/gpu_device.hpp"
#include "gpu/sha256_node.cuh"
#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"
#include "model/sha256_trunc254_constants.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim::gpu {
namespace {

// One thread block turns 64 fr32 blocks (8128 payload bytes) into 256 leaves and reduces them to a
// subtree root in shared memory, so leaves never travel through device memory.
constexpr unsigned kLeavesPerSubtree = 256;
constexpr unsigned kSubtreePaddedBytes = kLeavesPerSubtree * 32;        // 8192
constexpr unsigned kSubtreePayloadBytes = kSubtreePaddedBytes / 128 * 127;  // 8128
constexpr unsigned kThreadsPerSubtree = kLeavesPerSubtree / 2;
constexpr unsigned kStreams = 2;

// Reduces `count` nodes (power of two, <= 256) held in shared memory to one, with count/2 threads.
__device__ void reduce_in_shared(std::uint32_t (*nodes)[8], unsigned count) {
  for (unsigned width = count / 2; width >= 1; width /= 2) {
    std::uint32_t left[8], right[8], parent[8];
    const unsigned t = threadIdx.x;
    if (t < width) {
#pragma unroll
      for (int i = 0; i < 8; ++i) {
        left[i] = nodes[2 * t][i];
        right[i] = nodes[2 * t + 1][i];
      }
      detail::hash_node_pair(left, right, parent);
    }
    __syncthreads();
    if (t < width) {
#pragma unroll
      for (int i = 0; i < 8; ++i) nodes[t][i] = parent[i];
    }
    __syncthreads();
  }
}

// fr32 (spec proofs.md §1.1): output byte j of node k carries input bits 254k + 8j .. +7, and the
// last byte of each node keeps only 6 bits.
__device__ void fr32_pad_block(const std::uint8_t* in, std::uint8_t* out) {
  for (unsigned k = 0; k < 4; ++k) {
    for (unsigned j = 0; j < 32; ++j) {
      const unsigned bit = 254 * k + 8 * j;
      const unsigned byte = bit >> 3;
      const unsigned shift = bit & 7;
      unsigned value = in[byte] >> shift;
      if (shift != 0 && byte + 1 < 127) value |= static_cast<unsigned>(in[byte + 1]) << (8 - shift);
      if (j == 31) value &= 0x3f;
      out[32 * k + j] = static_cast<std::uint8_t>(value);
    }
  }
}

__global__ void __launch_bounds__(kThreadsPerSubtree)
    payload_subtree_roots(const std::uint8_t* __restrict__ payload, std::uint32_t* __restrict__ roots) {
  __shared__ alignas(16) std::uint8_t payload_tile[kSubtreePayloadBytes];
  __shared__ alignas(16) std::uint32_t nodes[kLeavesPerSubtree][8];
  const std::uint8_t* source = payload + static_cast<std::size_t>(blockIdx.x) * kSubtreePayloadBytes;
  // 8128 = 508 × 16 bytes; cudaMalloc'd chunks and this offset keep 16-byte alignment.
  const uint4* source16 = reinterpret_cast<const uint4*>(source);
  uint4* tile16 = reinterpret_cast<uint4*>(payload_tile);
  for (unsigned i = threadIdx.x; i < kSubtreePayloadBytes / 16; i += blockDim.x) tile16[i] = source16[i];
  __syncthreads();
  if (threadIdx.x < 64) {
    fr32_pad_block(payload_tile + 127 * threadIdx.x,
                   reinterpret_cast<std::uint8_t*>(&nodes[4 * threadIdx.x][0]));
  }
  __syncthreads();
  reduce_in_shared(nodes, kLeavesPerSubtree);
  if (threadIdx.x < 8) roots[8 * static_cast<std::size_t>(blockIdx.x) + threadIdx.x] = nodes[0][threadIdx.x];
}

// Each block reduces `group` consecutive nodes (power of two <= 256) to one.
__global__ void __launch_bounds__(kThreadsPerSubtree)
    reduce_node_groups(const std::uint32_t* __restrict__ in, std::uint32_t* __restrict__ out, unsigned group) {
  __shared__ alignas(16) std::uint32_t nodes[kLeavesPerSubtree][8];
  const std::uint32_t* source = in + static_cast<std::size_t>(blockIdx.x) * group * 8;
  for (unsigned i = threadIdx.x; i < group * 8; i += blockDim.x) nodes[i / 8][i % 8] = source[i];
  __syncthreads();
  reduce_in_shared(nodes, group);
  if (threadIdx.x < 8) out[8 * static_cast<std::size_t>(blockIdx.x) + threadIdx.x] = nodes[0][threadIdx.x];
}

// out[i] = H(in[2i], in[2i+1]): one row of a binary tree from the row below.
__global__ void hash_pair_row(const std::uint32_t* __restrict__ in, std::uint32_t* __restrict__ out,
                                std::size_t count) {
  const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
  if (i >= count) return;
  std::uint32_t left[8], right[8], parent[8];
#pragma unroll
  for (int k = 0; k < 8; ++k) {
    left[k] = in[16 * i + k];
    right[k] = in[16 * i + 8 + k];
  }
  detail::hash_node_pair(left, right, parent);
#pragma unroll
  for (int k = 0; k < 8; ++k) out[8 * i + k] = parent[k];
}

bool is_page_locked(const void* pointer) {
  cudaPointerAttributes attributes{};
  if (cudaPointerGetAttributes(&attributes, pointer) != cudaSuccess) {
    (void)cudaGetLastError();
    return false;
  }
  return attributes.type == cudaMemoryTypeHost;
}

}  // namespace

PinnedBuffer::PinnedBuffer(std::size_t bytes) : size_(bytes) {
  void* pointer = nullptr;
  SEALSIM_CUDA_CHECK(cudaHostAlloc(&pointer, bytes, cudaHostAllocDefault));
  data_ = static_cast<std::uint8_t*>(pointer);
}

PinnedBuffer::~PinnedBuffer() { cudaFreeHost(data_); }

struct GpuPieceCommitter::Impl {
  struct Slot {
    cudaStream_t stream = nullptr;
    std::uint8_t* payload = nullptr;    // one chunk of payload bytes
    std::uint32_t* nodes_a = nullptr;   // subtree roots
    std::uint32_t* nodes_b = nullptr;   // next level up
  };
  std::array<Slot, kStreams> slots{};
  Node32* chunk_roots = nullptr;  // pinned, one per chunk of the current piece
  std::size_t chunk_root_capacity = 0;

  ~Impl() {
    for (Slot& slot : slots) {
      if (slot.stream != nullptr) cudaStreamDestroy(slot.stream);
      cudaFree(slot.payload);
      cudaFree(slot.nodes_a);
      cudaFree(slot.nodes_b);
    }
    cudaFreeHost(chunk_roots);
  }

  void ensure_root_capacity(std::size_t count) {
    if (count <= chunk_root_capacity) return;
    cudaFreeHost(chunk_roots);
    void* pointer = nullptr;
    SEALSIM_CUDA_CHECK(cudaHostAlloc(&pointer, count * sizeof(Node32), cudaHostAllocDefault));
    chunk_roots = static_cast<Node32*>(pointer);
    chunk_root_capacity = count;
  }

  // Enqueues the root of one chunk of `chunk_padded` bytes whose first `payload_bytes` payload
  // bytes come from `source` (the rest zero) into `root`.
  void enqueue_chunk(Slot& slot, const std::uint8_t* source, std::uint64_t payload_bytes,
                     std::uint64_t chunk_padded, Node32* root) {
    const std::uint64_t chunk_payload = chunk_padded / 128 * 127;
    SEALSIM_CUDA_CHECK(cudaMemcpyAsync(slot.payload, source, payload_bytes, cudaMemcpyHostToDevice, slot.stream));
    if (payload_bytes < chunk_payload) {
      SEALSIM_CUDA_CHECK(cudaMemsetAsync(slot.payload + payload_bytes, 0, chunk_payload - payload_bytes, slot.stream));
    }
    auto subtrees = static_cast<unsigned>(chunk_padded / kSubtreePaddedBytes);
    payload_subtree_roots<<<subtrees, kThreadsPerSubtree, 0, slot.stream>>>(slot.payload, slot.nodes_a);
    SEALSIM_CUDA_CHECK(cudaGetLastError());
    std::uint32_t* in = slot.nodes_a;
    std::uint32_t* out = slot.nodes_b;
    for (unsigned count = subtrees; count > 1;) {
      const unsigned group = count < kLeavesPerSubtree ? count : kLeavesPerSubtree;
      reduce_node_groups<<<count / group, kThreadsPerSubtree, 0, slot.stream>>>(in, out, group);
      SEALSIM_CUDA_CHECK(cudaGetLastError());
      count /= group;
      std::swap(in, out);
    }
    SEALSIM_CUDA_CHECK(cudaMemcpyAsync(root, in, sizeof(Node32), cudaMemcpyDeviceToHost, slot.stream));
  }
};

GpuPieceCommitter::GpuPieceCommitter(int device) : impl_(std::make_unique<Impl>()) {
  if (auto why = cuda_unavailable_reason(device)) throw GpuError(*why);
  SEALSIM_CUDA_CHECK(cudaSetDevice(device));
  SEALSIM_CUDA_CHECK(cudaMemcpyToSymbol(detail::kRoundConstants, sha256_kernels::kRoundConstants.data(),
                                        sizeof(sha256_kernels::kRoundConstants)));
  SEALSIM_CUDA_CHECK(cudaMemcpyToSymbol(detail::kPaddingBlockSchedule, sha256_kernels::kPaddingBlockScheduleK.data(),
                                        sizeof(sha256_kernels::kPaddingBlockScheduleK)));
  const std::uint64_t max_subtrees = kChunkPaddedBytes / kSubtreePaddedBytes;
  for (auto& slot : impl_->slots) {
    SEALSIM_CUDA_CHECK(cudaStreamCreateWithFlags(&slot.stream, cudaStreamNonBlocking));
    SEALSIM_CUDA_CHECK(cudaMalloc(&slot.payload, kChunkPaddedBytes / 128 * 127));
    SEALSIM_CUDA_CHECK(cudaMalloc(&slot.nodes_a, max_subtrees * 32));
    SEALSIM_CUDA_CHECK(cudaMalloc(&slot.nodes_b, max_subtrees * 32));
  }
}

GpuPieceCommitter::~GpuPieceCommitter() = default;

PieceCommitment GpuPieceCommitter::compute(ByteSpan payload, std::optional<PaddedPieceSize> piece_size) {
  if (payload.empty()) throw ModelError("empty payload has no piece commitment");
  const PaddedPieceSize size = piece_size.value_or(padded_size_for_payload(payload.size()).padded());
  size.validate();
  if (size.unpadded().bytes() < payload.size()) {
    throw ModelError("payload of " + std::to_string(payload.size()) + " bytes does not fit a piece of " +
                     std::to_string(size.bytes()) + " padded bytes");
  }
  if (size.bytes() < kMinimumGpuPieceBytes) return compute_piece_commitment(payload, size);

  const std::uint64_t chunk_padded = std::min<std::uint64_t>(size.bytes(), kChunkPaddedBytes);
  const std::uint64_t chunk_payload = chunk_padded / 128 * 127;
  const std::uint64_t chunk_count = size.bytes() / chunk_padded;
  const std::uint64_t data_chunks = (payload.size() + chunk_payload - 1) / chunk_payload;
  impl_->ensure_root_capacity(chunk_count);
  // Poison the root slots so a chunk that never ran cannot pass for a result.
  for (std::uint64_t i = 0; i < data_chunks; ++i) impl_->chunk_roots[i].fill(0xff);

  // Page-lock pageable input for the duration of the call so copies run asynchronously.
  const bool register_input = !is_page_locked(payload.data()) && payload.size() >= chunk_payload;
  bool registered = false;
  if (register_input) {
    registered = cudaHostRegister(const_cast<std::uint8_t*>(payload.data()), payload.size(),
                                  cudaHostRegisterReadOnly) == cudaSuccess;
    if (!registered) (void)cudaGetLastError();  // fall back to pageable copies
  }
  try {
    for (std::uint64_t i = 0; i < data_chunks; ++i) {
      const std::uint64_t offset = i * chunk_payload;
      const std::uint64_t bytes = std::min<std::uint64_t>(chunk_payload, payload.size() - offset);
      impl_->enqueue_chunk(impl_->slots[i % kStreams], payload.data() + offset, bytes, chunk_padded,
                           &impl_->chunk_roots[i]);
    }
    for (auto& slot : impl_->slots) SEALSIM_CUDA_CHECK(cudaStreamSynchronize(slot.stream));
  } catch (...) {
    if (registered) cudaHostUnregister(const_cast<std::uint8_t*>(payload.data()));
    throw;
  }
  if (registered) SEALSIM_CUDA_CHECK(cudaHostUnregister(const_cast<std::uint8_t*>(payload.data())));

  // Chunks past the payload are all zero: their root is a zero commitment.
  std::vector<Node32> level(impl_->chunk_roots, impl_->chunk_roots + data_chunks);
  level.resize(chunk_count, zero_piece_commitment(PaddedPieceSize(chunk_padded)));
  while (level.size() > 1) {
    for (std::size_t i = 0; i < level.size() / 2; ++i) level[i] = hash_node_pair(level[2 * i], level[2 * i + 1]);
    level.resize(level.size() / 2);
  }
  return PieceCommitment{level[0], size, payload.size()};
}

}  // namespace sealsim::gpu

namespace sealsim::gpu {

std::vector<Node32> GpuPieceCommitter::tree_d_rows(ByteSpan padded_sector, unsigned first_row) {
  const std::uint64_t nodes = padded_sector.size() / 32;
  if (padded_sector.size() % 32 != 0 || nodes < 2 || (nodes & (nodes - 1)) != 0) {
    throw ModelError("GPU tree_d over " + std::to_string(padded_sector.size()) +
                     " bytes: not a power of two of 32-byte nodes (at least two)");
  }
  const std::uint64_t group = std::uint64_t{1} << first_row;
  if (first_row == 0 || group > kLeavesPerSubtree || group > nodes) {
    throw ModelError("GPU tree_d keeps rows from 1 to 8 (and below the root), not from row " +
                     std::to_string(first_row));
  }
  // The sector goes up in chunks of kChunkPaddedBytes; each chunk's rows come back, and the rows
  // above the chunk roots are hashed on the host.
  const std::uint64_t chunk_nodes = std::min<std::uint64_t>(nodes, kChunkPaddedBytes / 32);
  const std::uint64_t chunk_count = nodes / chunk_nodes;
  const std::uint64_t first_width = chunk_nodes / group;
  std::uint32_t* leaves = nullptr;
  std::uint32_t* row_a = nullptr;
  std::uint32_t* row_b = nullptr;
  auto release = [&] {
    cudaFree(leaves);
    cudaFree(row_a);
    cudaFree(row_b);
  };
  cudaStream_t stream = impl_->slots[0].stream;
  std::vector<std::vector<Node32>> chunk_rows(chunk_count);
  try {
    SEALSIM_CUDA_CHECK(cudaMalloc(&leaves, chunk_nodes * 32));
    SEALSIM_CUDA_CHECK(cudaMalloc(&row_a, first_width * 32));
    SEALSIM_CUDA_CHECK(cudaMalloc(&row_b, std::max<std::uint64_t>(first_width / 2, 1) * 32));
    for (std::uint64_t c = 0; c < chunk_count; ++c) {
      std::vector<Node32>& rows = chunk_rows[c];
      rows.resize(2 * first_width - 1);  // first_width + first_width/2 + ... + 1
      SEALSIM_CUDA_CHECK(cudaMemcpyAsync(leaves, padded_sector.data() + c * chunk_nodes * 32, chunk_nodes * 32,
                                         cudaMemcpyHostToDevice, stream));
      reduce_node_groups<<<static_cast<unsigned>(first_width), kThreadsPerSubtree, 0, stream>>>(
          leaves, row_a, static_cast<unsigned>(group));
      SEALSIM_CUDA_CHECK(cudaGetLastError());
      std::size_t at = 0;
      std::uint32_t* in = row_a;
      std::uint32_t* out = row_b;
      for (std::uint64_t width = first_width;; width /= 2) {
        SEALSIM_CUDA_CHECK(cudaMemcpyAsync(rows.data() + at, in, width * 32, cudaMemcpyDeviceToHost, stream));
        at += width;
        if (width == 1) break;
        const std::uint64_t parents = width / 2;
        hash_pair_row<<<static_cast<unsigned>((parents + 127) / 128), 128, 0, stream>>>(in, out, parents);
        SEALSIM_CUDA_CHECK(cudaGetLastError());
        std::swap(in, out);
      }
      SEALSIM_CUDA_CHECK(cudaStreamSynchronize(stream));
    }
  } catch (...) {
    release();
    throw;
  }
  release();
  // Row by row: the chunks' rows side by side, then the rows above the chunk roots.
  std::vector<Node32> kept;
  kept.reserve(2 * first_width * chunk_count);
  std::size_t offset = 0;
  for (std::uint64_t width = first_width;; width /= 2) {
    for (const std::vector<Node32>& rows : chunk_rows) {
      kept.insert(kept.end(), rows.begin() + static_cast<std::ptrdiff_t>(offset),
                  rows.begin() + static_cast<std::ptrdiff_t>(offset + width));
    }
    offset += width;
    if (width == 1) break;
  }
  for (std::size_t width = chunk_count; width > 1; width /= 2) {
    const std::size_t row = kept.size() - width;
    for (std::size_t i = 0; i < width / 2; ++i) {
      kept.push_back(hash_node_pair(kept[row + 2 * i], kept[row + 2 * i + 1]));
    }
  }
  return kept;
}

}  // namespace sealsim::gpu
