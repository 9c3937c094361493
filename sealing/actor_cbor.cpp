// actor_cbor.cpp: CBOR of ProveCommitSectorParams and PublishStorageDealsReturn through
// nlohmann::json's CBOR reader and writer.
#include "sealing/actor_cbor.hpp"

#include <nlohmann/json.hpp>

namespace sealsim::sealing {

using nlohmann::json;

Bytes encode_prove_commit_sector_params(SectorNumber sector, const Bytes& proof) {
  return json::to_cbor(json::array({sector, json::binary(proof)}));
}

Bytes encode_publish_storage_deals_return(const std::vector<DealId>& ids) {
  return json::to_cbor(json::array({json(ids)}));
}

Result<std::vector<DealId>> decode_publish_storage_deals_return(const Bytes& encoded) {
  using R = Result<std::vector<DealId>>;
  // strict = false: trailing bytes are ignored; allow_exceptions = false: malformed input gives a
  // discarded value instead of throwing.
  const json value = json::from_cbor(encoded, false, false);
  if (value.is_discarded()) {
    return R::fail("unexpected EOF");
  }
  if (!value.is_array()) {
    return R::fail("cbor input should be of type array");
  }
  if (value.size() != 1) {
    return R::fail("cbor input had wrong number of fields");
  }
  const json& ids = value[0];
  if (!ids.is_array()) {
    return R::fail("expected cbor array");
  }
  std::vector<DealId> out;
  out.reserve(ids.size());
  for (const json& id : ids) {
    if (!id.is_number_unsigned()) {
      return R::fail("wrong type for uint64 field");
    }
    out.push_back(id.get<DealId>());
  }
  return R::ok(std::move(out));
}

}  // namespace sealsim::sealing
