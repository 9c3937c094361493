// token_amount.hpp: attoFIL amounts, the one token type of chain-mock and sealing. 128-bit so that
// balances of millions of FIL and products such as gas × fee cap cannot overflow; printed and
// parsed as decimal strings (as Lotus's BigInt JSON).
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace sealsim {

class TokenAmount {
 public:
  __extension__ using Rep = __int128;

  constexpr TokenAmount() = default;
  constexpr explicit TokenAmount(Rep atto) : atto_(atto) {}
  static constexpr TokenAmount from_fil(std::int64_t fil) { return TokenAmount(Rep{fil} * kAttoPerFil); }
  static constexpr TokenAmount from_nano(std::int64_t nano) { return TokenAmount(Rep{nano} * 1'000'000'000); }

  constexpr Rep atto() const { return atto_; }
  std::string to_string() const;  // decimal attoFIL
  // Parses a decimal attoFIL string (optional leading '-'); throws ModelError on anything else
  // or on overflow.
  static TokenAmount parse(std::string_view decimal);

  constexpr TokenAmount operator+(TokenAmount other) const { return TokenAmount(atto_ + other.atto_); }
  constexpr TokenAmount operator-(TokenAmount other) const { return TokenAmount(atto_ - other.atto_); }
  constexpr TokenAmount operator*(std::int64_t k) const { return TokenAmount(atto_ * k); }
  constexpr TokenAmount operator/(std::int64_t k) const { return TokenAmount(atto_ / k); }
  TokenAmount& operator+=(TokenAmount other) { atto_ += other.atto_; return *this; }
  TokenAmount& operator-=(TokenAmount other) { atto_ -= other.atto_; return *this; }
  constexpr bool is_negative() const { return atto_ < 0; }
  constexpr bool is_zero() const { return atto_ == 0; }

  friend constexpr auto operator<=>(TokenAmount, TokenAmount) = default;

  static constexpr Rep kAttoPerFil = Rep{1'000'000'000'000'000'000};

 private:
  Rep atto_ = 0;
};

inline TokenAmount max_amount(TokenAmount a, TokenAmount b) { return a < b ? b : a; }
inline TokenAmount min_amount(TokenAmount a, TokenAmount b) { return a < b ? a : b; }

}  // namespace sealsim
