// handlers_input.cpp: handleWaitDeals + maybeStartSealing (§8.1) and handleAddPiece (§8.2), on
// the simulated clock; sector-manager writes complete through continuations.
#include "sealing/handlers_input.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/piece_padding.hpp"

namespace sealsim::sealing {
namespace {

using Run = std::shared_ptr<HandlerRun>;

// A node always wires its input side; a HandlerEnv without one (a test rig that only drives the
// sealing states) records the misconfiguration as a finding instead of stopping the run.
SectorInput* require_input(const HandlerEnv& env, const Run& run, const char* handler) {
  if (env.input == nullptr) {
    run->report(Finding{FindingKind::InternalInvariant,
                        std::string("sealing handler ") + handler +
                            " needs the node's input side (HandlerEnv::input)",
                        {}});
    run->finish();
  }
  return env.input;
}

std::uint64_t used_unpadded(const SectorInfo& info) {
  std::uint64_t used = 0;
  for (const auto& size : info.existing_piece_sizes()) {
    used += size.bytes();
  }
  return used;
}

// maybeStartSealing (§8.1.1): true when it sent SectorStartPacking.
bool maybe_start_sealing(const HandlerEnv& env, SectorInput& input, const Run& run,
                         std::uint64_t used) {
  const SectorInfo& info = run->info();
  if (auto timer = input.wait_deals_timer(run->sector())) {
    if (!env.clock.cancel(*timer)) {
      // trigger "wait-timeout": the timer fired (its event may have been absorbed in AddPiece)
      run->send(SectorStartPacking{});
      return true;
    }
  }
  const SealProofInfo& proof = seal_proof_info(info.sector_type);
  if (info.deal_ids().size() >= proof.max_deals_per_sector()) {
    run->send(SectorStartPacking{});  // trigger "maxdeals"
    return true;
  }
  if (UnpaddedPieceSize(used).padded().bytes() == proof.sector_size) {
    run->send(SectorStartPacking{});  // trigger "filled"
    return true;
  }
  if (info.creation_time != 0) {
    const SimSeconds seal_time = info.creation_time + env.config.wait_deals_delay;
    if (env.clock.now() > seal_time) {
      run->send(SectorStartPacking{});  // trigger "wait-timeout"
      return true;
    }
    // trigger "wait-timer"; the callback sends on the sector's context, as Lotus's AfterFunc does.
    const TimerId timer = env.clock.schedule_at(seal_time, [run] { run->send(SectorStartPacking{}); });
    input.set_wait_deals_timer(run->sector(), timer);
  }
  return false;
}

// One AddPiece round: the assigned deals in order, each with its alignment pads.
struct AddPieceRound {
  AddPieceRound(HandlerEnv env_in, Run run_in, std::vector<std::string> proposals_in)
      : env(std::move(env_in)), run(std::move(run_in)), proposals(std::move(proposals_in)) {}
  HandlerEnv env;  // a copy: the round outlives the handler call
  Run run;
  std::vector<std::string> proposals;
  std::size_t next = 0;
  std::uint64_t offset = 0;  // unpadded
  std::vector<UnpaddedPieceSize> piece_sizes;
  std::vector<Piece> added;
  std::size_t deals_before = 0;
  std::size_t max_deals = 0;
  std::uint64_t sector_size = 0;  // padded
  // the deal being written
  PendingPiece deal;
  std::vector<PaddedPieceSize> pads;
};
using Round = std::shared_ptr<AddPieceRound>;

SectorRef sector_ref(const HandlerEnv& env, const SectorInfo& info) {
  return SectorRef{SectorId{env.miner, info.sector_number}, info.sector_type};
}

void next_deal(const Round& round);

// A write failed: the deal's caller gets the error, the sector goes to AddPieceFailed, and the
// deals after it in this round are never answered (spec Q3).
void fail_round(const Round& round, const std::string& error) {
  round->env.input->answer_piece(round->proposals[round->next], Result<SectorOffset>::fail(error));
  round->run->send(SectorAddPieceFailed{error});
  round->run->finish();
}

void write_deal(const Round& round) {
  const SectorInfo& info = round->run->info();
  round->env.sealer.add_piece(
      kDealSectorPriority, sector_ref(round->env, info), round->piece_sizes, round->deal.size,
      round->deal.data, [round](Result<PieceInfo> piece) {
        if (!round->run->alive()) {
          return;
        }
        if (!piece) {
          return fail_round(round, "writing piece: " + piece.error());
        }
        const std::string& proposal = round->proposals[round->next];
        round->env.input->answer_piece(
            proposal, Result<SectorOffset>::ok(SectorOffset{
                          round->run->sector(), UnpaddedPieceSize(round->offset).padded()}));
        round->offset += round->deal.size.bytes();
        round->piece_sizes.push_back(round->deal.size);
        round->added.push_back(Piece{*piece, round->deal.deal});
        ++round->next;
        next_deal(round);
      });
}

void write_pads(const Round& round, std::size_t index) {
  if (index == round->pads.size()) {
    return write_deal(round);
  }
  const SectorInfo& info = round->run->info();
  const UnpaddedPieceSize pad = round->pads[index].unpadded();
  round->env.sealer.add_piece(kDealSectorPriority, sector_ref(round->env, info), round->piece_sizes,
                              pad, PieceData{true, 0}, [round, index, pad](Result<PieceInfo> piece) {
                                if (!round->run->alive()) {
                                  return;
                                }
                                if (!piece) {
                                  return fail_round(round, "writing padding piece: " + piece.error());
                                }
                                round->piece_sizes.push_back(pad);
                                round->added.push_back(Piece{*piece, std::nullopt});
                                write_pads(round, index + 1);
                              });
}

void next_deal(const Round& round) {
  SectorInput& input = *round->env.input;
  const SectorNumber sector = round->run->sector();
  while (round->next < round->proposals.size()) {
    const std::size_t i = round->next;
    const std::string& proposal = round->proposals[i];
    std::optional<PendingPiece> deal = input.pending_piece(proposal);
    if (!deal) {
      // "piece %s assigned to sector %d not found": the handler returns an error (STALL) and the
      // pieces after it are not processed.
      round->run->finish();
      return;
    }
    // Counted by index, not by deals actually added (spec Q18).
    if (round->deals_before + i + 1 > round->max_deals) {
      input.answer_piece(proposal, Result<SectorOffset>::fail(
                                       "too many deals assigned to sector " + std::to_string(sector) +
                                       ", dropping deal"));
      ++round->next;
      continue;
    }
    const PaddedPieceSize offset_padded = UnpaddedPieceSize(round->offset).padded();
    const PaddingPieces padding = required_padding(offset_padded, deal->size.padded());
    if (offset_padded.bytes() + padding.total.bytes() + deal->size.padded().bytes() >
        round->sector_size) {
      input.answer_piece(proposal, Result<SectorOffset>::fail(
                                       "piece " + proposal + " assigned to sector " +
                                       std::to_string(sector) + " with not enough space"));
      ++round->next;
      continue;
    }
    round->offset += padding.total.unpadded().bytes();
    round->deal = std::move(*deal);
    round->pads = padding.pieces;
    return write_pads(round, 0);
  }
  round->run->send(SectorPieceAdded{std::move(round->added)});
  round->run->finish();
}

}  // namespace

void handle_wait_deals(const HandlerEnv& env, const Run& run) {
  SectorInput* input_side = require_input(env, run, "WaitDeals");
  if (input_side == nullptr) return;
  SectorInput& input = *input_side;
  const SectorNumber sector = run->sector();
  const std::uint64_t used = used_unpadded(run->info());

  input.clear_creating(sector);
  if (input.has_assigned_pieces(sector)) {
    // got assigned more pieces while in AddPiece
    run->send(SectorAddPiece{});
    run->finish();
    return;
  }
  if (maybe_start_sealing(env, input, run, used)) {
    input.close_sector(sector);
    run->finish();
    return;
  }
  input.open_sector(sector, UnpaddedPieceSize(used), [run]() -> Result<Unit> {
    if (!run->send(SectorAddPiece{})) {
      return Result<Unit>::fail("normal shutdown of state machine");
    }
    return Result<Unit>::ok(Unit{});
  });
  input.update_input_soon(run->info().sector_type);
  run->finish();
}

void handle_add_piece(const HandlerEnv& env, const Run& run) {
  SectorInput* input_side = require_input(env, run, "AddPiece");
  if (input_side == nullptr) return;
  SectorInput& input = *input_side;
  std::optional<std::vector<std::string>> assigned = input.take_assigned_pieces(run->sector());
  if (!assigned) {
    // nothing to do here (might happen after a restart in AddPiece)
    run->send(SectorPieceAdded{});
    run->finish();
    return;
  }
  const SectorInfo& info = run->info();
  const SealProofInfo& proof = seal_proof_info(info.sector_type);
  auto round = std::make_shared<AddPieceRound>(env, run, std::move(*assigned));
  round->piece_sizes = info.existing_piece_sizes();
  for (const auto& size : round->piece_sizes) {
    round->offset += size.bytes();
  }
  round->deals_before = info.deal_ids().size();
  round->max_deals = proof.max_deals_per_sector();
  round->sector_size = proof.sector_size;
  next_deal(round);
}

void release_unwritten_pieces(const HandlerEnv& env, SectorNumber sector) {
  if (env.input != nullptr) {
    env.input->reject_unwritten_pieces(sector);
  }
}

}  // namespace sealsim::sealing
