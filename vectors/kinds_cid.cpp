// kinds_cid.cpp: vector kinds for commitment CIDs: encoding to bytes and base32, decoding with
// go-fil-commcid's codec / hash / length checks (spec proofs.md §2.4).
#include "model/cid.hpp"
#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {
namespace {

// The value was validated as "unsealed" or "sealed" when the file was loaded.
CommitmentKind read_commitment_kind(const JsonCursor& field) {
  return field.string() == "sealed" ? CommitmentKind::Sealed : CommitmentKind::Unsealed;
}

// Encodes; decoding the string must give the commitment back.
CaseOutputs run_cid_encode(const JsonCursor& input) {
  CommitmentKind kind = read_commitment_kind(input.field("commitmentKind"));
  Node32 commitment = input.field("commitment").node();
  Cid cid = commitment_to_cid(kind, commitment);
  CaseOutputs out;
  out.set("cid", cid.to_string());
  out.set_hex("cidBytes", cid.to_bytes());
  Node32 back = parse_commitment_cid(kind, cid.to_string());
  if (back != commitment) {
    out.add_failure("decoding " + cid.to_string() + " gives " + to_hex(as_span(back)));
  }
  return out;
}

CaseOutputs run_cid_decode(const JsonCursor& input) {
  CommitmentKind kind = read_commitment_kind(input.field("commitmentKind"));
  Node32 commitment{};
  if (auto text = input.optional_field("cid")) {
    commitment = parse_commitment_cid(kind, text->string());
  } else {
    commitment = cid_to_commitment(kind, cid_from_bytes(input.field("cidBytes").hex()));
  }
  CaseOutputs out;
  out.set_node("commitment", commitment);
  return out;
}

}  // namespace

std::vector<KindSpec> cid_kinds() {
  using F = FieldType;
  return {
      {"cid-encode",
       {{"commitmentKind", F::CommitmentKind, true}, {"commitment", F::Node, true}},
       {{"cid", F::String, false}, {"cidBytes", F::Hex, false}},
       {},
       run_cid_encode},
      {"cid-decode",
       {{"commitmentKind", F::CommitmentKind, true},
        {"cid", F::String, false},
        {"cidBytes", F::Hex, false}},
       {{"commitment", F::Node, true}},
       {"cid", "cidBytes"},
       run_cid_decode},
  };
}

}  // namespace sealsim::vectors
