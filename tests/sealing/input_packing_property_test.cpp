// input_packing_property_test.cpp: RapidCheck property over random deal streams into a node with
// random limits and WaitDealsDelay (2 KiB sectors, the fake sector manager): every deal is
// answered once; an accepted deal sits in exactly one sector, at the offset it was told, aligned
// to its own size; no sector holds more than its size; a refusal is only the v1.11.0 "not enough
// space" case of the open-sector table's stale accounting, and the refused deal is in no sector.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/sealing/sealing_node_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::NodeRig;

struct DealArrival {
  unsigned size_log2 = 0;  // the deal is 127 << size_log2 unpadded bytes
  SimSeconds gap = 0;      // simulated seconds after the previous deal
};

RC_GTEST_PROP(InputPackingProperty, EveryDealLandsOnceAlignedAndWithinItsSector, ()) {
  SealingConfig config;
  config.max_wait_deals_sectors = *rc::gen::inRange<std::uint64_t>(0, 4);
  config.max_sealing_sectors_for_deals = 0;  // parked sectors never leave sealing
  config.wait_deals_delay = *rc::gen::inRange<SimSeconds>(1, 600);
  const auto arrivals = *rc::gen::container<std::vector<DealArrival>>(rc::gen::build<DealArrival>(
      rc::gen::set(&DealArrival::size_log2, rc::gen::inRange(0u, 5u)),
      rc::gen::set(&DealArrival::gap, rc::gen::inRange<SimSeconds>(0, 120))));

  NodeRig rig(config);
  rig.start();
  DealId id = 0;
  std::map<DealId, std::uint64_t> sizes;
  for (const DealArrival& arrival : arrivals) {
    rig.advance(arrival.gap);
    ++id;
    sizes[id] = std::uint64_t{127} << arrival.size_log2;
    rig.add_deal(id, sizes[id]);
  }
  for (int round = 0; round < 10'000 && rig.clock.pending_timers() > 0; ++round) {
    rig.advance(60);
  }
  RC_ASSERT(rig.clock.pending_timers() == 0u);

  // Where every deal piece actually is: deal id -> (sector, padded offset).
  std::map<DealId, SectorOffset> placed;
  for (SectorNumber sector : rig.memory.list()) {
    const SectorInfo info = rig.record(sector);
    std::uint64_t offset = 0;
    for (const Piece& piece : info.pieces) {
      const std::uint64_t size = piece.piece.size.bytes();
      RC_ASSERT(offset % size == 0u);  // every piece aligned to its own size
      if (piece.deal) {
        RC_ASSERT(placed.count(piece.deal->deal_id) == 0u);  // in one sector, once
        placed[piece.deal->deal_id] = SectorOffset{sector, PaddedPieceSize(offset)};
      }
      offset += size;
    }
    RC_ASSERT(offset <= 2048u);
  }

  RC_ASSERT(rig.answers.size() == sizes.size());
  for (const auto& [deal, answer] : rig.answers) {
    if (answer.has_value()) {
      RC_ASSERT(placed.count(deal) == 1u);
      RC_ASSERT(placed.at(deal) == *answer);
    } else {
      RC_ASSERT(answer.error().find("with not enough space") != std::string::npos);
      RC_ASSERT(placed.count(deal) == 0u);
    }
  }
}

}  // namespace
}  // namespace sealsim::sealing
