// sdr_graph.hpp: the SDR layer graph: 6 base parents per node from the bucket-sampling DRG seeded
// with ChaCha8, and 8 expander parents from a Feistel permutation (spec proofs.md §5.2-5.4).
// Parents depend only on (nodes, porep_id, API version), not on the sector.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "model/bytes.hpp"
#include "model/feistel_permutation.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim {

// What determines a graph. Production graphs come from the proof table; tests and published
// vectors also use non-production porep ids and sizes (e.g. 4 KiB).
struct SdrGraphParams {
  std::uint64_t nodes = 0;
  Node32 porep_id{};
  ProofsApiVersion api_version = ProofsApiVersion::V1_1;

  static SdrGraphParams for_proof(RegisteredSealProof proof);
};

class SdrGraph {
 public:
  static constexpr std::size_t kBaseDegree = 6;
  static constexpr std::size_t kExpansionDegree = 8;
  static constexpr std::size_t kParentCount = kBaseDegree + kExpansionDegree;

  explicit SdrGraph(RegisteredSealProof proof);
  explicit SdrGraph(const SdrGraphParams& params);

  std::uint64_t nodes() const { return params_.nodes; }
  const SdrGraphParams& params() const { return params_; }

  // Slots as stored in the parent cache: API 1.0 puts node-1 last, API 1.1 first (§4.4).
  void base_parents(std::uint64_t node, std::span<std::uint32_t, kBaseDegree> out) const;
  // Parents in the previous layer (§5.3).
  void expander_parents(std::uint64_t node, std::span<std::uint32_t, kExpansionDegree> out) const;
  // [base 0..5, expander 0..7], the parent-cache entry of `node`.
  void parents(std::uint64_t node, std::span<std::uint32_t, kParentCount> out) const;

  // SHA-256("Filecoin_DRSample" ‖ porep_id)[0..28].
  const std::array<std::uint8_t, 28>& drg_seed() const { return drg_seed_; }
  // LE64 words of SHA-256("Filecoin_Feistel" ‖ porep_id); the first three key the rounds.
  const std::array<std::uint64_t, 4>& feistel_keys() const { return feistel_keys_; }
  const FeistelPermutation& feistel() const { return feistel_; }

  // rust-fil-proofs graph identifier and the parent cache file name derived from it (§5.4):
  // "v28-sdr-parent-<hex>.cache".
  std::string identifier() const;
  std::string cache_file_name() const;

 private:
  SdrGraphParams params_;
  std::array<std::uint8_t, 28> drg_seed_{};
  std::array<std::uint64_t, 4> feistel_keys_{};
  FeistelPermutation feistel_;
};

}  // namespace sealsim
