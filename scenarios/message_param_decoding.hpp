// message_param_decoding.hpp: the chain side of sealing's message encoding. The sector handlers
// send PreCommitSector (sealing/message_params.hpp) and ProveCommitSector (sealing/actor_cbor.hpp)
// parameters as CBOR bytes, as Lotus serializes them before SendMsg; chain-mock's miner actor takes
// typed parameters. This decodes those bytes into chain-mock's types, so the chain receives exactly
// what the handler encoded (a malformed encoding is an error, never a made-up message).
#pragma once

#include <cstdint>

#include "chain-mock/message.hpp"
#include "model/bytes.hpp"
#include "sealing/result.hpp"

namespace sealsim::scenarios {

// Decodes the parameters of a miner-actor method that the sector handlers send directly:
// PreCommitSector (6) and ProveCommitSector (7). Other methods fail with their number named.
sealing::Result<chain::MessageParams> decode_miner_params(chain::MethodNumber method, const Bytes& params);

}  // namespace sealsim::scenarios
