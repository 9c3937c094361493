// porep_challenges.hpp: the interactive PoRep challenges of Commit1 (spec proofs.md §8.1), drawn
// from the replica id and the interactive seed, and their counts per proof type (§4.3).
#pragma once

#include <cstdint>
#include <vector>

#include "model/bytes.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim {

// Challenge j = (LE-integer(SHA-256(replica_id ‖ seed ‖ LE32(j))) mod (nodes − 1)) + 1, for
// j = per_partition·partition + i, i < per_partition: every challenge is in [1, nodes − 1] (node 0
// has no parents and is never challenged). Throws ModelError when nodes < 2.
std::vector<std::uint64_t> interactive_porep_challenges(const Node32& replica_id, const Node32& seed,
                                                        std::uint64_t nodes, unsigned partition,
                                                        unsigned per_partition);

// The challenges of every partition of `proof` (partitions × challenges_per_partition from the
// proof table), outer index the partition.
std::vector<std::vector<std::uint64_t>> interactive_porep_challenges(const Node32& replica_id,
                                                                     const Node32& seed,
                                                                     RegisteredSealProof proof);

}  // namespace sealsim
