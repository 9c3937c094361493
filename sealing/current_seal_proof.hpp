// current_seal_proof.hpp: Lotus's Sealing.currentSealProof: the seal proof new sectors use, from
// the miner's window PoSt proof type and the network version (V1_1 from network version 7 on).
#pragma once

#include "model/registered_seal_proof.hpp"
#include "sealing/result.hpp"
#include "sealing/sealing_chain_api.hpp"

namespace sealsim::sealing {

// PreferredSealProofTypeFromWindowPoStType; fails "unrecognized window post type: N".
Result<RegisteredSealProof> preferred_seal_proof(std::int64_t network_version,
                                                 std::int64_t window_post_proof_type);

// StateMinerInfo + StateNetworkVersion at the head (Lotus passes an empty tipset key), then the
// rule above; chain errors are passed through unchanged.
Result<RegisteredSealProof> current_seal_proof(SealingChainApi& chain);

}  // namespace sealsim::sealing
