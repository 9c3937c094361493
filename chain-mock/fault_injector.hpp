// fault_injector.hpp: faults as API calls, for scenarios and the fuzzer: chain API errors (next N
// calls or N epochs), a message failing with a given exit code (actor rejection, insufficient
// funds), out-of-gas receipts, delayed inclusion and dropped messages. Chain-shape faults (reorgs,
// null rounds) are MockChain::reorg / null_rounds / schedule_null_rounds. Every injected fault is
// recorded in the chain log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain-mock/exit_code.hpp"
#include "chain-mock/message.hpp"
#include "chain-mock/vm.hpp"

namespace sealsim::chain {

enum class ApiCall {
  Any,
  ChainHead,
  ChainGetTipSetByHeight,
  ChainBaseFee,
  ChainAt,
  GetRandomnessFromTickets,
  GetRandomnessFromBeacon,
  GasEstimate,
  MpoolPushMessage,
  StateSearchMsg,
  StateWaitMsg,
  StateNetworkVersion,
  StateMinerInfo,
  StateMinerSectorAllocated,
  StateSectorPreCommitInfo,
  StateSectorGetInfo,
  StateSectorPartition,
  StateMinerPartitions,
  StateMinerProvingDeadline,
  StateMinerPreCommitDepositForPower,
  StateMinerInitialPledgeCollateral,
  StateComputeDataCommitment,
  StateMarketStorageDeal,
};

std::string api_call_name(ApiCall call);

// Which messages a message fault applies to; unset fields match anything.
struct MessageMatch {
  std::optional<Address> from;
  std::optional<Address> to;
  std::optional<MethodNumber> method;

  bool matches(const Message& message) const;
};

class FaultInjector {
 public:
  void fail_api_calls(ApiCall call, std::size_t count);
  void fail_api_until(ApiCall call, ChainEpoch until_epoch_exclusive);
  void fail_message(MessageMatch match, ExitCode exit_code, std::size_t count = 1);
  void out_of_gas(MessageMatch match, std::size_t count = 1);
  void delay_inclusion(MessageMatch match, ChainEpoch epochs, std::size_t count = 1);
  void drop_messages(MessageMatch match, std::size_t count = 1);
  void clear();

  // Consumers (MockChain). check_api throws ChainError(Transient) when a fault applies.
  void check_api(ApiCall call, ChainEpoch epoch);
  std::optional<ForcedOutcome> take_execution_fault(const Message& message);
  ChainEpoch take_inclusion_delay(const Message& message);
  bool take_drop(const Message& message);

 private:
  struct ApiFault {
    ApiCall call;
    std::size_t remaining;    // calls, when until is unset
    std::optional<ChainEpoch> until;
  };
  struct MessageFault {
    MessageMatch match;
    std::size_t remaining;
    ForcedOutcome outcome;
    ChainEpoch delay = 0;
  };
  std::vector<ApiFault> api_faults_;
  std::vector<MessageFault> execution_faults_;
  std::vector<MessageFault> delays_;
  std::vector<MessageFault> drops_;
};

}  // namespace sealsim::chain
