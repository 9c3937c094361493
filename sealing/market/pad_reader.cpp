// pad_reader.cpp: the Inflator of go-padreader 812a16dc.
#include "sealing/market/pad_reader.hpp"

#include <bit>
#include <string>

namespace sealsim::market {

sealing::Result<Bytes> inflate_payload(ByteSpan payload, UnpaddedPieceSize target) {
  const std::uint64_t padded = target.padded().bytes();
  if (!std::has_single_bit(padded)) {
    return sealing::Result<Bytes>::fail("supplied targetSize " + std::to_string(target.bytes()) +
                                        " does not correspond to a power-of-2 piece");
  }
  const std::uint64_t size = target.bytes() < 127 ? 127 : target.bytes();
  if (payload.size() > size) {
    return sealing::Result<Bytes>::fail("supplied readerTotalSize " + std::to_string(payload.size()) +
                                        " is larger than the target PieceSize " +
                                        std::to_string(size));
  }
  Bytes out(payload.begin(), payload.end());
  out.resize(size, 0);
  return sealing::Result<Bytes>::ok(std::move(out));
}

}  // namespace sealsim::market
