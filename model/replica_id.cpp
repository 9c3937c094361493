// replica_id.cpp: replica id derivation (spec proofs.md §5.1).
#include "model/replica_id.hpp"

#include <array>

#include "model/sha256_trunc254.hpp"

namespace sealsim {

Node32 compute_replica_id(const Node32& prover_id, SectorNumber sector, const Node32& ticket,
                          const Node32& comm_d, RegisteredSealProof proof) {
  return compute_replica_id(prover_id, sector, ticket, comm_d, porep_id(proof));
}

Node32 compute_replica_id(const Node32& prover_id, SectorNumber sector, const Node32& ticket,
                          const Node32& comm_d, const Node32& porep_id) {
  std::array<std::uint8_t, 8> sector_be{};
  for (unsigned i = 0; i < 8; ++i) {
    sector_be[i] = static_cast<std::uint8_t>(sector >> (56 - 8 * i));
  }
  Node32 id = sha256_of_parts(
      {as_span(prover_id), ByteSpan(sector_be), as_span(ticket), as_span(comm_d), as_span(porep_id)});
  truncate_to_fr(id);
  return id;
}

Node32 prover_id_from_actor(ActorId actor) {
  Node32 id{};
  std::size_t at = 0;
  do {
    auto byte = static_cast<std::uint8_t>(actor & 0x7f);
    actor >>= 7;
    id[at++] = actor != 0 ? static_cast<std::uint8_t>(byte | 0x80) : byte;
  } while (actor != 0);
  return id;
}

}  // namespace sealsim
