// provider_table_test.cpp: the transition table against market-fsm §2, derived from the lists:
// row count and shape, FromAny rules, unregistered and invalid events as findings, finality.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sealing/market/deal_json.hpp"
#include "sealing/market/provider_machine.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

bool has_row(DealStatus from, ProviderEventType event, std::optional<DealStatus> to) {
  const auto& rows = provider_table_rows();
  return std::any_of(rows.begin(), rows.end(), [&](const ProviderTableRow& r) {
    return r.from == from && r.event == event && r.to == to;
  });
}

TEST(ProviderTable, HasTheFiftyEightExactRowsOfTheSpec) {
  EXPECT_EQ(provider_table_rows().size(), 58u);
  std::set<std::tuple<DealStatus, ProviderEventType>> seen;
  for (const auto& r : provider_table_rows()) {
    EXPECT_TRUE(seen.insert({r.from, r.event}).second)
        << "duplicate row " << deal_status_name(r.from) << " " << provider_event_name(r.event);
    EXPECT_NE(deal_status_info(r.from).role, ProviderRole::ClientOnly);
    EXPECT_NE(deal_status_info(r.from).role, ProviderRole::Final);
  }
}

TEST(ProviderTable, SpotChecksAgainstTheSpec) {
  EXPECT_TRUE(has_row(DealStatus::Unknown, ProviderEventType::Open, DealStatus::Validating));
  EXPECT_TRUE(has_row(DealStatus::WaitingForData, ProviderEventType::VerifiedData,
                      DealStatus::ReserveProviderFunds));
  EXPECT_TRUE(has_row(DealStatus::Transferring, ProviderEventType::DataTransferRestarted, std::nullopt));
  EXPECT_TRUE(has_row(DealStatus::Active, ProviderEventType::DealCompletionFailed, DealStatus::Error));
  EXPECT_TRUE(has_row(DealStatus::Staged, ProviderEventType::PieceStoreErrored, std::nullopt));
  EXPECT_TRUE(has_row(DealStatus::Transferring, ProviderEventType::Restart,
                      DealStatus::ProviderTransferAwaitRestart));
}

TEST(ProviderTable, UnregisteredEventsHaveNoRows) {
  for (const auto& info : kProviderEvents) {
    if (info.registration == Registration::Unregistered) {
      for (const auto& r : provider_table_rows()) {
        EXPECT_NE(r.event, info.type) << info.name;
      }
      EXPECT_EQ(info.from_any, FromAnyRule::None);
    }
  }
}

TEST(ProviderTable, NodeErroredGoesToFailingFromAnyStatus) {
  for (const auto& info : kDealStatuses) {
    MinerDeal deal = default_deal();
    const auto r = evaluate_transition(info.status, ev::NodeErrored{{"boom"}}, deal);
    EXPECT_EQ(r.kind, TransitionKind::Enter) << info.name;
    EXPECT_EQ(r.status, DealStatus::Failing) << info.name;
    EXPECT_EQ(deal.message, "error calling node: boom");
  }
}

TEST(ProviderTable, RestartReRunsTheEntryFunctionExceptInFourStatuses) {
  for (const auto& info : kDealStatuses) {
    MinerDeal deal = default_deal();
    const auto r = evaluate_transition(info.status, ev::Restart{}, deal);
    switch (info.status) {
      case DealStatus::Validating:
      case DealStatus::AcceptWait:
      case DealStatus::Rejecting:
        EXPECT_EQ(r.status, DealStatus::Error) << info.name;
        break;
      case DealStatus::Transferring:
        EXPECT_EQ(r.status, DealStatus::ProviderTransferAwaitRestart);
        break;
      default:
        EXPECT_EQ(r.kind, TransitionKind::ReEnter) << info.name;
        EXPECT_EQ(r.status, info.status);
    }
  }
}

TEST(ProviderTable, FundsReservedAddsOnTopOfAnEarlierReservation) {
  MinerDeal deal = default_deal();
  auto r = evaluate_transition(DealStatus::ReserveProviderFunds, ev::FundsReserved{{TokenAmount(5)}}, deal);
  EXPECT_EQ(r.kind, TransitionKind::JustRecord);
  EXPECT_EQ(deal.funds_reserved, TokenAmount(5));
  evaluate_transition(DealStatus::ReserveProviderFunds, ev::FundsReserved{{TokenAmount(5)}}, deal);
  EXPECT_EQ(deal.funds_reserved, TokenAmount(10));
}

class ProviderEngine : public MarketFixture {};

TEST_F(ProviderEngine, InvalidTransitionIsAFindingAndChangesNothing) {
  MinerDeal deal = default_deal();
  deal.state = DealStatus::WaitingForData;
  provider().begin_tracking(deal);
  provider().send(deal.proposal_cid, ev::DealPublished{{4, "x"}});
  EXPECT_EQ(provider().deal(deal.proposal_cid), deal);
  ASSERT_EQ(provider().findings().size(), 1u);
  EXPECT_EQ(provider().findings()[0].kind, MarketFindingKind::InvalidTransition);
  EXPECT_EQ(provider().findings()[0].message,
            "Executing event planner failed: Invalid transition in queue, state "
            "`StorageDealWaitingForData`, event `ProviderEventDealPublished`");
}

TEST_F(ProviderEngine, UnregisteredEventsFailAtTrigger) {
  MinerDeal deal = default_deal();
  deal.state = DealStatus::AcceptWait;
  provider().begin_tracking(deal);
  provider().send(deal.proposal_cid, ev::DealAccepted{});
  EXPECT_EQ(provider().deal(deal.proposal_cid)->state, DealStatus::AcceptWait);
  ASSERT_EQ(provider().findings().size(), 1u);
  EXPECT_EQ(provider().findings()[0].kind, MarketFindingKind::UnregisteredEvent);
}

TEST_F(ProviderEngine, EventsAfterFinalityAreDropped) {
  MinerDeal deal = default_deal();
  deal.state = DealStatus::Active;
  provider().begin_tracking(deal);
  provider().send(deal.proposal_cid, ev::DealExpired{});
  provider().send(deal.proposal_cid, ev::DealSlashed{{3}});
  EXPECT_EQ(provider().deal(deal.proposal_cid)->state, DealStatus::Expired);
  EXPECT_EQ(provider().deal(deal.proposal_cid)->slash_epoch, 0);
  ASSERT_EQ(provider().findings().size(), 1u);
  EXPECT_EQ(provider().findings()[0].kind, MarketFindingKind::EventAfterFinality);
}

TEST_F(ProviderEngine, PrintedNamesKeepTheGoNameMapQuirks) {
  EXPECT_EQ(provider_event_name(ProviderEventType::DealPrecommitFailed), "ProviderEventUnknown - 26");
  EXPECT_EQ(provider_event_name(ProviderEventType::DealPrecommitted), "ProviderEventUnknown - 27");
  EXPECT_EQ(provider_event_name(ProviderEventType::Finalized), "ProviderEventCleanupFinished");
  EXPECT_EQ(deal_status_name(DealStatus::ProviderTransferAwaitRestart),
            "StorageDealProviderTransferAwaitRestart");
  EXPECT_EQ(static_cast<int>(DealStatus::AwaitingPreCommit), 29);
  EXPECT_EQ(deal_status_from_name("StorageDealStaged"), DealStatus::Staged);
  EXPECT_FALSE(deal_status_from_name("Staged").has_value());
}

TEST_F(ProviderEngine, ReproposalResendsTheStoredStateWithoutASecondMachine) {
  single_step = false;
  node.signature_valid = ok(true);
  MinerDeal deal = default_deal();
  const auto first = provider().receive_deal(deal.client_deal_proposal, deal.ref, false, "client-peer");
  EXPECT_FALSE(first.already_tracked);
  EXPECT_EQ(provider().deal(first.proposal_cid)->state, DealStatus::WaitingForData);
  const auto again = provider().receive_deal(deal.client_deal_proposal, deal.ref, false, "client-peer");
  EXPECT_TRUE(again.already_tracked);
  EXPECT_EQ(provider().deals().size(), 1u);
  EXPECT_EQ(connections.responses.back().state, DealStatus::WaitingForData);
}

TEST(DealJson, RoundTripsAndStoresTheStatusByName) {
  MinerDeal deal = default_deal();
  deal.state = DealStatus::ProviderTransferAwaitRestart;
  deal.funds_reserved = TokenAmount::from_fil(3);
  deal.store_id = 4;
  const auto json = deal_to_json(deal);
  EXPECT_EQ(json.at("State"), "StorageDealProviderTransferAwaitRestart");
  EXPECT_EQ(deal_from_json(json), deal);
  auto bad = json;
  bad["State"] = "Bogus";
  try {
    deal_from_json(bad);
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "$.State: expected a deal status name, got \"Bogus\"");
  }
}

}  // namespace
}  // namespace sealsim::market::test
