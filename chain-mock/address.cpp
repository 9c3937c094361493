// address.cpp: address byte and CBOR encodings.
#include "chain-mock/address.hpp"

namespace sealsim::chain {

Bytes Address::to_bytes() const {
  Bytes out{0};
  std::uint64_t value = id;
  do {
    auto low = static_cast<std::uint8_t>(value & 0x7f);
    value >>= 7;
    out.push_back(value != 0 ? static_cast<std::uint8_t>(low | 0x80) : low);
  } while (value != 0);
  return out;
}

Bytes Address::to_cbor() const {
  Bytes raw = to_bytes();  // at most 11 bytes, so the CBOR length fits in the header byte
  Bytes out;
  out.reserve(raw.size() + 1);
  out.push_back(static_cast<std::uint8_t>(0x40 | raw.size()));
  for (std::uint8_t b : raw) out.push_back(b);
  return out;
}

}  // namespace sealsim::chain
