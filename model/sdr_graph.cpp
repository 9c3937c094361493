// sdr_graph.cpp: bucket-sampling DRG with ChaCha8 and Feistel expander parents (spec §5.2-5.4).
#include "model/sdr_graph.hpp"

#include <algorithm>
#include <bit>
#include <string_view>

#include "model/chacha_block.hpp"
#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {
namespace {

// rand_chacha ChaCha8Rng: DJB layout (64-bit block counter in words 12-13, stream 0), next_u64
// = two consecutive output words, low first.
class ChaCha8Stream {
 public:
  explicit ChaCha8Stream(const std::array<std::uint8_t, 32>& key) : key_(key) {}

  std::uint64_t next_u64() {
    if (index_ + 2 > buffer_.size()) refill();
    std::uint64_t low = buffer_[index_];
    std::uint64_t high = buffer_[index_ + 1];
    index_ += 2;
    return low | (high << 32);
  }

 private:
  void refill() {
    buffer_ = chacha_block(chacha_input(key_, static_cast<std::uint32_t>(counter_),
                                        static_cast<std::uint32_t>(counter_ >> 32), 0, 0),
                           8);
    ++counter_;
    index_ = 0;
  }

  std::array<std::uint8_t, 32> key_;
  ChaChaWords buffer_{};
  std::size_t index_ = 16;
  std::uint64_t counter_ = 0;
};

Node32 tagged_digest(std::string_view tag, const Node32& porep_id) {
  ByteSpan tag_bytes(reinterpret_cast<const std::uint8_t*>(tag.data()), tag.size());
  return sha256_of_parts({tag_bytes, as_span(porep_id)});
}

std::uint64_t le64(const std::uint8_t* bytes) {
  std::uint64_t value = 0;
  for (unsigned i = 0; i < 8; ++i) value |= std::uint64_t{bytes[i]} << (8 * i);
  return value;
}

std::array<std::uint64_t, 4> feistel_keys_for(const Node32& porep_id) {
  Node32 digest = tagged_digest("Filecoin_Feistel", porep_id);
  std::array<std::uint64_t, 4> keys{};
  for (std::size_t j = 0; j < 4; ++j) keys[j] = le64(digest.data() + 8 * j);
  return keys;
}

const SdrGraphParams& checked(const SdrGraphParams& params) {
  if (params.nodes < 2 || params.nodes > (std::uint64_t{1} << 32)) {
    throw ModelError("SDR graph node count must be in [2, 2^32], got " +
                     std::to_string(params.nodes));
  }
  return params;
}

}  // namespace

SdrGraphParams SdrGraphParams::for_proof(RegisteredSealProof proof) {
  const SealProofInfo& info = seal_proof_info(proof);
  if (info.drg_degree != SdrGraph::kBaseDegree || info.expansion_degree != SdrGraph::kExpansionDegree) {
    throw ModelError("seal proof " + std::string(info.name) + " has degrees " +
                     std::to_string(info.drg_degree) + "/" + std::to_string(info.expansion_degree) +
                     ", the SDR graph supports 6/8");
  }
  return SdrGraphParams{info.nodes(), sealsim::porep_id(proof), info.api_version};
}

SdrGraph::SdrGraph(RegisteredSealProof proof) : SdrGraph(SdrGraphParams::for_proof(proof)) {}

SdrGraph::SdrGraph(const SdrGraphParams& params)
    : params_(checked(params)),
      feistel_keys_(feistel_keys_for(params.porep_id)),
      feistel_(params.nodes * kExpansionDegree, {feistel_keys_[0], feistel_keys_[1], feistel_keys_[2]}) {
  Node32 seed = tagged_digest("Filecoin_DRSample", params.porep_id);
  std::copy_n(seed.begin(), drg_seed_.size(), drg_seed_.begin());
}

void SdrGraph::base_parents(std::uint64_t node, std::span<std::uint32_t, kBaseDegree> out) const {
  if (node >= nodes()) {
    throw ModelError("SDR graph: node " + std::to_string(node) + " out of range (" +
                     std::to_string(nodes()) + " nodes)");
  }
  if (node < 2) {
    std::fill(out.begin(), out.end(), 0U);
    return;
  }
  std::array<std::uint8_t, 32> key{};
  std::copy(drg_seed_.begin(), drg_seed_.end(), key.begin());
  for (unsigned i = 0; i < 4; ++i) key[28 + i] = static_cast<std::uint8_t>(node >> (8 * i));
  ChaCha8Stream rng(key);

  constexpr std::uint64_t kRandomParents = kBaseDegree - 1;
  const std::uint64_t meta = kRandomParents * node;
  // ceil(log2(meta)); meta = 5v is never a power of two for v >= 2, so this is its bit length.
  const auto bucket_count = static_cast<std::uint64_t>(std::bit_width(meta - 1));
  const bool legacy = params_.api_version == ProofsApiVersion::V1_0;
  const std::size_t first_random = legacy ? 0 : 1;
  for (std::size_t k = 0; k < kRandomParents; ++k) {
    const std::uint64_t bucket = rng.next_u64() % bucket_count + 1;
    const std::uint64_t high = std::min(meta, std::uint64_t{1} << bucket);
    const std::uint64_t low = std::max<std::uint64_t>(2, high >> 1);
    const std::uint64_t distance = low + rng.next_u64() % (high - low + 1);
    std::uint64_t parent = (meta - distance) / kRandomParents;
    if (parent == node) parent = node - 1;
    out[first_random + k] = static_cast<std::uint32_t>(parent);
  }
  out[legacy ? kBaseDegree - 1 : 0] = static_cast<std::uint32_t>(node - 1);
}

void SdrGraph::expander_parents(std::uint64_t node,
                                std::span<std::uint32_t, kExpansionDegree> out) const {
  if (node >= nodes()) {
    throw ModelError("SDR graph: node " + std::to_string(node) + " out of range (" +
                     std::to_string(nodes()) + " nodes)");
  }
  std::array<std::uint64_t, kExpansionDegree> inputs{};
  std::array<std::uint64_t, kExpansionDegree> permuted{};
  for (std::size_t i = 0; i < kExpansionDegree; ++i) inputs[i] = node * kExpansionDegree + i;
  feistel_.permute(inputs, permuted);
  const bool legacy = params_.api_version == ProofsApiVersion::V1_0;
  for (std::size_t i = 0; i < kExpansionDegree; ++i) {
    // API 1.0 truncated the Feistel output to u32 before the division (§4.4).
    std::uint64_t value = legacy ? (permuted[i] & 0xffffffffU) : permuted[i];
    out[i] = static_cast<std::uint32_t>(value / kExpansionDegree);
  }
}

void SdrGraph::parents(std::uint64_t node, std::span<std::uint32_t, kParentCount> out) const {
  base_parents(node, out.first<kBaseDegree>());
  expander_parents(node, out.last<kExpansionDegree>());
}

std::string SdrGraph::identifier() const {
  return "stacked_graph::StackedGraph{expansion_degree: " + std::to_string(kExpansionDegree) +
         " base_graph: drgraph::BucketGraph{size: " + std::to_string(nodes()) +
         "; degree: " + std::to_string(kBaseDegree) + "; hasher: poseidon_hasher} }";
}

std::string SdrGraph::cache_file_name() const {
  const std::string_view hasher = "poseidon_hasher";
  const std::string id = identifier();
  std::array<std::uint8_t, 4 * 8 + 4> tail{};
  for (std::size_t j = 0; j < 4; ++j) {
    for (unsigned i = 0; i < 8; ++i) tail[8 * j + i] = static_cast<std::uint8_t>(feistel_keys_[j] >> (8 * i));
  }
  for (unsigned i = 0; i < 4; ++i) tail[32 + i] = static_cast<std::uint8_t>(nodes() >> (8 * i));
  Node32 digest = sha256_of_parts(
      {ByteSpan(reinterpret_cast<const std::uint8_t*>(hasher.data()), hasher.size()),
       ByteSpan(reinterpret_cast<const std::uint8_t*>(id.data()), id.size()), ByteSpan(tail)});
  return "v28-sdr-parent-" + to_hex(digest) + ".cache";
}

}  // namespace sealsim
