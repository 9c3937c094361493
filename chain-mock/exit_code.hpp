// exit_code.hpp: message receipt exit codes, numbered as go-state-types exitcode (system 0-15,
// actor 16+), so a receipt of the mock chain reads like one of Lotus.
#pragma once

#include <cstdint>
#include <string_view>

namespace sealsim::chain {

enum class ExitCode : std::int64_t {
  Ok = 0,
  SysErrSenderInvalid = 1,
  SysErrSenderStateInvalid = 2,
  SysErrInvalidMethod = 3,
  SysErrReserved1 = 4,
  SysErrInvalidReceiver = 5,
  SysErrInsufficientFunds = 6,
  SysErrOutOfGas = 7,
  SysErrForbidden = 8,
  SysErrorIllegalActor = 9,
  SysErrorIllegalArgument = 10,
  ErrIllegalArgument = 16,
  ErrNotFound = 17,
  ErrForbidden = 18,
  ErrInsufficientFunds = 19,
  ErrIllegalState = 20,
  ErrSerialization = 21,
};

std::string_view exit_code_name(ExitCode code);
inline std::int64_t exit_code_value(ExitCode code) { return static_cast<std::int64_t>(code); }

}  // namespace sealsim::chain
