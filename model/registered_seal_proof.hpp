// registered_seal_proof.hpp: the table of registered seal proofs (spec proofs.md §4). It is the one
// source of truth for sector sizes, graph and tree parameters, partitions, challenge counts and
// porep ids: everything else derives from it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "model/bytes.hpp"

namespace sealsim {

// Values are the Go abi.RegisteredSealProof ids (= rust REGISTERED_PROOF_IDS).
enum class RegisteredSealProof : std::int64_t {
  StackedDrg2KiBV1 = 0,
  StackedDrg8MiBV1 = 1,
  StackedDrg512MiBV1 = 2,
  StackedDrg32GiBV1 = 3,
  StackedDrg64GiBV1 = 4,
  StackedDrg2KiBV1_1 = 5,
  StackedDrg8MiBV1_1 = 6,
  StackedDrg512MiBV1_1 = 7,
  StackedDrg32GiBV1_1 = 8,
  StackedDrg64GiBV1_1 = 9,
};

// The proofs API version; 1.0 and 1.1 differ in DRG parent order and expander truncation (§4.4).
enum class ProofsApiVersion { V1_0, V1_1 };

// Merkle tree shape of tree_c / tree_r_last (§4.3): base arity 8, optional sub and top levels.
struct TreeShape {
  unsigned base_arity;
  unsigned sub_arity;  // 0 when absent
  unsigned top_arity;  // 0 when absent
  unsigned base_tree_count;
};

struct SealProofInfo {
  RegisteredSealProof proof;
  std::string_view name;        // Go name, e.g. "StackedDrg2KiBV1_1"
  std::string_view size_label;  // "2KiB", "8MiB", ...
  std::uint64_t sector_size;    // padded bytes
  ProofsApiVersion api_version;
  unsigned layers;
  unsigned drg_degree;        // base parents per node
  unsigned expansion_degree;  // expander parents per node
  TreeShape tree_shape;
  unsigned partitions;                  // interactive PoRep
  unsigned challenges_per_partition;    // ceil(minimum_challenges / partitions)
  unsigned minimum_challenges;
  unsigned groth16_proof_bytes;         // ProofSize: 192 per partition
  std::uint64_t window_post_partition_sectors;  // actors policy
  std::int64_t window_post_proof_id;    // abi.RegisteredPoStProof of the matching window PoSt
  std::int64_t winning_post_proof_id;   // abi.RegisteredPoStProof of the matching winning PoSt

  std::uint64_t nodes() const { return sector_size / 32; }
  std::uint64_t unpadded_sector_size() const { return sector_size - sector_size / 128; }
  unsigned total_challenges() const { return partitions * challenges_per_partition; }
  // Deals per sector (Lotus v1.11 policy: 256 below 64 GiB, 512 at 64 GiB).
  unsigned max_deals_per_sector() const { return sector_size >= (std::uint64_t{64} << 30) ? 512 : 256; }
};

// Every registered seal proof, in id order.
std::span<const SealProofInfo> all_seal_proofs();
const SealProofInfo& seal_proof_info(RegisteredSealProof proof);

// Accepts the Go name ("StackedDrg2KiBV1_1") or a size label with optional version
// ("2KiB" = "2KiB-v1.1", "2KiB-v1"), case-insensitive. Throws ModelError listing the known names.
RegisteredSealProof parse_seal_proof(std::string_view text);
std::optional<RegisteredSealProof> seal_proof_from_id(std::int64_t id);
// The V1_1 proof for a sector size; throws ModelError for sizes not in the table.
RegisteredSealProof seal_proof_for_sector_size(std::uint64_t sector_size);

// porep_id = LE64(id) ‖ LE64(nonce 0) ‖ 16 zero bytes (§4.2).
Node32 porep_id(RegisteredSealProof proof);

}  // namespace sealsim
