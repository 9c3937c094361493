// actor_cbor.hpp: the CBOR (cbor-gen tuple encoding) of the actor parameters and returns the FSM
// exchanges with the chain as raw bytes: ProveCommitSectorParams it sends, and the
// PublishStorageDealsReturn it reads back in GetCurrentDealInfo. The chain adapter uses the same
// functions on its side, so both ends agree on one encoding.
#pragma once

#include <vector>

#include "model/bytes.hpp"
#include "model/sector_id.hpp"
#include "sealing/result.hpp"

namespace sealsim::sealing {

// miner.ProveCommitSectorParams{SectorNumber, Proof}: array(2)[uint, bytes].
Bytes encode_prove_commit_sector_params(SectorNumber sector, const Bytes& proof);

// market.PublishStorageDealsReturn{IDs} (actors v5): array(1)[array(n)[uint...]].
Bytes encode_publish_storage_deals_return(const std::vector<DealId>& ids);
// Fails with cbor-gen's messages ("cbor input should be of type array", ...). Like cbor-gen,
// which reads from a stream, bytes after the value are not looked at.
Result<std::vector<DealId>> decode_publish_storage_deals_return(const Bytes& encoded);

}  // namespace sealsim::sealing
