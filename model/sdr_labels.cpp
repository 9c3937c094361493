// sdr_labels.cpp: SDR labeling (spec proofs.md §5.5).
//
// Speed: a label is 20 SHA-256 compressions and the labels of one layer form a sequential chain
// (node v hashes the label of v-1), so the chain itself runs on one thread. What does not depend
// on the chain is moved off it: the first compression (the prefix block depends only on replica id,
// layer and node) and the gathering of the 8 expander parents, which live in the finished previous
// layer. Helper threads prepare the next chunk of nodes while the chain hashes the current one.
// The chain uses OpenSSL's low-level SHA256_CTX because resuming from a prefix midstate is then a
// plain struct copy (EVP contexts would need an allocation per copy); those functions are marked
// deprecated in OpenSSL 3 but remain part of its API.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "model/sdr_labels.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <future>
#include <string>

#include "model/model_error.hpp"
#include "model/sdr_graph.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {
namespace {

constexpr std::size_t kBase = SdrGraph::kBaseDegree;
constexpr std::size_t kExpander = SdrGraph::kExpansionDegree;
constexpr std::size_t kChunkNodes = 4096;
// How far ahead (in nodes) parent labels are prefetched.
constexpr std::uint64_t kPrefetchDistance = 8;

// Per node, what the helpers prepare: the SHA-256 state after the prefix block, and (layers >= 2)
// the parent labels [b0..b5 left empty | e0..e7] ready to be hashed.
struct PreparedNode {
  SHA256_CTX after_prefix;
  std::array<Node32, kBase + kExpander> parents;
};

struct LayerContext {
  const ParentCache& cache;
  const Node32& replica_id;
  unsigned layer;                       // 1-based
  std::span<const Node32> previous;     // empty for layer 1
  std::span<Node32> current;
};

void prepare_range(const LayerContext& ctx, std::uint64_t first, std::uint64_t begin,
                   std::uint64_t end, std::span<PreparedNode> out) {
  std::array<std::uint8_t, kLabelPrefixBytes> prefix{};
  std::memcpy(prefix.data(), ctx.replica_id.data(), 32);
  for (unsigned i = 0; i < 4; ++i) prefix[32 + i] = static_cast<std::uint8_t>(ctx.layer >> (24 - 8 * i));
  for (std::uint64_t node = begin; node < end; ++node) {
    for (unsigned i = 0; i < 8; ++i) prefix[36 + i] = static_cast<std::uint8_t>(node >> (56 - 8 * i));
    PreparedNode& prepared = out[node - first];
    SHA256_Init(&prepared.after_prefix);
    SHA256_Update(&prepared.after_prefix, prefix.data(), prefix.size());
    if (!ctx.previous.empty()) {
      // Expander parents are random reads across the whole previous layer: prefetch ahead.
      if (node + kPrefetchDistance < end) {
        auto ahead = ctx.cache.parents(node + kPrefetchDistance);
        for (std::size_t j = 0; j < kExpander; ++j) __builtin_prefetch(&ctx.previous[ahead[kBase + j]]);
      }
      auto parents = ctx.cache.parents(node);
      for (std::size_t j = 0; j < kExpander; ++j) prepared.parents[kBase + j] = ctx.previous[parents[kBase + j]];
    }
  }
}

// Prepares [begin, end) on `helpers` threads (at least one).
void prepare_chunk(const LayerContext& ctx, std::uint64_t begin, std::uint64_t end, unsigned helpers,
                   std::span<PreparedNode> out) {
  const std::uint64_t count = end - begin;
  std::vector<std::future<void>> tasks;
  for (unsigned h = 1; h < helpers; ++h) {
    tasks.push_back(std::async(std::launch::async, prepare_range, std::cref(ctx), begin,
                               begin + count * h / helpers, begin + count * (h + 1) / helpers, out));
  }
  prepare_range(ctx, begin, begin, begin + count / helpers, out);
  for (auto& task : tasks) task.get();
}

void label_chunk(const LayerContext& ctx, std::uint64_t begin, std::uint64_t end,
                 std::span<PreparedNode> prepared) {
  const std::uint64_t nodes = ctx.cache.nodes();
  for (std::uint64_t node = begin; node < end; ++node) {
    if (node + kPrefetchDistance < nodes) {
      auto ahead = ctx.cache.parents(node + kPrefetchDistance);
      for (std::size_t j = 0; j < kBase; ++j) __builtin_prefetch(&ctx.current[ahead[j]]);
    }
    PreparedNode& p = prepared[node - begin];
    SHA256_CTX sha = p.after_prefix;
    if (node != 0) {
      auto parents = ctx.cache.parents(node);
      for (std::size_t j = 0; j < kBase; ++j) p.parents[j] = ctx.current[parents[j]];
      const auto* labels = reinterpret_cast<const std::uint8_t*>(p.parents.data());
      if (ctx.previous.empty()) {
        // (b0..b5) x 6 ‖ b0: 37 labels.
        for (int r = 0; r < 6; ++r) SHA256_Update(&sha, labels, kBase * 32);
        SHA256_Update(&sha, labels, 32);
      } else {
        // Q ‖ Q ‖ (b0..b5 ‖ e0 ‖ e1 ‖ e2), Q = b0..b5 ‖ e0..e7: 14 + 14 + 9 labels.
        SHA256_Update(&sha, labels, (kBase + kExpander) * 32);
        SHA256_Update(&sha, labels, (kBase + kExpander) * 32);
        SHA256_Update(&sha, labels, (kBase + 3) * 32);
      }
    }
    Node32& label = ctx.current[node];
    SHA256_Final(label.data(), &sha);
    truncate_to_fr(label);
  }
}

void label_layer(const LayerContext& ctx, unsigned threads) {
  const std::uint64_t nodes = ctx.cache.nodes();
  const unsigned helpers = threads > 1 ? threads - 1 : 1;
  std::array<std::vector<PreparedNode>, 2> buffers{std::vector<PreparedNode>(kChunkNodes),
                                                   std::vector<PreparedNode>(kChunkNodes)};
  auto chunk_end = [nodes](std::uint64_t begin) { return std::min(nodes, begin + kChunkNodes); };
  prepare_chunk(ctx, 0, chunk_end(0), helpers, buffers[0]);
  std::size_t current = 0;
  for (std::uint64_t begin = 0; begin < nodes; begin += kChunkNodes) {
    const std::uint64_t next = begin + kChunkNodes;
    std::future<void> next_ready;
    if (next < nodes) {
      std::span<PreparedNode> target = buffers[1 - current];
      if (threads > 1) {
        next_ready = std::async(std::launch::async, prepare_chunk, std::cref(ctx), next,
                                chunk_end(next), helpers, target);
      } else {
        next_ready = std::async(std::launch::deferred, prepare_chunk, std::cref(ctx), next,
                                chunk_end(next), helpers, target);
      }
    }
    label_chunk(ctx, begin, chunk_end(begin), buffers[current]);
    if (next_ready.valid()) next_ready.get();
    current = 1 - current;
  }
}

}  // namespace

LabelLayers::LabelLayers(std::uint64_t nodes, unsigned layers)
    : nodes_(nodes), memory_(nodes * layers) {
  if (layers == 0) throw ModelError("label layers: layer count must be positive");
  for (unsigned l = 0; l < layers; ++l) layers_.emplace_back(memory_.data() + l * nodes, nodes);
}

LabelLayers LabelLayers::in_directory(const std::filesystem::path& directory, std::uint64_t nodes,
                                      unsigned layers) {
  if (layers == 0) throw ModelError("label layers: layer count must be positive");
  LabelLayers out;
  out.nodes_ = nodes;
  for (unsigned l = 1; l <= layers; ++l) {
    out.files_.push_back(MappedFile::create(
        directory / ("sc-02-data-layer-" + std::to_string(l) + ".dat"), nodes * sizeof(Node32)));
    std::span<std::uint8_t> bytes = out.files_.back().writable_bytes();
    out.layers_.emplace_back(reinterpret_cast<Node32*>(bytes.data()), nodes);
  }
  return out;
}

std::size_t LabelLayers::checked_index(unsigned l) const {
  if (l == 0 || l > layers_.size()) {
    throw ModelError("label layer " + std::to_string(l) + " out of range 1.." +
                     std::to_string(layers_.size()));
  }
  return l - 1;
}

std::span<const Node32> LabelLayers::layer(unsigned l) const { return layers_[checked_index(l)]; }

std::span<Node32> LabelLayers::layer(unsigned l) { return layers_[checked_index(l)]; }

void LabelLayers::sync() const {
  for (const MappedFile& file : files_) file.sync();
}

LabelLayers generate_labels(const ParentCache& cache, const Node32& replica_id,
                            RegisteredSealProof proof, unsigned threads) {
  const SealProofInfo& info = seal_proof_info(proof);
  const SdrGraphParams expected = SdrGraphParams::for_proof(proof);
  const SdrGraphParams& actual = cache.graph_params();
  if (actual.nodes != expected.nodes || actual.porep_id != expected.porep_id ||
      actual.api_version != expected.api_version) {
    throw ModelError("generate_labels: the parent cache (" + std::to_string(actual.nodes) +
                     " nodes, porep id " + to_hex(as_span(actual.porep_id)) +
                     ") is not the graph of " + std::string(info.name));
  }
  LabelLayers out(cache.nodes(), info.layers);
  generate_labels(cache, replica_id, out, threads);
  return out;
}

void generate_labels(const ParentCache& cache, const Node32& replica_id, LabelLayers& out,
                     unsigned threads) {
  if (out.nodes() != cache.nodes()) {
    throw ModelError("generate_labels: label layers have " + std::to_string(out.nodes()) +
                     " nodes but the parent cache has " + std::to_string(cache.nodes()));
  }
  for (unsigned l = 1; l <= out.layer_count(); ++l) {
    LayerContext ctx{cache, replica_id, l, l > 1 ? out.layer(l - 1) : std::span<const Node32>{},
                     out.layer(l)};
    label_layer(ctx, threads);
  }
}

}  // namespace sealsim
