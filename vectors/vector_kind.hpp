// vector_kind.hpp: what a vector `kind` is: the input and expectation fields it accepts (checked
// before any case runs) and the function that computes a case's outputs with the model.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/bytes.hpp"
#include "vectors/json_cursor.hpp"

namespace sealsim::vectors {

enum class FieldType {
  U64,             // non-negative integer
  Bool,            // true / false
  String,          // any string (CIDs, names)
  Node,            // 64 hex digits
  Hex,             // even-length hex
  Bytes,           // hex or a generator (byte_generator.hpp)
  U64Array,        // array of non-negative integers
  Pieces,          // array of {"padded": N, and "pieceCid": "baga..." or "commitment": hex}
  CommitmentKind,  // "unsealed" or "sealed"
};

struct FieldSpec {
  std::string_view name;
  FieldType type;
  bool required;
};

// The named outputs of one case, as canonical text (decimal numbers, lower-case hex, "[a, b]"),
// so expectations of any type compare the same way. Failures are consistency checks of the kind
// itself (e.g. unpad(pad(x)) == x) that have no expected value in the file.
class CaseOutputs {
 public:
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  void set_u64(std::string name, std::uint64_t value) {
    set(std::move(name), std::to_string(value));
  }
  void set_bool(std::string name, bool value) { set(std::move(name), value ? "true" : "false"); }
  void set_hex(std::string name, ByteSpan bytes) { set(std::move(name), to_hex(bytes)); }
  void set_node(std::string name, const Node32& node) { set_hex(std::move(name), as_span(node)); }
  void set_u64_array(std::string name, const std::vector<std::uint64_t>& values);
  void add_failure(std::string detail) { failures_.push_back(std::move(detail)); }

  const std::map<std::string, std::string>& values() const { return values_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> failures_;
};

struct KindSpec {
  std::string_view name;
  std::vector<FieldSpec> input;
  std::vector<FieldSpec> expect;
  // Input fields of which exactly one must be present (empty: no such rule).
  std::vector<std::string_view> input_exactly_one_of;
  // Computes the outputs from a validated input; throws sealsim::ModelError when the model
  // rejects the input (which the runner matches against an "expect-error" hint).
  CaseOutputs (*run)(const JsonCursor& input);
};

// Every kind the runner knows, and lookup by name (nullptr when unknown).
std::span<const KindSpec> all_kinds();
const KindSpec* find_kind(std::string_view name);

// Checks a value against its type (VectorFileError when it does not match).
void validate_field(const JsonCursor& value, FieldType type);
// The canonical text of an expected value (same form as CaseOutputs).
std::string canonical_text(const JsonCursor& value, FieldType type);
std::string u64_array_text(const std::vector<std::uint64_t>& values);

// Kind groups, one file each.
std::vector<KindSpec> fr32_kinds();
std::vector<KindSpec> size_kinds();
std::vector<KindSpec> commitment_kinds();
std::vector<KindSpec> commd_kinds();
std::vector<KindSpec> cid_kinds();
std::vector<KindSpec> sdr_kinds();

}  // namespace sealsim::vectors
