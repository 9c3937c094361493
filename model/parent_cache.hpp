// parent_cache.hpp: the precomputed parent list of every node of an SDR graph, [6 base | 8
// expander] u32 per node, in the byte layout of the Lotus/rust-fil-proofs parent cache file
// (spec proofs.md §5.4): entry v at offset 56·v, parents little-endian. Small graphs live in memory;
// large ones in a file (a 32 GiB graph's cache is 56 GiB).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "model/bytes.hpp"
#include "model/mapped_file.hpp"
#include "model/sdr_graph.hpp"

namespace sealsim {

class ParentCache {
 public:
  static constexpr std::size_t kParentCount = SdrGraph::kParentCount;
  static constexpr std::size_t kEntryBytes = kParentCount * sizeof(std::uint32_t);

  // Computes every node's parents with `threads` threads (the result does not depend on it).
  static ParentCache in_memory(const SdrGraph& graph, unsigned threads = 1);
  // Computes the cache into `directory / graph.cache_file_name()` (created or replaced). The file
  // is written under a temporary name and renamed when complete, so a kill leaves no partial cache.
  static ParentCache create_file(const SdrGraph& graph, const std::filesystem::path& directory,
                                 unsigned threads = 1);
  // Maps an existing cache file of `graph`. Throws ModelError naming the file if its size is wrong
  // or if a sample of nodes (first, last and spread between) disagrees with the graph; the full
  // content is only checked by comparing digest() with the published one.
  static ParentCache open_file(const SdrGraph& graph, const std::filesystem::path& path);
  // open_file of `directory / graph.cache_file_name()` if it exists, create_file otherwise (what
  // Lotus does with $FIL_PROOFS_PARENT_CACHE).
  static ParentCache open_or_create_file(const SdrGraph& graph, const std::filesystem::path& directory,
                                         unsigned threads = 1);

  const SdrGraphParams& graph_params() const { return params_; }
  std::uint64_t nodes() const { return params_.nodes; }
  // Parents of `node` < nodes() (not checked: this is the labeling hot path).
  std::span<const std::uint32_t, kParentCount> parents(std::uint64_t node) const {
    return std::span<const std::uint32_t, kParentCount>(entries_.data() + node * kParentCount,
                                                       kParentCount);
  }
  // The cache file bytes (identical for in-memory caches).
  ByteSpan bytes() const;
  // SHA-256 of the cache file bytes, as published in rust-fil-proofs parent_cache.json.
  Node32 digest() const;
  // The backing file, if any.
  std::optional<std::filesystem::path> file_path() const;

 private:
  using Storage = std::variant<std::vector<std::uint32_t>, MappedFile>;
  ParentCache(const SdrGraphParams& params, Storage storage);

  SdrGraphParams params_;
  Storage storage_;
  std::span<const std::uint32_t> entries_;
};

}  // namespace sealsim
