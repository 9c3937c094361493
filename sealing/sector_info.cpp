// sector_info.cpp: state-name handling and the derived helpers of SectorInfo (spec §2.1).
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

std::string SectorInfo::state_name() const {
  return has_unlisted_state() ? unlisted_state : std::string(sealing::state_name(state));
}

void SectorInfo::set_state_by_name(const std::string& name) {
  if (auto listed = state_from_name(name)) {
    set_state(*listed);
  } else {
    unlisted_state = name;
  }
}

std::vector<PieceInfo> SectorInfo::piece_infos() const {
  std::vector<PieceInfo> out;
  out.reserve(pieces.size());
  for (const auto& p : pieces) {
    out.push_back(p.piece);
  }
  return out;
}

std::vector<DealId> SectorInfo::deal_ids() const {
  std::vector<DealId> out;
  for (const auto& p : pieces) {
    if (p.deal) {
      out.push_back(p.deal->deal_id);
    }
  }
  return out;
}

std::vector<UnpaddedPieceSize> SectorInfo::existing_piece_sizes() const {
  std::vector<UnpaddedPieceSize> out;
  out.reserve(pieces.size());
  for (const auto& p : pieces) {
    out.push_back(p.piece.size.unpadded());
  }
  return out;
}

bool SectorInfo::has_deals() const {
  for (const auto& p : pieces) {
    if (p.deal) {
      return true;
    }
  }
  return false;
}

int sealing_priority(const SectorInfo& info) { return info.has_deals() ? kDealSectorPriority : 0; }

std::vector<UnpaddedRange> keep_unsealed_ranges(const SectorInfo& info, bool invert,
                                                bool always_keep) {
  std::vector<UnpaddedRange> out;
  std::uint64_t at = 0;
  for (const auto& p : info.pieces) {
    const std::uint64_t size = p.piece.size.unpadded().bytes();
    const std::uint64_t start = at;
    at += size;
    if (!p.deal) {
      continue;
    }
    const bool keep = p.deal->keep_unsealed || always_keep;
    if (keep != invert) {
      out.push_back(UnpaddedRange{start, size});
    }
  }
  return out;
}

}  // namespace sealsim::sealing
