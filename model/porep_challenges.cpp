// porep_challenges.cpp: interactive PoRep challenge derivation (spec proofs.md §8.1).
#include "model/porep_challenges.hpp"

#include <array>
#include <string>

#include "model/field_fr.hpp"
#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim {
namespace {

// The 256-bit little-endian integer in `digest` modulo `modulus`: the whole digest is reduced
// (rust: BigUint::from_bytes_le(hash) % (nodes − 1)), not a truncation of it.
std::uint64_t le_digest_mod(const Node32& digest, std::uint64_t modulus) {
  Uint128 remainder = 0;
  for (std::size_t limb = 4; limb-- > 0;) {
    std::uint64_t word = 0;
    for (std::size_t b = 8; b-- > 0;) word = (word << 8) | digest[limb * 8 + b];
    remainder = ((remainder << 64) | word) % modulus;
  }
  return static_cast<std::uint64_t>(remainder);
}

}  // namespace

std::vector<std::uint64_t> interactive_porep_challenges(const Node32& replica_id, const Node32& seed,
                                                        std::uint64_t nodes, unsigned partition,
                                                        unsigned per_partition) {
  if (nodes < 2) {
    throw ModelError("PoRep challenges need a graph of at least 2 nodes, got " + std::to_string(nodes));
  }
  std::vector<std::uint64_t> challenges;
  challenges.reserve(per_partition);
  for (unsigned i = 0; i < per_partition; ++i) {
    const std::uint32_t j = per_partition * partition + i;
    const std::array<std::uint8_t, 4> index = {
        static_cast<std::uint8_t>(j), static_cast<std::uint8_t>(j >> 8),
        static_cast<std::uint8_t>(j >> 16), static_cast<std::uint8_t>(j >> 24)};
    const Node32 digest = sha256_of_parts({as_span(replica_id), as_span(seed), index});
    challenges.push_back(le_digest_mod(digest, nodes - 1) + 1);
  }
  return challenges;
}

std::vector<std::vector<std::uint64_t>> interactive_porep_challenges(const Node32& replica_id,
                                                                     const Node32& seed,
                                                                     RegisteredSealProof proof) {
  const SealProofInfo& info = seal_proof_info(proof);
  std::vector<std::vector<std::uint64_t>> partitions;
  for (unsigned k = 0; k < info.partitions; ++k) {
    partitions.push_back(interactive_porep_challenges(replica_id, seed, info.nodes(), k,
                                                      info.challenges_per_partition));
  }
  return partitions;
}

}  // namespace sealsim
