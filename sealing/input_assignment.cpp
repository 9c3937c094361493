// input_assignment.cpp: AddPieceToAnySector and updateInput (spec §10.2, §10.3): pending deal
// pieces are matched to open deal sectors, least padding first; what is left waits for a new
// sector.
#include <algorithm>
#include <set>
#include <utility>

#include "model/model_error.hpp"
#include "model/sha256_trunc254.hpp"
#include "sealing/current_seal_proof.hpp"
#include "sealing/input_packing.hpp"

namespace sealsim::sealing {
namespace {

void put_u64(Bytes& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  }
}

// go-padreader's rule: `size` must be exactly the unpadded size of a valid piece.
bool is_allocatable(UnpaddedPieceSize size) {
  try {
    return padded_size_for_payload(size.bytes()) == size;
  } catch (const ModelError&) {
    return false;  // larger than any piece
  }
}

}  // namespace

Cid proposal_cid(const DealProposal& proposal) {
  Bytes encoded;
  put_u64(encoded, proposal.piece.size.bytes());
  encoded.insert(encoded.end(), proposal.piece.commitment.begin(), proposal.piece.commitment.end());
  encoded.push_back(proposal.verified_deal ? 1 : 0);
  put_u64(encoded, proposal.client);
  put_u64(encoded, proposal.provider);
  put_u64(encoded, proposal.label.size());
  encoded.insert(encoded.end(), proposal.label.begin(), proposal.label.end());
  put_u64(encoded, static_cast<std::uint64_t>(proposal.start_epoch));
  put_u64(encoded, static_cast<std::uint64_t>(proposal.end_epoch));
  const Node32 digest = sha256_of_parts({ByteSpan(encoded)});
  constexpr std::uint64_t kDagCbor = 0x71;
  constexpr std::uint64_t kSha2_256 = 0x12;
  return Cid{kDagCbor, kSha2_256, Bytes(digest.begin(), digest.end())};
}

void InputPacking::add_piece_to_any_sector(UnpaddedPieceSize size, PieceData data, DealInfo deal,
                                           AddPieceDone done) {
  auto refuse = [&](std::string error) {
    deliver(std::move(done), Result<SectorOffset>::fail(std::move(error)));
  };
  if (!is_allocatable(size)) {
    return refuse("cannot allocate unpadded piece");
  }
  const Result<RegisteredSealProof> proof = current_seal_proof(chain_);
  if (!proof) {
    return refuse("getting current seal proof type: " + proof.error());
  }
  if (size.bytes() > seal_proof_info(*proof).unpadded_sector_size()) {
    return refuse("piece cannot fit into a sector");
  }
  if (!deal.proposal) {
    // Lotus dereferences the proposal to compute its CID; a deal without one cannot be filed.
    return refuse("getting proposal CID: deal " + std::to_string(deal.deal_id) + " has no proposal");
  }
  const std::string key = proposal_cid(*deal.proposal).to_string();
  if (pending_.count(key) != 0) {
    return refuse("piece for deal " + key + " already pending");
  }
  pending_.emplace(key, PendingEntry{PendingPiece{size, std::move(deal), data, false}, arrivals_++,
                                     std::move(done), false});
  update_input_soon(*proof);
}

void InputPacking::update_input(RegisteredSealProof proof) {
  const std::uint64_t sector_bytes = seal_proof_info(proof).unpadded_sector_size();
  struct Match {
    SectorNumber sector;
    std::string proposal;
    std::uint64_t size;
    std::uint64_t padding;
    std::uint64_t arrival;
  };
  std::vector<Match> matches;
  std::set<std::string> to_assign;
  for (const auto& [proposal, entry] : pending_) {
    if (entry.piece.assigned) {
      continue;
    }
    to_assign.insert(proposal);
    const std::uint64_t size = entry.piece.size.bytes();
    for (const auto& [sector, open] : open_) {
      const std::uint64_t avail = sector_bytes - open.used.bytes();
      if (size <= avail) {
        matches.push_back(Match{sector, proposal, size, avail % size, entry.arrival});
      }
    }
  }
  // Less padding first; then the *smaller* piece (Lotus's comparison, contrary to its comment,
  // spec Q13); then the older sector. Lotus leaves further ties to map order; sealsim takes the
  // piece that arrived first.
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    if (a.padding != b.padding) {
      return a.padding < b.padding;
    }
    if (a.size != b.size) {
      return a.size < b.size;
    }
    if (a.sector != b.sector) {
      return a.sector < b.sector;
    }
    return a.arrival < b.arrival;
  });

  for (const Match& match : matches) {
    auto entry = pending_.find(match.proposal);
    if (entry == pending_.end() || entry->second.piece.assigned) {
      continue;
    }
    auto open = open_.find(match.sector);
    if (open == open_.end()) {
      continue;
    }
    if (match.size > sector_bytes - open->second.used.bytes()) {
      continue;
    }
    accept(match.sector, match.proposal);
    open->second.used = UnpaddedPieceSize(open->second.used.bytes() + match.padding + match.size);
    entry->second.piece.assigned = true;
    to_assign.erase(match.proposal);
  }

  if (!to_assign.empty() && create_deal_sector_) {
    create_deal_sector_(proof);
  }
}

}  // namespace sealsim::sealing
