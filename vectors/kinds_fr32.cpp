// kinds_fr32.cpp: vector kinds for fr32 padding (spec proofs.md §1.1-§1.2) and Fr validity.
#include "model/fr32.hpp"
#include "vectors/byte_generator.hpp"
#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {
namespace {

// Fr32Reader padding of `data`; unpadding the result must give `data` back.
CaseOutputs run_fr32_pad(const JsonCursor& input) {
  Bytes data = generate_bytes(input.field("data"));
  Bytes padded = fr32::pad(data);
  CaseOutputs out;
  out.set_hex("padded", padded);
  Bytes back = fr32::unpad(padded, data.size());
  if (back != data) {
    out.add_failure("unpad(pad(data), " + std::to_string(data.size()) +
                    ") differs from data: got " + to_hex(back));
  }
  return out;
}

CaseOutputs run_fr32_field_element(const JsonCursor& input) {
  CaseOutputs out;
  out.set_bool("valid", fr32::is_valid_field_element(input.field("node").node()));
  return out;
}

}  // namespace

std::vector<KindSpec> fr32_kinds() {
  return {
      {"fr32-pad",
       {{"data", FieldType::Bytes, true}},
       {{"padded", FieldType::Bytes, true}},
       {},
       run_fr32_pad},
      {"fr32-field-element",
       {{"node", FieldType::Node, true}},
       {{"valid", FieldType::Bool, true}},
       {},
       run_fr32_field_element},
  };
}

}  // namespace sealsim::vectors
