// message_params.hpp: the CBOR (DAG-CBOR tuple) encoding of the miner-actor message parameters
// the sector FSM sends, as Lotus serializes them before SendMsg (spec §8.8 step 3), so an adapter
// over the simulated chain decodes exactly what Lotus would put on chain.
#pragma once

#include <vector>

#include "model/bytes.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

// miner.SectorPreCommitInfo (actors v5) as a 10-field CBOR array: SealProof, SectorNumber,
// SealedCID (tag 42), SealRandEpoch, DealIDs, Expiration, ReplaceCapacity, ReplaceSectorDeadline,
// ReplaceSectorPartition, ReplaceSectorNumber.
Bytes encode_pre_commit_params(const SectorPreCommitInfo& params);

// PreCommitSectorBatchParams: a 1-field array holding the array of SectorPreCommitInfo.
Bytes encode_pre_commit_batch_params(const std::vector<SectorPreCommitInfo>& sectors);

}  // namespace sealsim::sealing
