// cid_fuzz.cpp: the CID decoder (model/cid.hpp). The input is tried both as a multibase string
// (parse_cid) and as binary CID bytes (cid_from_bytes). Either may reject it with ModelError and
// nothing else; what decodes must re-encode to the same CID, and a CID accepted as a commitment
// must convert back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "model/cid.hpp"
#include "model/model_error.hpp"

namespace {

using sealsim::Cid;
using sealsim::CommitmentKind;
using sealsim::fuzz::check;

void check_decoded(const Cid& cid) {
  check(sealsim::parse_cid(cid.to_string()) == cid, "parse_cid(to_string(cid)) == cid");
  check(sealsim::cid_from_bytes(cid.to_bytes()) == cid, "cid_from_bytes(to_bytes(cid)) == cid");
  for (CommitmentKind kind : {CommitmentKind::Unsealed, CommitmentKind::Sealed}) {
    try {
      const sealsim::Node32 commitment = sealsim::cid_to_commitment(kind, cid);
      check(sealsim::commitment_to_cid(kind, commitment) == cid,
            "commitment_to_cid(cid_to_commitment(cid)) == cid");
    } catch (const sealsim::ModelError&) {
      // Not a commitment of this kind: a typed rejection.
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_decoded(sealsim::parse_cid(text));
  } catch (const sealsim::ModelError&) {
  }
  try {
    check_decoded(sealsim::cid_from_bytes(sealsim::ByteSpan(data, size)));
  } catch (const sealsim::ModelError&) {
  }
  return 0;
}
