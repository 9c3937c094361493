// json_cursor.hpp: a position in a parsed vector file (file name + JSON pointer) with strict,
// typed reads; every failure is a VectorFileError naming the file, the path and the expectation.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/bytes.hpp"

namespace sealsim::vectors {

class JsonCursor {
 public:
  JsonCursor(const std::string& file, const nlohmann::json& value, std::string pointer = "")
      : file_(&file), value_(&value), pointer_(std::move(pointer)) {}

  const std::string& file() const { return *file_; }
  // The JSON pointer of this value ("" for the document root, "/cases/3/expect/commP").
  const std::string& pointer() const { return pointer_; }
  const nlohmann::json& json() const { return *value_; }

  // "<file>: <path>: expected <expectation>, got <what is there>".
  [[noreturn]] void fail(std::string_view expectation) const;
  // "<file>: <path>: <message>", for rules about several fields.
  [[noreturn]] void fail_because(std::string_view message) const;

  // Object access. `field` requires the key; `optional_field` returns nullopt when it is absent.
  JsonCursor field(std::string_view name) const;
  std::optional<JsonCursor> optional_field(std::string_view name) const;
  bool has(std::string_view name) const;
  // Rejects keys outside `allowed` (unknown fields are errors, never ignored).
  void allow_only(std::initializer_list<std::string_view> allowed) const;
  void allow_only(const std::vector<std::string_view>& allowed) const;

  std::vector<JsonCursor> array() const;  // the elements, each with its own path
  std::uint64_t u64() const;
  bool boolean() const;
  const std::string& string() const;
  std::string non_empty_string() const;
  Bytes hex() const;    // even-length hex string
  Node32 node() const;  // exactly 64 hex digits
  std::vector<std::uint64_t> u64_array() const;

 private:
  std::string type_name() const;
  void require_object() const;

  const std::string* file_;
  const nlohmann::json* value_;
  std::string pointer_;
};

}  // namespace sealsim::vectors
