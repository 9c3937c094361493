#include "cli/byte_size_argument.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

#include "cli/cli_error.hpp"

namespace sealsim::cli {

std::uint64_t parse_byte_size(std::string_view text, std::string_view option_name) {
  auto fail = [&](const std::string& why) {
    return UsageError(std::string(option_name) + ": '" + std::string(text) + "' " + why);
  };
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) {
    throw fail("is not a byte count (expected a decimal number, optionally with KiB/MiB/GiB/TiB)");
  }
  std::string suffix(end, text.data() + text.size());
  for (char& c : suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::pair<std::string_view, unsigned>, 5> kSuffixes = {
      {{"", 0}, {"kib", 10}, {"mib", 20}, {"gib", 30}, {"tib", 40}}};
  for (auto [name, shift] : kSuffixes) {
    if (suffix == name) {
      if (shift > 0 && value > (~std::uint64_t{0} >> shift)) throw fail("is too large");
      return value << shift;
    }
  }
  throw fail("has an unknown unit '" + suffix + "' (expected KiB, MiB, GiB or TiB)");
}

}  // namespace sealsim::cli
