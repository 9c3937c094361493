// pad_reader.hpp: go-padreader 812a16dc's Inflator (market-fsm §5): the payload followed by zeros
// up to the proposal's unpadded piece size, which HandoffDeal passes to OnDealComplete.
#pragma once

#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

// NewInflator(r, payload.size(), target) read to the end. Errors (exact go-padreader texts):
// "supplied targetSize %d does not correspond to a power-of-2 piece" unless target.Padded() is a
// power of two (checked before raising targets below 127 to 127, so 0 fails), and "supplied
// readerTotalSize %d is larger than the target PieceSize %d".
sealing::Result<Bytes> inflate_payload(ByteSpan payload, UnpaddedPieceSize target);

}  // namespace sealsim::market
