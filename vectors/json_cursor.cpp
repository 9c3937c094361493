// json_cursor.cpp: strict typed reads of vector-file JSON with file + JSON-pointer error messages.
#include "vectors/json_cursor.hpp"

#include <algorithm>

#include "model/model_error.hpp"
#include "vectors/vector_file_error.hpp"

namespace sealsim::vectors {
namespace {

// RFC 6901 escaping of one reference token.
std::string escape_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void JsonCursor::fail(std::string_view expectation) const {
  throw VectorFileError(*file_ + ": " + (pointer_.empty() ? "/" : pointer_) + ": expected " +
                        std::string(expectation) + ", got " + type_name());
}

void JsonCursor::fail_because(std::string_view message) const {
  throw VectorFileError(*file_ + ": " + (pointer_.empty() ? "/" : pointer_) + ": " +
                        std::string(message));
}

std::string JsonCursor::type_name() const {
  const nlohmann::json& v = *value_;
  std::string text = v.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  switch (v.type()) {
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array of " + std::to_string(v.size());
    case nlohmann::json::value_t::string:
      return "the string " + text;
    case nlohmann::json::value_t::boolean:
      return "the boolean " + text;
    case nlohmann::json::value_t::null:
      return "null";
    default:
      return "the number " + text;
  }
}

void JsonCursor::require_object() const {
  if (!value_->is_object()) fail("an object");
}

JsonCursor JsonCursor::field(std::string_view name) const {
  require_object();
  auto it = value_->find(name);
  if (it == value_->end()) {
    throw VectorFileError(*file_ + ": " + (pointer_.empty() ? "/" : pointer_) +
                          ": missing required field \"" + std::string(name) + "\"");
  }
  return JsonCursor(*file_, *it, pointer_ + "/" + escape_token(name));
}

std::optional<JsonCursor> JsonCursor::optional_field(std::string_view name) const {
  require_object();
  auto it = value_->find(name);
  if (it == value_->end()) return std::nullopt;
  return JsonCursor(*file_, *it, pointer_ + "/" + escape_token(name));
}

bool JsonCursor::has(std::string_view name) const {
  require_object();
  return value_->contains(name);
}

void JsonCursor::allow_only(std::initializer_list<std::string_view> allowed) const {
  allow_only(std::vector<std::string_view>(allowed));
}

void JsonCursor::allow_only(const std::vector<std::string_view>& allowed) const {
  require_object();
  for (const auto& item : value_->items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    std::string names;
    for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
    throw VectorFileError(*file_ + ": " + pointer_ + "/" + escape_token(item.key()) +
                          ": unknown field (expected only: " + names + ")");
  }
}

std::vector<JsonCursor> JsonCursor::array() const {
  if (!value_->is_array()) fail("an array");
  std::vector<JsonCursor> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i) {
    out.emplace_back(*file_, (*value_)[i], pointer_ + "/" + std::to_string(i));
  }
  return out;
}

std::uint64_t JsonCursor::u64() const {
  if (!value_->is_number_unsigned()) fail("a non-negative integer");
  return value_->get<std::uint64_t>();
}

bool JsonCursor::boolean() const {
  if (!value_->is_boolean()) fail("true or false");
  return value_->get<bool>();
}

const std::string& JsonCursor::string() const {
  if (!value_->is_string()) fail("a string");
  return value_->get_ref<const std::string&>();
}

std::string JsonCursor::non_empty_string() const {
  const std::string& s = string();
  if (s.empty()) fail("a non-empty string");
  return s;
}

Bytes JsonCursor::hex() const {
  if (!value_->is_string()) fail("a hex string");
  try {
    return from_hex(string());
  } catch (const ModelError& e) {
    fail(std::string("a hex string (") + e.what() + ")");
  }
}

Node32 JsonCursor::node() const {
  if (!value_->is_string()) fail("64 hex digits (a 32-byte node)");
  try {
    return node_from_hex(string());
  } catch (const ModelError& e) {
    fail(std::string("64 hex digits (a 32-byte node; ") + e.what() + ")");
  }
}

std::vector<std::uint64_t> JsonCursor::u64_array() const {
  if (!value_->is_array()) fail("an array of non-negative integers");
  std::vector<std::uint64_t> out;
  for (const JsonCursor& element : array()) out.push_back(element.u64());
  return out;
}

}  // namespace sealsim::vectors
