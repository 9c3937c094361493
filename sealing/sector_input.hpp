// sector_input.hpp: the input side of the sealing node as the state handlers see it (spec §10.1):
// Lotus's Sealing fields guarded by its "input lock" (open sectors, WaitDeals timers, pending and
// assigned deal pieces, the sector being created) and the CC upgrade set. The WaitDeals, AddPiece
// and Packing handlers (handlers_input.cpp) and preCommitParams' tryUpgradeSector reach them only
// through this interface; InputPacking (input_packing.hpp) implements it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/piece_size.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "sealing/clock.hpp"
#include "sealing/result.hpp"
#include "sealing/sector_info.hpp"
#include "sealing/sector_manager.hpp"

namespace sealsim::sealing {

// Where a deal piece landed: AddPieceToAnySector's (sector number, padded offset).
struct SectorOffset {
  SectorNumber sector = 0;
  PaddedPieceSize offset;
  friend bool operator==(const SectorOffset&, const SectorOffset&) = default;
};

// Answer to AddPieceToAnySector, delivered once, later in simulated time (never from inside the
// call); an error carries Lotus's text.
using AddPieceDone = std::function<void(Result<SectorOffset>)>;

// Lotus's pendingPiece without its result channel: a deal piece waiting for, or assigned to, a
// sector. Keyed by the deal proposal's CID (its string form; proposal_cid()).
struct PendingPiece {
  UnpaddedPieceSize size;
  DealInfo deal;
  PieceData data;
  bool assigned = false;
};

class SectorInput {
 public:
  virtual ~SectorInput() = default;

  // --- handleWaitDeals (§8.1) ---
  // Step 2: clears the "sector being created" marker when it names `sector`.
  virtual void clear_creating(SectorNumber sector) = 0;
  // Step 3: whether pieces are assigned to `sector` and not yet written.
  virtual bool has_assigned_pieces(SectorNumber sector) const = 0;
  // maybeStartSealing's timer table; entries are replaced, never removed (§8.1.1).
  virtual std::optional<TimerId> wait_deals_timer(SectorNumber sector) const = 0;
  virtual void set_wait_deals_timer(SectorNumber sector, TimerId timer) = 0;
  // Step 4: the sector leaves the open-sector table.
  virtual void close_sector(SectorNumber sector) = 0;
  // Step 5: registers an open sector with `used` unpadded bytes; an existing entry is kept as it
  // is (v1.11.0 does not refresh `used`, spec Q14). `send_add_piece` is the accept-callback's
  // Send(SectorAddPiece) on the sector's context; it fails when that machine has stopped.
  virtual void open_sector(SectorNumber sector, UnpaddedPieceSize used,
                           std::function<Result<Unit>()> send_add_piece) = 0;
  // Step 6: `go updateInput(sp)`: runs deal assignment soon, after the handler has returned.
  virtual void update_input_soon(RegisteredSealProof proof) = 0;

  // --- handleAddPiece (§8.2) ---
  // Takes (and forgets) the proposal CIDs assigned to `sector`, in assignment order; nullopt when
  // there is no assignment list (e.g. after a restart in AddPiece).
  virtual std::optional<std::vector<std::string>> take_assigned_pieces(SectorNumber sector) = 0;
  virtual std::optional<PendingPiece> pending_piece(const std::string& proposal) const = 0;
  // pendingPiece.accepted: answers the deal's AddPieceToAnySector caller (once; later answers
  // are dropped, as the one-slot result channel would block them). The entry stays pending
  // (spec Q12).
  virtual void answer_piece(const std::string& proposal, Result<SectorOffset> result) = 0;

  // --- handlePacking step 1 (§8.3) ---
  // Every piece assigned to `sector` but not written leaves the pending table and is answered
  // "sector N entered packing state early"; the sector leaves the open-sector table and its
  // assignment list is dropped.
  virtual void reject_unwritten_pieces(SectorNumber sector) = 0;

  // --- tryUpgradeSector (§10.10), for preCommitParams ---
  // Takes one sector marked for upgrade out of the set (the lowest number: Lotus takes whatever
  // its map yields first); nullopt when none is marked.
  virtual std::optional<SectorNumber> take_upgrade_candidate() = 0;
};

}  // namespace sealsim::sealing
