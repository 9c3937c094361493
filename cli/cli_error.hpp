// cli_error.hpp: how subcommands report bad input. A UsageError becomes a message on stderr and
// exit status 2; anything a subcommand finds wrong with the world (a failed vector) is exit 1.
#pragma once

#include <stdexcept>
#include <string>

namespace sealsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace sealsim::cli
