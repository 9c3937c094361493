// sdr_labels.hpp: SDR labeling, the PreCommit1 work (spec proofs.md §5.5): every layer's label of
// every node is trunc(SHA-256(prefix(replica_id, layer, node) ‖ 37 parent labels)).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "model/bytes.hpp"
#include "model/mapped_file.hpp"
#include "model/parent_cache.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim {

// Message sizes (§5.5): a 64-byte prefix block, then 37 parent labels for every node but node 0.
inline constexpr std::size_t kLabelPrefixBytes = 64;
inline constexpr std::size_t kLabelParentRepeats = 37;
inline constexpr std::size_t kLabelMessageBytes = kLabelPrefixBytes + kLabelParentRepeats * 32;
// SHA-256 compressions of a message of `bytes` bytes: data plus 0x80 and the 8-byte length.
constexpr std::uint64_t sha256_compressions(std::uint64_t bytes) { return (bytes + 9 + 63) / 64; }
static_assert(sha256_compressions(kLabelMessageBytes) == 20);

// Layer-major labels, one Node32 per node; layers are numbered 1..L as in the spec and in Lotus'
// file names (sc-02-data-layer-<l>.dat).
class LabelLayers {
 public:
  // All layers in memory, zero-initialised.
  LabelLayers(std::uint64_t nodes, unsigned layers);
  // One file per layer, `directory/sc-02-data-layer-<l>.dat` (created or overwritten), mapped.
  // Like Lotus, a PC1 interrupted by a kill is redone from the start, so these files are scratch.
  static LabelLayers in_directory(const std::filesystem::path& directory, std::uint64_t nodes,
                                  unsigned layers);
  // Layers are views into the storage, so copying is disabled; moving keeps them valid.
  LabelLayers(LabelLayers&&) noexcept = default;
  LabelLayers& operator=(LabelLayers&&) noexcept = default;
  LabelLayers(const LabelLayers&) = delete;
  LabelLayers& operator=(const LabelLayers&) = delete;
  ~LabelLayers() = default;

  std::uint64_t nodes() const { return nodes_; }
  unsigned layer_count() const { return static_cast<unsigned>(layers_.size()); }
  // Throws ModelError unless 1 <= l <= layer_count().
  std::span<const Node32> layer(unsigned l) const;
  std::span<Node32> layer(unsigned l);
  // Flushes file-backed layers to disk (no-op in memory).
  void sync() const;

 private:
  LabelLayers() = default;
  std::size_t checked_index(unsigned l) const;

  std::uint64_t nodes_ = 0;
  std::vector<Node32> memory_;
  std::vector<MappedFile> files_;
  std::vector<std::span<Node32>> layers_;
};

// Labels of all layers of `proof` (layer count from the proof table) over the cache's graph;
// the cache must be the proof's graph. `threads` > 1 prepares prefixes and gathers previous-layer
// parents on helper threads; the labels do not depend on it.
LabelLayers generate_labels(const ParentCache& cache, const Node32& replica_id,
                            RegisteredSealProof proof, unsigned threads = 1);
// Labels of `out.layer_count()` layers into `out` (in memory or file-backed); out.nodes() must
// equal cache.nodes(). Used with non-production layer counts by the published label vectors.
void generate_labels(const ParentCache& cache, const Node32& replica_id, LabelLayers& out,
                     unsigned threads = 1);

}  // namespace sealsim
