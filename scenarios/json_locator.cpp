// json_locator.cpp: a position scanner over well-formed JSON text (see json_locator.hpp).
#include "scenarios/json_locator.hpp"

#include <set>

namespace sealsim::scenarios {

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
  TextPosition pos;
  const std::size_t end = offset < text.size() ? offset : text.size();
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

std::string escape_pointer_token(std::string_view token) {
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

JsonLocator::JsonLocator(std::string_view text) : text_(text) {
  skip_whitespace();
  if (at_ < text_.size()) scan_value("");
}

void JsonLocator::skip_whitespace() {
  while (at_ < text_.size() &&
         (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
    ++at_;
  }
}

void JsonLocator::scan_string() {
  ++at_;  // opening quote
  while (at_ < text_.size() && text_[at_] != '"') {
    at_ += text_[at_] == '\\' ? std::size_t{2} : std::size_t{1};
  }
  ++at_;  // closing quote
}

std::string JsonLocator::read_key() {
  // Keys are compared raw (escapes kept): a duplicate spelled with different escapes is rare
  // enough not to matter for error positions.
  const std::size_t start = at_ + 1;
  scan_string();
  return std::string(text_.substr(start, at_ - 1 - start));
}

void JsonLocator::scan_value(const std::string& pointer) {
  values_.emplace(pointer, at_);
  const char c = text_[at_];
  if (c == '{') {
    ++at_;
    std::set<std::string> seen;
    skip_whitespace();
    while (at_ < text_.size() && text_[at_] != '}') {
      const std::size_t key_at = at_;
      const std::string key = read_key();
      const std::string member = pointer + "/" + escape_pointer_token(key);
      if (!seen.insert(key).second && !duplicate_) duplicate_ = member;
      keys_[member] = key_at;
      skip_whitespace();
      ++at_;  // ':'
      skip_whitespace();
      scan_value(member);
      skip_whitespace();
      if (at_ < text_.size() && text_[at_] == ',') ++at_;
      skip_whitespace();
    }
    ++at_;
  } else if (c == '[') {
    ++at_;
    std::size_t index = 0;
    skip_whitespace();
    while (at_ < text_.size() && text_[at_] != ']') {
      scan_value(pointer + "/" + std::to_string(index++));
      skip_whitespace();
      if (at_ < text_.size() && text_[at_] == ',') ++at_;
      skip_whitespace();
    }
    ++at_;
  } else if (c == '"') {
    scan_string();
  } else {
    while (at_ < text_.size() && text_[at_] != ',' && text_[at_] != '}' && text_[at_] != ']' &&
           text_[at_] != ' ' && text_[at_] != '\n' && text_[at_] != '\r' && text_[at_] != '\t') {
      ++at_;
    }
  }
}

TextPosition JsonLocator::value_position(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    if (auto it = values_.find(p); it != values_.end()) return position_of_offset(text_, it->second);
    const auto slash = p.rfind('/');
    if (slash == std::string::npos) return {};
    p.resize(slash);
  }
}

TextPosition JsonLocator::key_position(const std::string& pointer) const {
  if (auto it = keys_.find(pointer); it != keys_.end()) return position_of_offset(text_, it->second);
  return value_position(pointer);
}

}  // namespace sealsim::scenarios
