// market_input_adapter.cpp: the market's AddPiece hand-off into the sealing node.
#include "sealing/deal_input/market_input_adapter.hpp"

#include <charconv>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>

#include "model/cid.hpp"

namespace sealsim::sealing {
namespace {

// "t01000" / "f01000" → 1000.
std::optional<ActorId> id_address(std::string_view address) {
  if (address.size() < 3 || (address[0] != 't' && address[0] != 'f') || address[1] != '0') {
    return std::nullopt;
  }
  ActorId id = 0;
  const char* first = address.data() + 2;
  const char* last = address.data() + address.size();
  const auto [end, error] = std::from_chars(first, last, id);
  if (error != std::errc{} || end != last) {
    return std::nullopt;
  }
  return id;
}

}  // namespace

bool is_too_many_sectors_sealing(const std::string& error) {
  const std::string_view sentinel = kErrTooManySectorsSealing;
  if (error == sentinel) {
    return true;
  }
  const std::string wrapped = ": " + std::string(sentinel);
  return error.size() > wrapped.size() &&
         error.compare(error.size() - wrapped.size(), wrapped.size(), wrapped) == 0;
}

Result<DealInfo> to_sector_deal_info(const market::PieceDealInfo& info) {
  const market::DealProposal& p = info.proposal;
  DealProposal proposal;
  try {
    proposal.piece.commitment = parse_commitment_cid(CommitmentKind::Unsealed, p.piece_cid);
  } catch (const std::exception& e) {
    return Result<DealInfo>::fail("deal " + std::to_string(info.deal_id) +
                                  ": proposal PieceCID: " + e.what());
  }
  proposal.piece.size = p.piece_size;
  proposal.verified_deal = p.verified_deal;
  const std::optional<ActorId> client = id_address(p.client);
  const std::optional<ActorId> provider = id_address(p.provider);
  if (!client || !provider) {
    return Result<DealInfo>::fail("deal " + std::to_string(info.deal_id) + ": proposal " +
                                  (client ? "provider \"" + p.provider : "client \"" + p.client) +
                                  "\" is not an ID address (t0…/f0…)");
  }
  proposal.client = *client;
  proposal.provider = *provider;
  proposal.label = p.label;
  proposal.start_epoch = p.start_epoch;
  proposal.end_epoch = p.end_epoch;

  DealInfo deal;
  if (!info.publish_cid.empty()) {
    try {
      deal.publish_cid = parse_cid(info.publish_cid);
    } catch (const std::exception& e) {
      return Result<DealInfo>::fail("deal " + std::to_string(info.deal_id) +
                                    ": publish CID: " + e.what());
    }
  }
  deal.deal_id = info.deal_id;
  deal.proposal = proposal;
  deal.schedule = DealSchedule{info.start_epoch, info.end_epoch};
  deal.keep_unsealed = info.keep_unsealed;
  return Result<DealInfo>::ok(std::move(deal));
}

market::AddPieceOutcome to_add_piece_outcome(const Result<SectorOffset>& answer) {
  if (answer) {
    return market::AddPieceOutcome::ok(market::SectorOffset{answer->sector, answer->offset});
  }
  if (is_too_many_sectors_sealing(answer.error())) {
    market::AddPieceOutcome outcome = market::AddPieceOutcome::too_many_sealing();
    outcome.error = answer.error();
    return outcome;
  }
  return market::AddPieceOutcome::fail(answer.error());
}

MarketInputAdapter::MarketInputAdapter(SealingNode& node, DealPayloads& payloads)
    : node_(node), payloads_(payloads) {}

MarketInputAdapter::~MarketInputAdapter() { *alive_ = false; }

void MarketInputAdapter::add_piece_to_any_sector(UnpaddedPieceSize size, Bytes data,
                                                 market::PieceDealInfo info,
                                                 std::function<void(market::AddPieceOutcome)> done) {
  Result<DealInfo> deal = to_sector_deal_info(info);
  if (!deal) {
    done(market::AddPieceOutcome::fail(deal.error()));
    return;
  }
  const DealId id = info.deal_id;
  if (outstanding_[id]++ == 0) {
    // A second hand-off of a deal whose first is still pending keeps the first's bytes: the node
    // refuses it ("piece for deal ... already pending") without touching the sector.
    payloads_.put(id, std::move(data), deal->proposal->piece.commitment);
  }
  std::weak_ptr<bool> alive = alive_;
  node_.add_piece_to_any_sector(
      size, PieceData{false, id}, std::move(*deal),
      [this, alive, id, done = std::move(done)](Result<SectorOffset> answer) {
        if (alive.expired()) {
          return;
        }
        if (--outstanding_[id] == 0) {
          outstanding_.erase(id);
          payloads_.drop(id);
        }
        done(to_add_piece_outcome(answer));
      });
}

}  // namespace sealsim::sealing
