// gpu_poseidon.cu: Poseidon kernels (one hash per thread) and the PreCommit2 pipeline over them.
#include "gpu/gpu_poseidon.hpp"

#include <cuda_runtime.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <string>

#include "gpu/cuda_check.cuh"
#include "gpu/gpu_device.hpp"
#include "gpu/poseidon_device.cuh"
#include "gpu/poseidon_flat_constants.hpp"
#include "model/field_fr.hpp"
#include "model/model_error.hpp"
#include "model/poseidon_tree.hpp"

namespace sealsim::gpu {
namespace {

constexpr unsigned kThreadsPerBlock = 128;
// The PreCommit2 pipeline works on chunks of at most 8^8 nodes (16 Mi): a complete octree, so the
// chunk roots are one row of every larger tree. A 32 GiB sector's 11 layers of one chunk take
// 5.5 GiB of device memory.
constexpr std::uint64_t kMaxChunkNodes = std::uint64_t{1} << 24;

template <unsigned W>
__global__ void hash_kernel(PoseidonDeviceConstants constants, FrLimbs domain_tag,
                            const FrLimbs* inputs, std::size_t element_stride,
                            std::size_t hash_stride, std::size_t count, FrLimbs* out) {
  const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
  if (i >= count) return;
  out[i] = poseidon_hash_canonical<W>(constants, domain_tag, inputs + i * hash_stride,
                                      element_stride);
}

// replica = data + key (mod r): addition commutes with the Montgomery map, so canonical values
// are added directly.
__global__ void encode_kernel(const FrLimbs* data, const FrLimbs* key, std::size_t count,
                              FrLimbs* out) {
  const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
  if (i >= count) return;
  out[i] = fr_device::add(data[i], key[i]);
}

// Deterministic pseudo-random field elements for benchmarks (SplitMix64 per limb pair; the top
// limb is kept below 2^30 so every value is below r).
__global__ void synthetic_kernel(std::uint64_t seed, std::uint64_t first, std::size_t count,
                                 FrLimbs* out) {
  const std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x;
  if (i >= count) return;
  std::uint64_t state = seed ^ ((first + i) * 0x9e3779b97f4a7c15ull);
  FrLimbs value;
  for (int k = 0; k < 4; ++k) {
    state += 0x9e3779b97f4a7c15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    value.limb[2 * k] = static_cast<std::uint32_t>(z);
    value.limb[2 * k + 1] = static_cast<std::uint32_t>(z >> 32);
  }
  value.limb[7] &= 0x3fffffffu;
  out[i] = value;
}

unsigned blocks_for(std::size_t count) {
  return static_cast<unsigned>((count + kThreadsPerBlock - 1) / kThreadsPerBlock);
}

void check_launch() { SEALSIM_CUDA_CHECK(cudaGetLastError()); }

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(std::size_t count) { resize(count); }
  ~DeviceBuffer() { release(); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
  void resize(std::size_t count) {
    if (count <= capacity_) {
      size_ = count;
      return;
    }
    release();
    SEALSIM_CUDA_CHECK(cudaMalloc(&data_, count * sizeof(T)));
    capacity_ = size_ = count;
  }
  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  void release() {
    if (data_ != nullptr) cudaFree(data_);
    data_ = nullptr;
    capacity_ = size_ = 0;
  }
  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

static_assert(sizeof(FrLimbs) == sizeof(Node32));

bool below_modulus(const Node32& node) { return Fr::try_from_bytes_le(node).has_value(); }

void require_field_nodes(std::span<const Node32> nodes, const char* what) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!below_modulus(nodes[i])) {
      throw ModelError(std::string(what) + " node " + std::to_string(i) + " (" +
                       to_hex(as_span(nodes[i])) + ") is not a field element below r");
    }
  }
}

bool is_power_of(std::uint64_t value, unsigned base) {
  if (value < 1) return false;
  while (value % base == 0) value /= base;
  return value == 1;
}

}  // namespace

struct GpuPoseidon::Impl {
  struct Instance {
    FlatPoseidonConstants flat;
    DeviceBuffer<FrLimbs> values;
    PoseidonDeviceConstants view() const { return flat.view(values.data()); }
  };
  std::array<Instance, 3> instances;  // arity 2, 8, 11
  cudaStream_t stream = nullptr;
  cudaEvent_t start = nullptr;
  cudaEvent_t stop = nullptr;
  DeviceBuffer<FrLimbs> scratch_a, scratch_b;

  const Instance& instance(unsigned arity) const {
    switch (arity) {
      case 2: return instances[0];
      case 8: return instances[1];
      case 11: return instances[2];
      default:
        throw ModelError("GPU Poseidon supports arities 2, 8 and 11, not " + std::to_string(arity));
    }
  }

  // out[i] = H(inputs[i·hash_stride + k·element_stride], k < arity), on the stream.
  void hash(unsigned arity, const FrLimbs* inputs, std::size_t element_stride,
            std::size_t hash_stride, std::size_t count, FrLimbs* out) const {
    if (count == 0) return;
    const Instance& in = instance(arity);
    switch (arity) {
      case 2:
        hash_kernel<3><<<blocks_for(count), kThreadsPerBlock, 0, stream>>>(
            in.view(), in.flat.domain_tag, inputs, element_stride, hash_stride, count, out);
        break;
      case 8:
        hash_kernel<9><<<blocks_for(count), kThreadsPerBlock, 0, stream>>>(
            in.view(), in.flat.domain_tag, inputs, element_stride, hash_stride, count, out);
        break;
      default:
        hash_kernel<12><<<blocks_for(count), kThreadsPerBlock, 0, stream>>>(
            in.view(), in.flat.domain_tag, inputs, element_stride, hash_stride, count, out);
        break;
    }
    check_launch();
  }

  // Root of the complete tree over `count` device-resident leaves (count = arity^k); when `rows`
  // is given, every row from `first_row` (the leaves are row 0) up to the root is appended to it
  // (model's layout: row after row, root last).
  Node32 tree_root(const FrLimbs* leaves, std::size_t count, unsigned arity,
                   std::vector<Node32>* rows, unsigned first_row = 1) {
    if (rows != nullptr) {
      std::size_t total = 0;
      unsigned row = 0;
      for (std::size_t width = count; width >= 1; width /= arity, ++row) {
        if (row >= first_row) total += width;
        if (width == 1) break;
      }
      // Reserved up front: copies run while the vector grows.
      rows->reserve(rows->size() + total);
      if (first_row == 0) {
        const std::size_t at = rows->size();
        rows->resize(at + count);
        SEALSIM_CUDA_CHECK(cudaMemcpyAsync(rows->data() + at, leaves, count * 32,
                                           cudaMemcpyDeviceToHost, stream));
      }
    }
    if (count == 1) {
      Node32 root;
      SEALSIM_CUDA_CHECK(cudaMemcpyAsync(root.data(), leaves, 32, cudaMemcpyDeviceToHost, stream));
      SEALSIM_CUDA_CHECK(cudaStreamSynchronize(stream));
      return root;
    }
    scratch_a.resize(count / arity);
    scratch_b.resize(std::max<std::size_t>(count / arity / arity, 1));
    const FrLimbs* source = leaves;
    FrLimbs* target = scratch_a.data();
    FrLimbs* spare = scratch_b.data();
    std::size_t width = count;
    unsigned row = 0;
    while (width > 1) {
      width /= arity;
      ++row;
      hash(arity, source, 1, arity, width, target);
      if (rows != nullptr && row >= first_row) {
        const std::size_t at = rows->size();
        rows->resize(at + width);
        SEALSIM_CUDA_CHECK(cudaMemcpyAsync(rows->data() + at, target, width * 32,
                                           cudaMemcpyDeviceToHost, stream));
      }
      source = target;
      std::swap(target, spare);
    }
    Node32 root;
    SEALSIM_CUDA_CHECK(cudaMemcpyAsync(root.data(), source, 32, cudaMemcpyDeviceToHost, stream));
    SEALSIM_CUDA_CHECK(cudaStreamSynchronize(stream));
    return root;
  }

  // PreCommit2 over chunks filled by `fill(chunk_index, first_node, count, layers, data)`:
  // `layers` receives layer-major labels (count nodes per layer), `data` the padded data.
  using ChunkFill = std::function<void(std::uint64_t first, std::uint64_t count, FrLimbs* layers,
                                       FrLimbs* data)>;
  // With keep_trees the replica and the rows of tree_c and tree_r_last that model keeps
  // (kTreeCRowsToDiscard, the default for tree_r_last) come back too, so Commit1 can prove from
  // them; without, only the roots (benchmarks).
  SealedReplica pre_commit2(std::uint64_t nodes, unsigned layers, const TreeShape& shape,
                            const ChunkFill& fill, bool keep_trees) {
    const std::uint64_t per_tree = nodes / shape.base_tree_count;
    if (per_tree * shape.base_tree_count != nodes || shape.base_arity != 8 ||
        !is_power_of(per_tree, 8) || per_tree < 8) {
      throw ModelError("GPU PreCommit2: " + std::to_string(nodes) +
                       " nodes do not split into complete octrees of this shape");
    }
    const std::uint64_t chunk = std::min(per_tree, kMaxChunkNodes);
    const unsigned first_row_c = CachedMerkleTree::kept_row_of(per_tree, 8, kTreeCRowsToDiscard);
    const unsigned discard_r = CachedMerkleTree::default_rows_to_discard(per_tree, 8);
    const unsigned first_row_r = CachedMerkleTree::kept_row_of(per_tree, 8, discard_r);
    DeviceBuffer<FrLimbs> layer_buffer(chunk * layers), data(chunk), columns(chunk), replica(chunk);
    SealedReplica out;
    if (keep_trees) out.replica.resize(nodes);
    std::vector<Node32> chunk_roots_c, chunk_roots_r;
    std::vector<std::vector<Node32>> chunk_rows_c, chunk_rows_r;  // per chunk, from the first kept row
    for (std::uint64_t first = 0; first < nodes; first += chunk) {
      fill(first, chunk, layer_buffer.data(), data.data());
      hash(layers, layer_buffer.data(), chunk, 1, chunk, columns.data());
      if (keep_trees) chunk_rows_c.emplace_back();
      chunk_roots_c.push_back(tree_root(columns.data(), chunk, 8,
                                        keep_trees ? &chunk_rows_c.back() : nullptr, first_row_c));
      encode_kernel<<<blocks_for(chunk), kThreadsPerBlock, 0, stream>>>(
          data.data(), layer_buffer.data() + (layers - 1) * chunk, chunk, replica.data());
      check_launch();
      if (keep_trees) {
        SEALSIM_CUDA_CHECK(cudaMemcpyAsync(out.replica.data() + first, replica.data(), chunk * 32,
                                           cudaMemcpyDeviceToHost, stream));
        chunk_rows_r.emplace_back();
      }
      chunk_roots_r.push_back(tree_root(replica.data(), chunk, 8,
                                        keep_trees ? &chunk_rows_r.back() : nullptr, first_row_r));
    }
    // The few rows above the chunk roots are hashed by model on the host.
    const PoseidonTreeHashers hashers;
    const std::size_t chunks_per_tree = chunk_roots_c.size() / shape.base_tree_count;
    auto shaped_root = [&](const std::vector<Node32>& chunk_roots) {
      std::vector<Node32> base_roots;
      for (std::size_t t = 0; t < shape.base_tree_count; ++t) {
        std::span<const Node32> roots(chunk_roots.data() + t * chunks_per_tree, chunks_per_tree);
        base_roots.push_back(chunks_per_tree == 1 ? roots[0] : sealsim::tree_root(roots, hashers.h8));
      }
      return compound_tree_root(base_roots, shape, hashers);
    };
    // Base tree t's kept rows: chunk rows side by side up to the chunk roots, then model's rows
    // above them.
    auto shaped_tree = [&](const std::vector<std::vector<Node32>>& chunk_rows,
                           const std::vector<Node32>& chunk_roots, unsigned first_row,
                           unsigned rows_to_discard) {
      std::vector<CachedMerkleTree> bases;
      for (std::size_t t = 0; t < shape.base_tree_count; ++t) {
        std::vector<Node32> kept;
        std::size_t offset = 0;
        for (std::uint64_t width = chunk / power8(first_row); width >= 1; width /= 8) {
          for (std::size_t c = t * chunks_per_tree; c < (t + 1) * chunks_per_tree; ++c) {
            const auto begin = chunk_rows[c].begin() + static_cast<std::ptrdiff_t>(offset);
            kept.insert(kept.end(), begin, begin + static_cast<std::ptrdiff_t>(width));
          }
          offset += width;
          if (width == 1) break;
        }
        if (chunks_per_tree > 1) {
          std::span<const Node32> roots(chunk_roots.data() + t * chunks_per_tree, chunks_per_tree);
          const std::vector<Node32> upper = sealsim::build_tree_levels(roots, hashers.h8);
          kept.insert(kept.end(), upper.begin() + static_cast<std::ptrdiff_t>(chunks_per_tree), upper.end());
        }
        bases.push_back(CachedMerkleTree::from_kept_rows(per_tree, 8, rows_to_discard, std::move(kept)));
      }
      return ShapedMerkleTree::from_base_trees(nodes, shape, hashers, std::move(bases));
    };
    if (keep_trees) {
      if (power8(first_row_c) > chunk || power8(first_row_r) > chunk) {
        throw ModelError("GPU PreCommit2: a kept row lies above the chunk roots");
      }
      out.tree_c = shaped_tree(chunk_rows_c, chunk_roots_c, first_row_c, kTreeCRowsToDiscard);
      out.tree_r_last = shaped_tree(chunk_rows_r, chunk_roots_r, first_row_r, discard_r);
      out.comm_c = out.tree_c.root();
      out.comm_r_last = out.tree_r_last.root();
    } else {
      out.comm_c = shaped_root(chunk_roots_c);
      out.comm_r_last = shaped_root(chunk_roots_r);
    }
    out.comm_r = compute_comm_r(out.comm_c, out.comm_r_last, hashers.h2);
    return out;
  }

  static std::uint64_t power8(unsigned exponent) { return std::uint64_t{1} << (3 * exponent); }
};

GpuPoseidon::GpuPoseidon(int device) : impl_(std::make_unique<Impl>()) {
  if (auto why = cuda_unavailable_reason(device)) throw GpuError(*why);
  SEALSIM_CUDA_CHECK(cudaSetDevice(device));
  SEALSIM_CUDA_CHECK(cudaStreamCreateWithFlags(&impl_->stream, cudaStreamNonBlocking));
  SEALSIM_CUDA_CHECK(cudaEventCreate(&impl_->start));
  SEALSIM_CUDA_CHECK(cudaEventCreate(&impl_->stop));
  const std::array<unsigned, 3> arities = {2, 8, 11};
  for (std::size_t i = 0; i < arities.size(); ++i) {
    Impl::Instance& instance = impl_->instances[i];
    instance.flat = flatten_poseidon_constants(PoseidonHasher(arities[i]));
    instance.values.resize(instance.flat.values.size());
    SEALSIM_CUDA_CHECK(cudaMemcpy(instance.values.data(), instance.flat.values.data(),
                                  instance.flat.values.size() * sizeof(FrLimbs),
                                  cudaMemcpyHostToDevice));
  }
}

GpuPoseidon::~GpuPoseidon() {
  if (impl_->start != nullptr) cudaEventDestroy(impl_->start);
  if (impl_->stop != nullptr) cudaEventDestroy(impl_->stop);
  if (impl_->stream != nullptr) cudaStreamDestroy(impl_->stream);
}

std::vector<Node32> GpuPoseidon::hash_groups(unsigned arity, std::span<const Node32> inputs) {
  impl_->instance(arity);
  if (inputs.size() % arity != 0) {
    throw ModelError("GPU Poseidon: " + std::to_string(inputs.size()) +
                     " inputs are not whole groups of " + std::to_string(arity));
  }
  require_field_nodes(inputs, "Poseidon input");
  const std::size_t count = inputs.size() / arity;
  DeviceBuffer<FrLimbs> in(std::max<std::size_t>(inputs.size(), 1)), out(std::max<std::size_t>(count, 1));
  SEALSIM_CUDA_CHECK(cudaMemcpyAsync(in.data(), inputs.data(), inputs.size() * 32,
                                     cudaMemcpyHostToDevice, impl_->stream));
  impl_->hash(arity, in.data(), 1, arity, count, out.data());
  std::vector<Node32> result(count);
  SEALSIM_CUDA_CHECK(cudaMemcpyAsync(result.data(), out.data(), count * 32, cudaMemcpyDeviceToHost,
                                     impl_->stream));
  SEALSIM_CUDA_CHECK(cudaStreamSynchronize(impl_->stream));
  return result;
}

std::vector<Node32> GpuPoseidon::column_hashes(std::span<const std::vector<Node32>> layers) {
  if (layers.empty()) throw ModelError("GPU column hashes: no layers");
  const unsigned arity = static_cast<unsigned>(layers.size());
  impl_->instance(arity);
  const std::size_t nodes = layers[0].size();
  DeviceBuffer<FrLimbs> in(std::max<std::size_t>(nodes * arity, 1)), out(std::max<std::size_t>(nodes, 1));
  for (unsigned l = 0; l < arity; ++l) {
    if (layers[l].size() != nodes) throw ModelError("GPU column hashes: layers differ in length");
    require_field_nodes(layers[l], "label");
    SEALSIM_CUDA_CHECK(cudaMemcpyAsync(in.data() + l * nodes, layers[l].data(), nodes * 32,
                                       cudaMemcpyHostToDevice, impl_->stream));
  }
  impl_->hash(arity, in.data(), nodes, 1, nodes, out.data());
  std::vector<Node32> result(nodes);
  SEALSIM_CUDA_CHECK(cudaMemcpyAsync(result.data(), out.data(), nodes * 32, cudaMemcpyDeviceToHost,
                                     impl_->stream));
  SEALSIM_CUDA_CHECK(cudaStreamSynchronize(impl_->stream));
  return result;
}

std::vector<Node32> GpuPoseidon::build_tree_levels(std::span<const Node32> leaves, unsigned arity) {
  if (arity != 2 && arity != 8) throw ModelError("GPU trees have arity 2 or 8");
  if (leaves.size() < static_cast<std::size_t>(arity) || !is_power_of(leaves.size(), arity)) {
    throw ModelError("GPU tree: " + std::to_string(leaves.size()) + " leaves are not a power of " +
                     std::to_string(arity));
  }
  require_field_nodes(leaves, "leaf");
  DeviceBuffer<FrLimbs> in(leaves.size());
  SEALSIM_CUDA_CHECK(cudaMemcpyAsync(in.data(), leaves.data(), leaves.size() * 32,
                                     cudaMemcpyHostToDevice, impl_->stream));
  std::vector<Node32> rows(leaves.begin(), leaves.end());
  impl_->tree_root(in.data(), leaves.size(), arity, &rows);
  return rows;
}

SealedReplica GpuPoseidon::seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                                  RegisteredSealProof proof) {
  const SealProofInfo& info = seal_proof_info(proof);
  if (padded_data.size() != info.sector_size || labels.nodes() != info.nodes() ||
      labels.layer_count() != info.layers) {
    throw ModelError("GPU PreCommit2 for " + std::string(info.name) + ": got " +
                     std::to_string(padded_data.size()) + " data bytes and " +
                     std::to_string(labels.layer_count()) + " label layers of " +
                     std::to_string(labels.nodes()) + " nodes, expected " +
                     std::to_string(info.sector_size) + " bytes and " +
                     std::to_string(info.layers) + " layers of " + std::to_string(info.nodes()) +
                     " nodes");
  }
  std::span<const Node32> data_nodes(reinterpret_cast<const Node32*>(padded_data.data()),
                                     info.nodes());
  require_field_nodes(data_nodes, "data");
  for (unsigned l = 1; l <= info.layers; ++l) require_field_nodes(labels.layer(l), "label");
  cudaStream_t stream = impl_->stream;
  auto fill = [&](std::uint64_t first, std::uint64_t count, FrLimbs* layers, FrLimbs* data) {
    for (unsigned l = 1; l <= info.layers; ++l) {
      SEALSIM_CUDA_CHECK(cudaMemcpyAsync(layers + (l - 1) * count, labels.layer(l).data() + first,
                                         count * 32, cudaMemcpyHostToDevice, stream));
    }
    SEALSIM_CUDA_CHECK(cudaMemcpyAsync(data, data_nodes.data() + first, count * 32,
                                       cudaMemcpyHostToDevice, stream));
  };
  SealedReplica out = impl_->pre_commit2(info.nodes(), info.layers, info.tree_shape, fill, true);
  SEALSIM_CUDA_CHECK(cudaStreamSynchronize(stream));
  return out;
}

double GpuPoseidon::time_hashes(unsigned arity, std::size_t count) {
  impl_->instance(arity);
  DeviceBuffer<FrLimbs> in(count * arity), out(count);
  synthetic_kernel<<<blocks_for(count * arity), kThreadsPerBlock, 0, impl_->stream>>>(
      arity, 0, count * arity, in.data());
  check_launch();
  impl_->hash(arity, in.data(), 1, arity, count, out.data());  // warm-up
  std::vector<float> times;
  for (int repeat = 0; repeat < 5; ++repeat) {
    SEALSIM_CUDA_CHECK(cudaEventRecord(impl_->start, impl_->stream));
    impl_->hash(arity, in.data(), 1, arity, count, out.data());
    SEALSIM_CUDA_CHECK(cudaEventRecord(impl_->stop, impl_->stream));
    SEALSIM_CUDA_CHECK(cudaEventSynchronize(impl_->stop));
    float ms = 0;
    SEALSIM_CUDA_CHECK(cudaEventElapsedTime(&ms, impl_->start, impl_->stop));
    times.push_back(ms);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2] / 1000.0;
}

GpuPoseidon::SyntheticRun GpuPoseidon::time_synthetic_pre_commit2(std::uint64_t nodes,
                                                                  unsigned layers,
                                                                  std::uint64_t seed) {
  cudaStream_t stream = impl_->stream;
  auto fill = [&](std::uint64_t first, std::uint64_t count, FrLimbs* layer_buffer, FrLimbs* data) {
    for (unsigned l = 0; l < layers; ++l) {
      synthetic_kernel<<<blocks_for(count), kThreadsPerBlock, 0, stream>>>(
          seed + l + 1, first, count, layer_buffer + l * count);
      check_launch();
    }
    synthetic_kernel<<<blocks_for(count), kThreadsPerBlock, 0, stream>>>(seed, first, count, data);
    check_launch();
  };
  // 32 GiB's shape (8 base octrees under an arity-8 top) when the sector has more than one
  // base-tree's worth of chunks, else a single octree.
  const TreeShape shape = nodes > (std::uint64_t{1} << 27) ? TreeShape{8, 8, 0, 8} : TreeShape{8, 0, 0, 1};
  SEALSIM_CUDA_CHECK(cudaEventRecord(impl_->start, stream));
  SealedReplica sealed = impl_->pre_commit2(nodes, layers, shape, fill, false);
  SEALSIM_CUDA_CHECK(cudaEventRecord(impl_->stop, stream));
  SEALSIM_CUDA_CHECK(cudaEventSynchronize(impl_->stop));
  float ms = 0;
  SEALSIM_CUDA_CHECK(cudaEventElapsedTime(&ms, impl_->start, impl_->stop));
  return SyntheticRun{ms / 1000.0, sealed.comm_r};
}

}  // namespace sealsim::gpu
