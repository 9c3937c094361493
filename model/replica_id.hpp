// replica_id.hpp: the replica id that binds a sealed sector to its prover, sector number, ticket,
// data commitment and proof type (spec proofs.md §5.1).
#pragma once

#include "model/bytes.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim {

// trunc(SHA-256(prover_id ‖ BE64(sector) ‖ ticket ‖ comm_d ‖ porep_id)). prover_id is the miner's
// ID-address payload zero-padded to 32 bytes (see prover_id_from_actor).
Node32 compute_replica_id(const Node32& prover_id, SectorNumber sector, const Node32& ticket,
                          const Node32& comm_d, RegisteredSealProof proof);
// Same with an explicit porep_id (test graphs and vectors whose porep id is not a registered one).
Node32 compute_replica_id(const Node32& prover_id, SectorNumber sector, const Node32& ticket,
                          const Node32& comm_d, const Node32& porep_id);

// filecoin-ffi toProverID: unsigned LEB128 of the actor id, zero-padded to 32 bytes (1000 → e807…).
Node32 prover_id_from_actor(ActorId actor);

}  // namespace sealsim
