// input_packing.cpp: the input tables and what the handlers do with them (SectorInput).
#include "sealing/input_packing.hpp"

#include <utility>

namespace sealsim::sealing {

InputPacking::InputPacking(Clock& clock, SealingChainApi& chain, CreateDealSector create_deal_sector)
    : clock_(clock),
      chain_(chain),
      create_deal_sector_(std::move(create_deal_sector)),
      self_(std::make_shared<InputPacking*>(this)) {}

std::optional<UnpaddedPieceSize> InputPacking::open_sector_used(SectorNumber sector) const {
  auto it = open_.find(sector);
  return it == open_.end() ? std::nullopt : std::optional<UnpaddedPieceSize>(it->second.used);
}

bool InputPacking::has_unassigned_pieces() const {
  for (const auto& entry : pending_) {
    if (!entry.second.piece.assigned) {
      return true;
    }
  }
  return false;
}

void InputPacking::clear_creating(SectorNumber sector) {
  if (creating_ == sector) {
    creating_.reset();
  }
}

bool InputPacking::has_assigned_pieces(SectorNumber sector) const {
  auto it = assigned_.find(sector);
  return it != assigned_.end() && !it->second.empty();
}

std::optional<TimerId> InputPacking::wait_deals_timer(SectorNumber sector) const {
  auto it = timers_.find(sector);
  return it == timers_.end() ? std::nullopt : std::optional<TimerId>(it->second);
}

void InputPacking::set_wait_deals_timer(SectorNumber sector, TimerId timer) {
  timers_[sector] = timer;
}

void InputPacking::close_sector(SectorNumber sector) { open_.erase(sector); }

void InputPacking::open_sector(SectorNumber sector, UnpaddedPieceSize used,
                               std::function<Result<Unit>()> send_add_piece) {
  open_.try_emplace(sector, OpenSector{used, std::move(send_add_piece)});
}

void InputPacking::update_input_soon(RegisteredSealProof proof) {
  std::weak_ptr<InputPacking*> self = self_;
  clock_.schedule_at(clock_.now(), [self, proof] {
    if (auto alive = self.lock()) {
      (*alive)->update_input(proof);
    }
  });
}

std::optional<std::vector<std::string>> InputPacking::take_assigned_pieces(SectorNumber sector) {
  auto it = assigned_.find(sector);
  if (it == assigned_.end()) {
    return std::nullopt;
  }
  std::vector<std::string> pieces = std::move(it->second);
  assigned_.erase(it);
  return pieces;
}

std::optional<PendingPiece> InputPacking::pending_piece(const std::string& proposal) const {
  auto it = pending_.find(proposal);
  return it == pending_.end() ? std::nullopt : std::optional<PendingPiece>(it->second.piece);
}

void InputPacking::answer_piece(const std::string& proposal, Result<SectorOffset> result) {
  if (auto it = pending_.find(proposal); it != pending_.end()) {
    answer(it->second, std::move(result));
  }
}

void InputPacking::reject_unwritten_pieces(SectorNumber sector) {
  if (auto it = assigned_.find(sector); it != assigned_.end()) {
    for (const std::string& proposal : it->second) {
      auto entry = pending_.find(proposal);
      if (entry == pending_.end()) {
        continue;  // Lotus logs "nil assigned pending piece"
      }
      PendingEntry removed = std::move(entry->second);
      pending_.erase(entry);
      answer(removed, Result<SectorOffset>::fail("sector " + std::to_string(sector) +
                                                 " entered packing state early"));
    }
    assigned_.erase(it);
  }
  open_.erase(sector);
}

void InputPacking::answer(PendingEntry& entry, Result<SectorOffset> result) {
  if (entry.answered) {
    return;
  }
  entry.answered = true;
  deliver(entry.done, std::move(result));
}

void InputPacking::deliver(AddPieceDone done, Result<SectorOffset> result) {
  std::weak_ptr<InputPacking*> self = self_;
  clock_.schedule_at(clock_.now(), [self, done = std::move(done), result = std::move(result)] {
    if (self.lock() && done) {
      done(result);
    }
  });
}

void InputPacking::accept(SectorNumber sector, const std::string& proposal) {
  assigned_[sector].push_back(proposal);
  std::function<Result<Unit>()> send = open_.at(sector).send_add_piece;
  std::weak_ptr<InputPacking*> self = self_;
  clock_.schedule_at(clock_.now(), [self, send = std::move(send), proposal] {
    auto alive = self.lock();
    if (!alive) {
      return;
    }
    if (Result<Unit> sent = send(); !sent) {
      // "sector N rejected deal": the caller gets the Send error (at offset 0).
      (*alive)->answer_piece(proposal, Result<SectorOffset>::fail(sent.error()));
    }
  });
}

}  // namespace sealsim::sealing
