// message_param_decoding.cpp: CBOR → chain-mock typed parameters, through nlohmann::json's CBOR
// reader (tag 42, the IPLD link, is skipped; its byte string is the 0x00-prefixed binary CID).
#include "scenarios/message_param_decoding.hpp"

#include <nlohmann/json.hpp>

#include "model/cid.hpp"
#include "model/model_error.hpp"

namespace sealsim::scenarios {

namespace {

using nlohmann::json;
using R = sealing::Result<chain::MessageParams>;

class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::int64_t int_field(const json& v, const char* what) {
  if (!v.is_number_integer()) throw DecodeError(std::string("wrong type for ") + what);
  return v.get<std::int64_t>();
}

std::uint64_t uint_field(const json& v, const char* what) {
  if (!v.is_number_unsigned()) throw DecodeError(std::string("wrong type for uint64 field ") + what);
  return v.get<std::uint64_t>();
}

Node32 sealed_commitment(const json& v) {
  if (!v.is_binary()) throw DecodeError("SealedCID: expected a tag-42 byte string");
  const auto& raw = v.get_binary();
  if (raw.empty() || raw[0] != 0x00) throw DecodeError("SealedCID: missing the multibase identity prefix");
  const Bytes bytes(raw.begin() + 1, raw.end());
  return cid_to_commitment(CommitmentKind::Sealed, cid_from_bytes(bytes));
}

chain::SectorPreCommitInfo pre_commit_info(const json& v) {
  if (!v.is_array() || v.size() != 10) throw DecodeError("SectorPreCommitInfo: expected an array of 10 fields");
  chain::SectorPreCommitInfo out;
  out.seal_proof = static_cast<RegisteredSealProof>(int_field(v[0], "SealProof"));
  out.sector_number = uint_field(v[1], "SectorNumber");
  out.sealed_cid = sealed_commitment(v[2]);
  out.seal_rand_epoch = int_field(v[3], "SealRandEpoch");
  if (!v[4].is_array()) throw DecodeError("DealIDs: expected an array");
  for (const json& deal : v[4]) out.deal_ids.push_back(uint_field(deal, "DealID"));
  out.expiration = int_field(v[5], "Expiration");
  if (!v[6].is_boolean()) throw DecodeError("wrong type for ReplaceCapacity");
  // chain-mock's SectorPreCommitInfo has no replace fields (no committed-capacity upgrades): a
  // replacing precommit would reach it as a plain one, so it is refused here instead.
  if (v[6].get<bool>()) throw DecodeError("ReplaceCapacity precommits are not supported by chain-mock");
  return out;
}

chain::ProveCommitSectorParams prove_commit(const json& v) {
  if (!v.is_array() || v.size() != 2) throw DecodeError("ProveCommitSectorParams: expected an array of 2 fields");
  if (!v[1].is_binary()) throw DecodeError("wrong type for Proof");
  const auto& proof = v[1].get_binary();
  return chain::ProveCommitSectorParams{uint_field(v[0], "SectorNumber"), Bytes(proof.begin(), proof.end())};
}

}  // namespace

R decode_miner_params(chain::MethodNumber method, const Bytes& params) {
  const json value = json::from_cbor(params, true, false, json::cbor_tag_handler_t::ignore);
  if (value.is_discarded()) return R::fail("method " + std::to_string(method) + ": malformed CBOR parameters");
  try {
    switch (method) {
      case chain::method::kPreCommitSector:
        return R::ok(chain::MessageParams{pre_commit_info(value)});
      case chain::method::kProveCommitSector:
        return R::ok(chain::MessageParams{prove_commit(value)});
      default:
        return R::fail("method " + std::to_string(method) +
                       ": the scenarios chain adapter decodes only PreCommitSector and ProveCommitSector parameters");
    }
  } catch (const DecodeError& e) {
    return R::fail("method " + std::to_string(method) + ": " + e.what());
  } catch (const ModelError& e) {
    return R::fail("method " + std::to_string(method) + ": " + e.what());
  }
}

}  // namespace sealsim::scenarios
