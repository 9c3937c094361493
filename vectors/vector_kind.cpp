// vector_kind.cpp: the kind registry and the generic field validation / canonical forms.
#include "vectors/vector_kind.hpp"

#include "vectors/byte_generator.hpp"

namespace sealsim::vectors {
namespace {

std::vector<KindSpec> build_registry() {
  std::vector<KindSpec> kinds;
  for (auto group : {fr32_kinds, size_kinds, commitment_kinds, commd_kinds, cid_kinds, sdr_kinds}) {
    for (KindSpec& kind : group()) kinds.push_back(std::move(kind));
  }
  return kinds;
}

void validate_piece(const JsonCursor& piece) {
  piece.allow_only({"padded", "pieceCid", "commitment"});
  piece.field("padded").u64();
  bool has_cid = piece.has("pieceCid");
  bool has_commitment = piece.has("commitment");
  if (has_cid == has_commitment) {
    piece.fail_because("expected exactly one of \"pieceCid\" or \"commitment\"");
  }
  if (has_cid) piece.field("pieceCid").non_empty_string();
  if (has_commitment) piece.field("commitment").node();
}

}  // namespace

void CaseOutputs::set_u64_array(std::string name, const std::vector<std::uint64_t>& values) {
  set(std::move(name), u64_array_text(values));
}

std::string u64_array_text(const std::vector<std::uint64_t>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", " : "") + std::to_string(values[i]);
  }
  return out + "]";
}

std::span<const KindSpec> all_kinds() {
  static const std::vector<KindSpec> kinds = build_registry();
  return kinds;
}

const KindSpec* find_kind(std::string_view name) {
  for (const KindSpec& kind : all_kinds()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

void validate_field(const JsonCursor& value, FieldType type) {
  switch (type) {
    case FieldType::U64:
      value.u64();
      break;
    case FieldType::Bool:
      value.boolean();
      break;
    case FieldType::String:
      value.non_empty_string();
      break;
    case FieldType::Node:
      value.node();
      break;
    case FieldType::Hex:
      value.hex();
      break;
    case FieldType::Bytes:
      check_generated_bytes(value);
      break;
    case FieldType::U64Array:
      value.u64_array();
      break;
    case FieldType::Pieces:
      for (const JsonCursor& piece : value.array()) validate_piece(piece);
      break;
    case FieldType::CommitmentKind:
      if (value.string() != "unsealed" && value.string() != "sealed") {
        value.fail("\"unsealed\" or \"sealed\"");
      }
      break;
  }
}

std::string canonical_text(const JsonCursor& value, FieldType type) {
  switch (type) {
    case FieldType::U64:
      return std::to_string(value.u64());
    case FieldType::Bool:
      return value.boolean() ? "true" : "false";
    case FieldType::String:
      return value.string();
    case FieldType::Node:
      return to_hex(as_span(value.node()));
    case FieldType::Hex:
      return to_hex(value.hex());
    case FieldType::Bytes:
      return to_hex(generate_bytes(value));
    case FieldType::U64Array:
      return u64_array_text(value.u64_array());
    case FieldType::Pieces:
      return value.json().dump();
    case FieldType::CommitmentKind:
      return value.string();
  }
  return {};
}

}  // namespace sealsim::vectors
