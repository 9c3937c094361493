// json_locator.hpp: where each value of a JSON text sits (line:column by JSON pointer), so that
// errors found after parsing (schema, semantics) can name the line; nlohmann's parser keeps no
// positions. Also catches duplicate object keys, which nlohmann would silently collapse.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sealsim::scenarios {

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
};

// The line and column of a byte offset (0-based) in `text`.
TextPosition position_of_offset(std::string_view text, std::size_t offset);

class JsonLocator {
 public:
  // Scans a text nlohmann has already parsed successfully (so it is well-formed JSON).
  explicit JsonLocator(std::string_view text);
  // Position of the value at `pointer` ("" = root, "/timeline/0/at"), or of its nearest listed
  // ancestor when the pointer names something absent (a missing required field).
  TextPosition value_position(const std::string& pointer) const;
  // Position of the member's key when `pointer` names an object member, else of the value.
  TextPosition key_position(const std::string& pointer) const;
  // The first key that appears twice in one object, as a pointer to its second occurrence.
  const std::optional<std::string>& duplicate_key() const { return duplicate_; }

 private:
  void scan_value(const std::string& pointer);
  void scan_string();
  void skip_whitespace();
  std::string read_key();

  std::string_view text_;
  std::size_t at_ = 0;
  std::map<std::string, std::size_t> values_;
  std::map<std::string, std::size_t> keys_;
  std::optional<std::string> duplicate_;
};

// RFC 6901 escaping of one reference token.
std::string escape_pointer_token(std::string_view token);

}  // namespace sealsim::scenarios
