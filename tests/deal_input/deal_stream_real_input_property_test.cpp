// deal_stream_real_input_property_test.cpp: the market's deal-stream property (tests/market/
// deal_stream_property_test.cpp) with the REAL input side behind OnDealComplete: MarketInputAdapter
// → SealingNode (real handlers) → FsmSectorManager (mock proofs, real bytes, 8 MiB sectors).
// Invariants: every accepted deal ends Active, Expired, Slashed or Error (through Failing, with its
// reason recorded), or stays Staged only while MaxSealingSectorsForDeals holds it (AddPiece
// blocks); nothing stays reserved; the collateral locked on chain is the sum over Active deals plus
// the published deals still waiting for a sector; in the sector records no deal id is in two
// sectors (or twice in one), no sector holds more than its size, each placed deal is in the sector
// and at the offset the market was told, and every Active deal is in a sector.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "sealing/market/data_transfer.hpp"
#include "sealing/market/on_deal_complete.hpp"
#include "tests/deal_input/deal_input_rig.hpp"
#include "tests/market/deal_stream_support.hpp"

namespace sealsim::market::test {
namespace {

RC_GTEST_PROP(DealStreamRealInputProperty, AcceptedDealsEndWithAReasonFundsBalanceAndSectorsHold, ()) {
  const auto stream = *rc::gen::resize(
      12, rc::gen::nonEmpty(rc::gen::container<std::vector<GeneratedDeal>>(gen_deal())));
  const auto period = *rc::gen::inRange<sealing::SimSeconds>(0, 3000);
  const auto max_per_msg = *rc::gen::inRange<std::uint64_t>(0, 5);
  sealing::SealingConfig config;
  config.wait_deals_delay = *rc::gen::element<sealing::SimSeconds>(600, 3600, 6 * 3600);
  config.max_wait_deals_sectors = *rc::gen::inRange<std::uint64_t>(0, 3);
  config.max_sealing_sectors_for_deals = *rc::gen::inRange<std::uint64_t>(0, 3);

  // The deals start at epoch 10 or later; the sealing chain sits below that.
  sealing::test::DealInputRig rig(config, sealing::test::kWindowPoSt8MiB, 5, 0);
  sealing::test::FakeClock& clock = rig.clock;
  DealStreamProvider market(clock, {period, max_per_msg}, *rig.input);
  FakeMarketChain& chain = market.chain;
  ProviderDeals& provider = market.provider;
  StorageClient& client = market.client;

  const std::vector<std::string> cids = propose_stream(stream, client, chain, clock);
  clock.advance_to(clock.now() + 100'000);

  // The sector records: capacity, and where each deal is.
  const std::uint64_t sector_size = seal_proof_info(RegisteredSealProof::StackedDrg8MiBV1_1).sector_size;
  struct Place {
    SectorNumber sector;
    std::uint64_t offset;
  };
  std::map<DealId, Place> placed;
  for (const SectorNumber number : rig.store.list()) {
    const sealing::SectorInfo info = *rig.store.load(number);
    std::uint64_t offset = 0;
    for (const sealing::Piece& piece : info.pieces) {
      if (piece.deal) {
        RC_ASSERT(placed.count(piece.deal->deal_id) == 0u);
        placed[piece.deal->deal_id] = Place{number, offset};
      }
      offset += piece.piece.size.bytes();
    }
    RC_ASSERT(offset <= sector_size);
  }

  // Where the market was told each deal went (the piece store's records) is where it is.
  for (const PieceDealRecord& record : market.pieces.deals) {
    const auto at = placed.find(record.deal_id);
    RC_ASSERT(at != placed.end());
    RC_ASSERT(at->second.sector == record.sector);
    RC_ASSERT(at->second.offset == record.offset.bytes());
  }
  RC_ASSERT(market.pieces.deals.size() == placed.size());

  TokenAmount active_collateral;
  TokenAmount waiting_collateral;
  for (const auto& cid : cids) {
    const MinerDeal d = *provider.deal(cid);
    const auto& history = provider.history(cid);
    const auto reached = [&](DealStatus status) {
      return std::any_of(history.begin(), history.end(),
                         [status](const DealTransition& t) { return t.status == status; });
    };
    RC_ASSERT(!d.funds_reserved || d.funds_reserved->is_zero());
    if (!reached(DealStatus::WaitingForData)) {
      RC_ASSERT(d.state == DealStatus::Error);
      RC_ASSERT(d.message.rfind("deal rejected: ", 0) == 0);
      continue;
    }
    switch (d.state) {
      case DealStatus::Active:
        active_collateral += d.proposal().provider_collateral;
        RC_ASSERT(chain.fate_by_piece.at(d.proposal().label) == ChainFate::StaysActive);
        RC_ASSERT(placed.count(d.deal_id) == 1u);
        break;
      case DealStatus::Expired:
        RC_ASSERT(chain.fate_by_piece.at(d.proposal().label) == ChainFate::Expires);
        break;
      case DealStatus::Slashed:
        RC_ASSERT(d.slash_epoch > 0);
        break;
      case DealStatus::Error:
        RC_ASSERT(reached(DealStatus::Failing));
        RC_ASSERT(!d.message.empty());
        break;
      case DealStatus::Staged: {
        // Handed off and not answered: Lotus's AddPiece blocks while MaxSealingSectorsForDeals is
        // reached, and here no sector ever leaves the sealing count (the pre-commit batcher fake
        // never answers), so the deal may wait for ever, as it would on a stuck miner.
        const sealing::SealingStatistics stats = rig.node->statistics();
        RC_ASSERT(config.max_sealing_sectors_for_deals > 0);
        RC_ASSERT(stats.cur_sealing >= config.max_sealing_sectors_for_deals);
        RC_ASSERT(placed.count(d.deal_id) == 0u);
        waiting_collateral += d.proposal().provider_collateral;  // published: locked on chain
        RC_CLASSIFY(true, "a deal waits for MaxSealingSectorsForDeals");
        break;
      }
      default:
        RC_FAIL("deal " + cid + " ended in " + std::string(deal_status_name(d.state)));
    }
  }
  RC_CLASSIFY(!active_collateral.is_zero(), "some deal stays active");
  RC_CLASSIFY(rig.store.list().size() > 1, "several sectors");
  RC_ASSERT(chain.locked == active_collateral + waiting_collateral);
  RC_ASSERT(provider.findings().empty());
}

}  // namespace
}  // namespace sealsim::market::test
