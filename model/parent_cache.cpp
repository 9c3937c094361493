// parent_cache.cpp: building, mapping and hashing SDR parent caches (spec proofs.md §5.4).
#include "model/parent_cache.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <future>
#include <string>

#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {
namespace {

// The file stores little-endian u32s; on a little-endian host memory is the file format.
static_assert(std::endian::native == std::endian::little, "parent cache layout assumes little endian");

void fill(const SdrGraph& graph, std::span<std::uint32_t> entries, unsigned threads) {
  const std::uint64_t nodes = graph.nodes();
  const std::uint64_t workers = std::max(1U, threads);
  auto fill_range = [&graph, entries](std::uint64_t begin, std::uint64_t end) {
    for (std::uint64_t node = begin; node < end; ++node) {
      graph.parents(node, std::span<std::uint32_t, SdrGraph::kParentCount>(
                              entries.data() + node * SdrGraph::kParentCount, SdrGraph::kParentCount));
    }
  };
  std::vector<std::future<void>> tasks;
  for (std::uint64_t w = 1; w < workers; ++w) {
    tasks.push_back(std::async(std::launch::async, fill_range, nodes * w / workers,
                               nodes * (w + 1) / workers));
  }
  fill_range(0, nodes / workers);
  for (auto& task : tasks) task.get();
}

}  // namespace

ParentCache::ParentCache(const SdrGraphParams& params, Storage storage)
    : params_(params), storage_(std::move(storage)) {
  if (auto* memory = std::get_if<std::vector<std::uint32_t>>(&storage_)) {
    entries_ = *memory;
  } else {
    ByteSpan bytes = std::get<MappedFile>(storage_).bytes();
    entries_ = std::span<const std::uint32_t>(reinterpret_cast<const std::uint32_t*>(bytes.data()),
                                              bytes.size() / sizeof(std::uint32_t));
  }
}

ParentCache ParentCache::in_memory(const SdrGraph& graph, unsigned threads) {
  std::vector<std::uint32_t> entries(graph.nodes() * kParentCount);
  fill(graph, entries, threads);
  return ParentCache(graph.params(), std::move(entries));
}

ParentCache ParentCache::create_file(const SdrGraph& graph, const std::filesystem::path& directory,
                                     unsigned threads) {
  const std::filesystem::path path = directory / graph.cache_file_name();
  std::filesystem::path partial = path;
  partial += ".partial";
  MappedFile file = MappedFile::create(partial, graph.nodes() * kEntryBytes);
  std::span<std::uint8_t> bytes = file.writable_bytes();
  fill(graph,
       std::span<std::uint32_t>(reinterpret_cast<std::uint32_t*>(bytes.data()),
                                bytes.size() / sizeof(std::uint32_t)),
       threads);
  file.sync();
  file.rename(path);
  return ParentCache(graph.params(), std::move(file));
}

ParentCache ParentCache::open_file(const SdrGraph& graph, const std::filesystem::path& path) {
  MappedFile file = MappedFile::open_read_only(path);
  const std::uint64_t expected = graph.nodes() * kEntryBytes;
  if (file.bytes().size() != expected) {
    throw ModelError("parent cache '" + path.string() + "' has " +
                     std::to_string(file.bytes().size()) + " bytes, expected " +
                     std::to_string(expected) + " for a graph of " + std::to_string(graph.nodes()) +
                     " nodes");
  }
  ParentCache cache(graph.params(), std::move(file));
  constexpr std::uint64_t kSamples = 64;
  std::array<std::uint32_t, kParentCount> from_graph{};
  for (std::uint64_t i = 0; i <= kSamples; ++i) {
    const std::uint64_t node = std::min(graph.nodes() - 1, i * (graph.nodes() / kSamples));
    graph.parents(node, from_graph);
    if (!std::ranges::equal(cache.parents(node), from_graph)) {
      throw ModelError("parent cache '" + path.string() + "' does not match the graph at node " +
                       std::to_string(node) + " (a different graph or a damaged file)");
    }
  }
  return cache;
}

ParentCache ParentCache::open_or_create_file(const SdrGraph& graph, const std::filesystem::path& directory,
                                             unsigned threads) {
  const std::filesystem::path path = directory / graph.cache_file_name();
  if (std::filesystem::exists(path)) return open_file(graph, path);
  return create_file(graph, directory, threads);
}

ByteSpan ParentCache::bytes() const {
  return ByteSpan(reinterpret_cast<const std::uint8_t*>(entries_.data()), entries_.size_bytes());
}

Node32 ParentCache::digest() const { return sha256_of_parts({bytes()}); }

std::optional<std::filesystem::path> ParentCache::file_path() const {
  if (const auto* file = std::get_if<MappedFile>(&storage_)) return file->path();
  return std::nullopt;
}

}  // namespace sealsim
