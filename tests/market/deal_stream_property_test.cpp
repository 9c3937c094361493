// deal_stream_property_test.cpp: RapidCheck property over random deal streams through the whole
// provider (real DealPublisher, OnDealComplete, packing sector input, online and offline
// transfers), against a small fake market chain that locks provider collateral when a publish
// message lands and unlocks it when the deal expires, is slashed or misses activation. Invariants:
// every accepted deal ends Active, Expired, Slashed or Error (through Failing, with its reason
// recorded); nothing stays reserved; the collateral locked on chain is the sum over Active deals;
// no deal is in two sectors and no sector is over capacity.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <map>

#include "sealing/market/data_transfer.hpp"
#include "sealing/market/deal_publisher.hpp"
#include "sealing/market/on_deal_complete.hpp"
#include "sealing/market/storage_client.hpp"
#include "tests/market/fake_sector_input.hpp"
#include "tests/market/deal_stream_support.hpp"
#include "tests/market/market_fixture.hpp"

namespace sealsim::market::test {
namespace {

RC_GTEST_PROP(DealStreamProperty, AcceptedDealsEndWithAReasonAndFundsBalance, ()) {
  const auto stream = *rc::gen::resize(12, rc::gen::nonEmpty(rc::gen::container<std::vector<GeneratedDeal>>(gen_deal())));
  const auto period = *rc::gen::inRange<sealing::SimSeconds>(0, 3000);
  const auto max_per_msg = *rc::gen::inRange<std::uint64_t>(0, 5);

  sealing::test::FakeClock clock(0);
  PackingSectorInput sectors(PaddedPieceSize(4 << 20));
  DealStreamProvider market(clock, {period, max_per_msg}, sectors);
  FakeMarketChain& chain = market.chain;
  ProviderDeals& provider = market.provider;
  StorageClient& client = market.client;

  const std::vector<std::string> cids = propose_stream(stream, client, chain, clock);
  clock.advance_to(clock.now() + 100'000);

  TokenAmount active_collateral;
  for (const auto& cid : cids) {
    const MinerDeal d = *provider.deal(cid);
    const auto& history = provider.history(cid);
    const bool accepted = std::any_of(history.begin(), history.end(), [](const DealTransition& t) {
      return t.status == DealStatus::WaitingForData;
    });
    const bool went_failing = std::any_of(history.begin(), history.end(), [](const DealTransition& t) {
      return t.status == DealStatus::Failing;
    });
    RC_ASSERT(!d.funds_reserved || d.funds_reserved->is_zero());
    if (!accepted) {
      RC_ASSERT(d.state == DealStatus::Error);
      RC_ASSERT(d.message.rfind("deal rejected: ", 0) == 0);
      continue;
    }
    switch (d.state) {
      case DealStatus::Active:
        active_collateral += d.proposal().provider_collateral;
        RC_ASSERT(chain.fate_by_piece.at(d.proposal().label) == ChainFate::StaysActive);
        break;
      case DealStatus::Expired:
        RC_ASSERT(chain.fate_by_piece.at(d.proposal().label) == ChainFate::Expires);
        break;
      case DealStatus::Slashed:
        RC_ASSERT(d.slash_epoch > 0);
        break;
      case DealStatus::Error:
        RC_ASSERT(went_failing);
        RC_ASSERT(!d.message.empty());
        break;
      default:
        RC_FAIL("deal " + cid + " ended in " + std::string(deal_status_name(d.state)));
    }
  }
  RC_CLASSIFY(!active_collateral.is_zero(), "some deal stays active");
  RC_ASSERT(chain.locked == active_collateral);
  for (const auto& [cid, in] : sectors.sectors_of_deal) {
    RC_ASSERT(in.size() == 1u);
  }
  for (const auto& [number, sector] : sectors.sectors) {
    RC_ASSERT(sector.used <= sectors.sector_size().bytes());
  }
  RC_ASSERT(provider.findings().empty());
}

}  // namespace
}  // namespace sealsim::market::test
