// spec_table_test.cpp: the provider transition table written out independently from market-fsm §2
// (one line per row of the spec), compared with the MSM machines' rows, and every row and every
// non-row evaluated through the machines.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "sealing/market/provider_machine.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

using S = DealStatus;
using E = ProviderEventType;
using Row = std::tuple<S, E, std::optional<S>>;  // nullopt: ToJustRecord

const std::vector<Row>& spec_rows() {
  static const std::vector<Row> rows = {
      {S::Unknown, E::Open, S::Validating},
      {S::Validating, E::DealDeciding, S::AcceptWait},
      {S::Validating, E::DealRejected, S::Rejecting},
      {S::VerifyData, E::DealRejected, S::Rejecting},
      {S::AcceptWait, E::DealRejected, S::Rejecting},
      {S::Rejecting, E::RejectionSent, S::Failing},
      {S::ReserveProviderFunds, E::FundsReserved, std::nullopt},
      {S::Publishing, E::FundsReleased, std::nullopt},
      {S::Failing, E::FundsReleased, std::nullopt},
      {S::ReserveProviderFunds, E::FundingInitiated, S::ProviderFunding},
      {S::ProviderFunding, E::Funded, S::Publish},
      {S::ReserveProviderFunds, E::Funded, S::Publish},
      {S::Transferring, E::DataTransferFailed, S::Failing},
      {S::ProviderTransferAwaitRestart, E::DataTransferFailed, S::Failing},
      {S::AcceptWait, E::DataRequested, S::WaitingForData},
      {S::WaitingForData, E::DataTransferInitiated, S::Transferring},
      {S::ProviderTransferAwaitRestart, E::DataTransferInitiated, S::Transferring},
      {S::WaitingForData, E::DataTransferRestarted, S::Transferring},
      {S::ProviderTransferAwaitRestart, E::DataTransferRestarted, S::Transferring},
      {S::Transferring, E::DataTransferRestarted, std::nullopt},
      {S::Transferring, E::DataTransferCompleted, S::VerifyData},
      {S::ProviderTransferAwaitRestart, E::DataTransferCompleted, S::VerifyData},
      {S::VerifyData, E::DataVerificationFailed, S::Failing},
      {S::VerifyData, E::VerifiedData, S::ReserveProviderFunds},
      {S::WaitingForData, E::VerifiedData, S::ReserveProviderFunds},
      {S::AcceptWait, E::SendResponseFailed, S::Failing},
      {S::Rejecting, E::SendResponseFailed, S::Failing},
      {S::Publish, E::DealPublishInitiated, S::Publishing},
      {S::Publishing, E::DealPublished, S::Staged},
      {S::Publishing, E::DealPublishError, S::Failing},
      {S::Staged, E::FileStoreErrored, S::Failing},
      {S::AwaitingPreCommit, E::FileStoreErrored, S::Failing},
      {S::Sealing, E::FileStoreErrored, S::Failing},
      {S::Active, E::FileStoreErrored, S::Failing},
      {S::Staged, E::DealHandoffFailed, S::Failing},
      {S::Staged, E::DealHandedOff, S::AwaitingPreCommit},
      {S::AwaitingPreCommit, E::DealPrecommitFailed, S::Failing},
      {S::AwaitingPreCommit, E::DealPrecommitted, S::Sealing},
      {S::Sealing, E::DealActivationFailed, S::Failing},
      {S::AwaitingPreCommit, E::DealActivated, S::Finalizing},
      {S::Sealing, E::DealActivated, S::Finalizing},
      {S::Staged, E::PieceStoreErrored, std::nullopt},
      {S::Finalizing, E::Finalized, S::Active},
      {S::Active, E::DealCompletionFailed, S::Error},
      {S::Staged, E::MultistoreErrored, S::Failing},
      {S::Active, E::DealExpired, S::Expired},
      {S::Active, E::DealSlashed, S::Slashed},
      {S::Failing, E::Failed, S::Error},
      {S::ReserveProviderFunds, E::TrackFundsFailed, S::Failing},
      {S::Validating, E::Restart, S::Error},
      {S::AcceptWait, E::Restart, S::Error},
      {S::Rejecting, E::Restart, S::Error},
      {S::Transferring, E::Restart, S::ProviderTransferAwaitRestart},
      {S::Transferring, E::DataTransferStalled, std::nullopt},
      {S::ProviderTransferAwaitRestart, E::DataTransferStalled, std::nullopt},
      {S::WaitingForData, E::DataTransferCancelled, S::Failing},
      {S::Transferring, E::DataTransferCancelled, S::Failing},
      {S::ProviderTransferAwaitRestart, E::DataTransferCancelled, S::Failing},
  };
  return rows;
}

ProviderEvent make_event(ProviderEventType type) {
  switch (type) {
#define SEALSIM_MAKE_EVENT(id, number, name, payload, any, reg) \
  case ProviderEventType::id:                                   \
    return ev::id{};
    SEALSIM_PROVIDER_EVENTS(SEALSIM_MAKE_EVENT)
#undef SEALSIM_MAKE_EVENT
  }
  return std::monostate{};
}

TEST(SpecTable, MachinesHoldExactlyTheSpecRows) {
  std::set<Row> spec(spec_rows().begin(), spec_rows().end());
  EXPECT_EQ(spec.size(), spec_rows().size());
  std::set<Row> machine;
  for (const auto& r : provider_table_rows()) {
    machine.insert({r.from, r.event, r.to});
  }
  for (const auto& r : spec) {
    EXPECT_TRUE(machine.count(r)) << "missing " << deal_status_name(std::get<0>(r)) << " + "
                                  << provider_event_name(std::get<1>(r));
  }
  for (const auto& r : machine) {
    EXPECT_TRUE(spec.count(r)) << "extra " << deal_status_name(std::get<0>(r)) << " + "
                               << provider_event_name(std::get<1>(r));
  }
}

TEST(SpecTable, EveryStatusEventPairEvaluatesAsTheSpecSays) {
  std::map<std::pair<S, E>, std::optional<S>> rows;
  for (const auto& [from, event, to] : spec_rows()) {
    rows[{from, event}] = to;
  }
  for (const auto& status : kDealStatuses) {
    for (const auto& event : kProviderEvents) {
      MinerDeal deal = default_deal();
      const TransitionResult r = evaluate_transition(status.status, make_event(event.type), deal);
      const auto it = rows.find({status.status, event.type});
      const std::string where = std::string(status.name) + " + " + std::string(event.name);
      if (it != rows.end()) {
        EXPECT_EQ(r.kind, it->second ? TransitionKind::Enter : TransitionKind::JustRecord) << where;
        EXPECT_EQ(r.status, it->second.value_or(status.status)) << where;
      } else if (event.type == E::NodeErrored) {
        EXPECT_EQ(r.status, S::Failing) << where;
      } else if (event.type == E::Restart) {
        EXPECT_EQ(r.kind, TransitionKind::ReEnter) << where;
      } else {
        EXPECT_EQ(r.kind, TransitionKind::Invalid) << where;
        EXPECT_EQ(deal, default_deal()) << where;  // nothing applied
      }
    }
  }
}

}  // namespace
}  // namespace sealsim::market::test
