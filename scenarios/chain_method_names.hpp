// chain_method_names.hpp: the names scenarios use for chain messages ("PreCommitSector") and the
// actor and method number each names, from chain-mock/message.hpp's numbering.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "chain-mock/message.hpp"

namespace sealsim::scenarios {

struct ChainMethodName {
  std::string_view name;
  bool market;  // sent to the market actor (else to the miner)
  chain::MethodNumber method;
};

std::span<const ChainMethodName> chain_method_names();
std::optional<ChainMethodName> find_chain_method(std::string_view name);
// The name of a message sent to the miner or market actor; nullopt for other recipients/methods.
std::optional<std::string_view> chain_method_name_of(const chain::Message& message);

}  // namespace sealsim::scenarios
