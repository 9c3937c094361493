// receipt.hpp: message receipts: exit code, typed return value and gas used.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "chain-mock/exit_code.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

struct PublishStorageDealsReturn {
  std::vector<DealId> ids;
  // Indexes (into the params' deal list) of the deals that were published; all of them under
  // network version 13 (all-or-nothing), the valid subset from network version 14 on.
  std::vector<std::uint64_t> valid_deals;
};

struct TerminateSectorsReturn {
  bool done = true;
};

using ReturnValue = std::variant<std::monostate, PublishStorageDealsReturn, TerminateSectorsReturn>;

struct MessageReceipt {
  ExitCode exit_code = ExitCode::Ok;
  ReturnValue return_value;
  std::int64_t gas_used = 0;
  std::string error;  // the actor's reason for a non-zero exit code (empty on success)
};

}  // namespace sealsim::chain
