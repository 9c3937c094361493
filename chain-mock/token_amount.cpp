// token_amount.cpp: decimal printing of 128-bit attoFIL amounts.
#include "chain-mock/token_amount.hpp"

#include <algorithm>

namespace sealsim::chain {

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

}  // namespace sealsim::chain
