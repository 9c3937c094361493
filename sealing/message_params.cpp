// message_params.cpp: a minimal CBOR writer for the few shapes the FSM's messages need.
#include "sealing/message_params.hpp"

#include <cstdint>

namespace sealsim::sealing {
namespace {

void header(Bytes& out, std::uint8_t major, std::uint64_t value) {
  const auto m = static_cast<std::uint8_t>(major << 5);
  if (value < 24) {
    out.push_back(static_cast<std::uint8_t>(m | value));
    return;
  }
  int bytes = 8;
  std::uint8_t info = 27;
  if (value <= 0xff) {
    bytes = 1;
    info = 24;
  } else if (value <= 0xffff) {
    bytes = 2;
    info = 25;
  } else if (value <= 0xffffffff) {
    bytes = 4;
    info = 26;
  }
  out.push_back(static_cast<std::uint8_t>(m | info));
  for (int i = bytes - 1; i >= 0; --i) {
    out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  }
}

void unsigned_int(Bytes& out, std::uint64_t value) { header(out, 0, value); }

void signed_int(Bytes& out, std::int64_t value) {
  if (value >= 0) {
    header(out, 0, static_cast<std::uint64_t>(value));
  } else {
    header(out, 1, static_cast<std::uint64_t>(-(value + 1)));
  }
}

void cid(Bytes& out, const Cid& value) {
  out.push_back(0xd8);  // tag(42): an IPLD link
  out.push_back(42);
  const Bytes raw = value.to_bytes();
  header(out, 2, raw.size() + 1);
  out.push_back(0x00);  // multibase identity prefix
  out.insert(out.end(), raw.begin(), raw.end());
}

void pre_commit_info(Bytes& out, const SectorPreCommitInfo& p) {
  header(out, 4, 10);
  signed_int(out, static_cast<std::int64_t>(p.seal_proof));
  unsigned_int(out, p.sector_number);
  cid(out, p.sealed_cid);
  signed_int(out, p.seal_rand_epoch);
  header(out, 4, p.deal_ids.size());
  for (DealId deal : p.deal_ids) {
    unsigned_int(out, deal);
  }
  signed_int(out, p.expiration);
  out.push_back(p.replace_capacity ? 0xf5 : 0xf4);
  unsigned_int(out, p.replace_sector_deadline);
  unsigned_int(out, p.replace_sector_partition);
  unsigned_int(out, p.replace_sector_number);
}

}  // namespace

Bytes encode_pre_commit_params(const SectorPreCommitInfo& params) {
  Bytes out;
  pre_commit_info(out, params);
  return out;
}

Bytes encode_pre_commit_batch_params(const std::vector<SectorPreCommitInfo>& sectors) {
  Bytes out;
  header(out, 4, 1);
  header(out, 4, sectors.size());
  for (const auto& sector : sectors) {
    pre_commit_info(out, sector);
  }
  return out;
}

}  // namespace sealsim::sealing
