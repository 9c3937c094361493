// token_amount.cpp: decimal printing and parsing of 128-bit attoFIL amounts.
#include "model/token_amount.hpp"

#include "model/model_error.hpp"

#include <algorithm>

namespace sealsim {

std::string TokenAmount::to_string() const {
  if (atto_ == 0) return "0";
  bool negative = atto_ < 0;
  Rep value = negative ? -atto_ : atto_;
  std::string digits;
  while (value > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  }
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

TokenAmount TokenAmount::parse(std::string_view decimal) {
  const bool negative = !decimal.empty() && decimal.front() == '-';
  const std::string_view digits = negative ? decimal.substr(1) : decimal;
  if (digits.empty() || digits.size() > 38) {
    throw ModelError("token amount: expected a decimal attoFIL integer of at most 38 digits, got \"" +
                     std::string(decimal) + "\"");
  }
  Rep value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') {
      throw ModelError("token amount: expected a decimal attoFIL integer, got \"" + std::string(decimal) +
                       "\"");
    }
    value = value * 10 + (c - '0');
  }
  return TokenAmount(negative ? -value : value);
}

}  // namespace sealsim
