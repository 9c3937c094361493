// current_seal_proof.cpp: the seal proof for new sectors, derived from the proof table.
#include "sealing/current_seal_proof.hpp"

#include <string>

namespace sealsim::sealing {

Result<RegisteredSealProof> preferred_seal_proof(std::int64_t network_version,
                                                 std::int64_t window_post_proof_type) {
  // Network version 7 added the V1_1 proofs (and version 8 removed V1 for new sectors).
  const ProofsApiVersion wanted = network_version < 7 ? ProofsApiVersion::V1_0 : ProofsApiVersion::V1_1;
  for (const SealProofInfo& info : all_seal_proofs()) {
    if (info.window_post_proof_id == window_post_proof_type && info.api_version == wanted) {
      return Result<RegisteredSealProof>::ok(info.proof);
    }
  }
  return Result<RegisteredSealProof>::fail("unrecognized window post type: " +
                                           std::to_string(window_post_proof_type));
}

Result<RegisteredSealProof> current_seal_proof(SealingChainApi& chain) {
  const TipSetToken head_key;  // empty: the current head
  const Result<MinerInfo> info = chain.state_miner_info(head_key);
  if (!info) {
    return Result<RegisteredSealProof>::fail(info.error());
  }
  const Result<std::int64_t> version = chain.state_network_version(head_key);
  if (!version) {
    return Result<RegisteredSealProof>::fail(version.error());
  }
  return preferred_seal_proof(*version, info->window_post_proof_type);
}

}  // namespace sealsim::sealing
