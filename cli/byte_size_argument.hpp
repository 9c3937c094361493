// byte_size_argument.hpp: parses byte counts given on the command line ("2048", "8MiB", "32GiB").
#pragma once

#include <cstdint>
#include <string_view>

namespace sealsim::cli {

// Accepts a decimal integer with an optional binary suffix (KiB, MiB, GiB, TiB; case-insensitive).
// Throws UsageError naming the option and the text.
std::uint64_t parse_byte_size(std::string_view text, std::string_view option_name);

}  // namespace sealsim::cli
