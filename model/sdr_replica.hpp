// sdr_replica.hpp: PreCommit2 over finished SDR labels (spec proofs.md §7.2-7.5): column hashes and
// tree_c (comm_c), the encoding replica = data + last layer (mod r), tree_r_last (comm_r_last) and
// comm_r = H2(comm_c, comm_r_last).
#pragma once

#include <vector>

#include "model/bytes.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_labels.hpp"

namespace sealsim {

struct SealedReplica {
  std::vector<Node32> replica;  // the sealed sector, node by node (LE field elements)
  Node32 comm_c{};
  Node32 comm_r_last{};
  Node32 comm_r{};
};

// `padded_data` is the fr32-padded sector (sector size bytes, every node < r); `labels` are the
// proof's layers over the same nodes. Throws ModelError on a size mismatch or a non-field node.
SealedReplica seal_pre_commit_phase2(const LabelLayers& labels, ByteSpan padded_data,
                                     RegisteredSealProof proof);

}  // namespace sealsim
