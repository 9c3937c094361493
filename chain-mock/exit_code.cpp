// exit_code.cpp: names of the exit codes, as go-state-types spells them.
#include "chain-mock/exit_code.hpp"

namespace sealsim::chain {

std::string_view exit_code_name(ExitCode code) {
  switch (code) {
    case ExitCode::Ok: return "Ok";
    case ExitCode::SysErrSenderInvalid: return "SysErrSenderInvalid";
    case ExitCode::SysErrSenderStateInvalid: return "SysErrSenderStateInvalid";
    case ExitCode::SysErrInvalidMethod: return "SysErrInvalidMethod";
    case ExitCode::SysErrReserved1: return "SysErrReserved1";
    case ExitCode::SysErrInvalidReceiver: return "SysErrInvalidReceiver";
    case ExitCode::SysErrInsufficientFunds: return "SysErrInsufficientFunds";
    case ExitCode::SysErrOutOfGas: return "SysErrOutOfGas";
    case ExitCode::SysErrForbidden: return "SysErrForbidden";
    case ExitCode::SysErrorIllegalActor: return "SysErrorIllegalActor";
    case ExitCode::SysErrorIllegalArgument: return "SysErrorIllegalArgument";
    case ExitCode::ErrIllegalArgument: return "ErrIllegalArgument";
    case ExitCode::ErrNotFound: return "ErrNotFound";
    case ExitCode::ErrForbidden: return "ErrForbidden";
    case ExitCode::ErrInsufficientFunds: return "ErrInsufficientFunds";
    case ExitCode::ErrIllegalState: return "ErrIllegalState";
    case ExitCode::ErrSerialization: return "ErrSerialization";
  }
  return "ExitCode(unknown)";
}

}  // namespace sealsim::chain
