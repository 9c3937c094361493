// fault_injector.cpp: bookkeeping of pending faults.
#include "chain-mock/fault_injector.hpp"

#include <algorithm>

#include "chain-mock/chain_error.hpp"

namespace sealsim::chain {
namespace {

template <typename Fault>
Fault* take_matching(std::vector<Fault>& faults, const Message& message) {
  for (Fault& f : faults) {
    if (f.remaining > 0 && f.match.matches(message)) {
      --f.remaining;
      return &f;
    }
  }
  return nullptr;
}

template <typename Fault>
void drop_spent(std::vector<Fault>& faults) {
  faults.erase(std::remove_if(faults.begin(), faults.end(), [](const Fault& f) { return f.remaining == 0; }), faults.end());
}

}  // namespace

std::string api_call_name(ApiCall call) {
  switch (call) {
    case ApiCall::Any: return "Any";
    case ApiCall::ChainHead: return "ChainHead";
    case ApiCall::ChainGetTipSetByHeight: return "ChainGetTipSetByHeight";
    case ApiCall::ChainBaseFee: return "ChainBaseFee";
    case ApiCall::ChainAt: return "ChainAt";
    case ApiCall::GetRandomnessFromTickets: return "ChainGetRandomnessFromTickets";
    case ApiCall::GetRandomnessFromBeacon: return "ChainGetRandomnessFromBeacon";
    case ApiCall::GasEstimate: return "GasEstimateMessageGas";
    case ApiCall::MpoolPushMessage: return "MpoolPushMessage";
    case ApiCall::StateSearchMsg: return "StateSearchMsg";
    case ApiCall::StateWaitMsg: return "StateWaitMsg";
    case ApiCall::StateNetworkVersion: return "StateNetworkVersion";
    case ApiCall::StateMinerInfo: return "StateMinerInfo";
    case ApiCall::StateMinerSectorAllocated: return "StateMinerSectorAllocated";
    case ApiCall::StateSectorPreCommitInfo: return "StateSectorPreCommitInfo";
    case ApiCall::StateSectorGetInfo: return "StateSectorGetInfo";
    case ApiCall::StateSectorPartition: return "StateSectorPartition";
    case ApiCall::StateMinerPartitions: return "StateMinerPartitions";
    case ApiCall::StateMinerProvingDeadline: return "StateMinerProvingDeadline";
    case ApiCall::StateMinerPreCommitDepositForPower: return "StateMinerPreCommitDepositForPower";
    case ApiCall::StateMinerInitialPledgeCollateral: return "StateMinerInitialPledgeCollateral";
    case ApiCall::StateComputeDataCommitment: return "StateComputeDataCommitment";
    case ApiCall::StateMarketStorageDeal: return "StateMarketStorageDeal";
  }
  return "Unknown";
}

bool MessageMatch::matches(const Message& message) const {
  return (!from || *from == message.from) && (!to || *to == message.to) && (!method || *method == message.method);
}

void FaultInjector::fail_api_calls(ApiCall call, std::size_t count) { api_faults_.push_back({call, count, std::nullopt}); }

void FaultInjector::fail_api_until(ApiCall call, ChainEpoch until) { api_faults_.push_back({call, 0, until}); }

void FaultInjector::fail_message(MessageMatch match, ExitCode exit_code, std::size_t count) {
  execution_faults_.push_back({match, count, ForcedOutcome{exit_code, false}, 0});
}

void FaultInjector::out_of_gas(MessageMatch match, std::size_t count) {
  execution_faults_.push_back({match, count, ForcedOutcome{ExitCode::SysErrOutOfGas, true}, 0});
}

void FaultInjector::delay_inclusion(MessageMatch match, ChainEpoch epochs, std::size_t count) {
  delays_.push_back({match, count, ForcedOutcome{}, epochs});
}

void FaultInjector::drop_messages(MessageMatch match, std::size_t count) { drops_.push_back({match, count, ForcedOutcome{}, 0}); }

void FaultInjector::clear() {
  api_faults_.clear();
  execution_faults_.clear();
  delays_.clear();
  drops_.clear();
}

void FaultInjector::check_api(ApiCall call, ChainEpoch epoch) {
  for (ApiFault& f : api_faults_) {
    if (f.call != ApiCall::Any && f.call != call) continue;
    bool active = f.until ? epoch < *f.until : f.remaining > 0;
    if (!active) continue;
    if (!f.until) --f.remaining;
    throw ChainError(ChainErrorKind::Transient, "injected " + api_call_name(call) + " failure at epoch " + std::to_string(epoch));
  }
  api_faults_.erase(std::remove_if(api_faults_.begin(), api_faults_.end(),
                                   [epoch](const ApiFault& f) { return f.until ? epoch >= *f.until : f.remaining == 0; }),
                    api_faults_.end());
}

std::optional<ForcedOutcome> FaultInjector::take_execution_fault(const Message& message) {
  MessageFault* f = take_matching(execution_faults_, message);
  if (f == nullptr) return std::nullopt;
  ForcedOutcome outcome = f->outcome;
  drop_spent(execution_faults_);
  return outcome;
}

ChainEpoch FaultInjector::take_inclusion_delay(const Message& message) {
  MessageFault* f = take_matching(delays_, message);
  if (f == nullptr) return 0;
  ChainEpoch delay = f->delay;
  drop_spent(delays_);
  return delay;
}

bool FaultInjector::take_drop(const Message& message) {
  MessageFault* f = take_matching(drops_, message);
  if (f == nullptr) return false;
  drop_spent(drops_);
  return true;
}

}  // namespace sealsim::chain
