// vm.hpp: applies a message to the state tree as the Filecoin VM does, in the mock's terms: gas is
// charged (base fee burnt, premium to the reward actor), the nonce is consumed, the value moves,
// then the receiver's method runs. A failing method leaves the state as it was apart from gas and
// nonce. Cron runs the miners' and then the market's end-of-epoch processing.
#pragma once

#include <optional>

#include "chain-mock/actor_runtime.hpp"
#include "chain-mock/message.hpp"
#include "chain-mock/receipt.hpp"

namespace sealsim::chain {

// A fault injected into one message's execution.
struct ForcedOutcome {
  ExitCode exit_code = ExitCode::Ok;
  bool out_of_gas = false;
};

MessageReceipt apply_message(ActorRuntime& rt, const Message& message, const std::optional<ForcedOutcome>& forced);
void run_cron(ActorRuntime& rt);

}  // namespace sealsim::chain
