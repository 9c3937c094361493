// bench_arguments.hpp: the integer flag parsing shared by the benchmarks' small option loops.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sealsim::bench {

// The value after `flag`, as a non-negative integer; std::invalid_argument naming the flag
// otherwise.
inline std::uint64_t parse_number(std::string_view flag, const char* text) {
  if (text == nullptr) throw std::invalid_argument(std::string(flag) + " needs a value");
  std::size_t used = 0;
  std::uint64_t value = 0;
  try {
    value = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || text[used] != '\0') {
    throw std::invalid_argument(std::string(flag) + ": expected a non-negative integer, got '" +
                                text + "'");
  }
  return value;
}

}  // namespace sealsim::bench
