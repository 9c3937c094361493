// input_packing.hpp: deals into sectors (spec §10): the in-memory input tables of Lotus's Sealing,
// AddPieceToAnySector (the entry point the market's OnDealComplete/SectorBlocks.AddPiece calls),
// and updateInput, the matching of pending pieces to open sectors. Implements SectorInput for the
// WaitDeals, AddPiece and Packing handlers. Nothing here survives a restart (spec §10.1).
//
// Simulated concurrency: what Lotus runs in a goroutine holding the input lock (`go updateInput`,
// the accept-callback's Send) runs here from the clock at the current time, after the caller has
// returned, so a handler never observes the tables half-way through a matching pass.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/cid.hpp"
#include "sealing/clock.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sector_input.hpp"
#include "sealing/upgrade_queue.hpp"

namespace sealsim::sealing {

// The key Lotus files a pending piece under: the CID of the deal proposal. sealsim has no CBOR
// encoder for proposals, so this is a CIDv1 (dag-cbor codec, sha2-256) over a canonical binary
// encoding of every DealProposal field: equal proposals share it, different ones do not. A field
// added to DealProposal must be added to the encoding.
Cid proposal_cid(const DealProposal& proposal);

class InputPacking final : public SectorInput {
 public:
  // tryCreateDealSector (§10.4), supplied by the node: called at the end of a matching pass that
  // left pieces without a sector.
  using CreateDealSector = std::function<void(RegisteredSealProof)>;

  InputPacking(Clock& clock, SealingChainApi& chain, CreateDealSector create_deal_sector);
  InputPacking(const InputPacking&) = delete;
  InputPacking& operator=(const InputPacking&) = delete;

  // AddPieceToAnySector(size, data, deal) (§10.2): checks the piece, files it as pending and
  // starts a matching pass; `done` gets (sector, padded offset) once the piece is written, or
  // Lotus's error text ("cannot allocate unpadded piece", "getting current seal proof type: ...",
  // "piece cannot fit into a sector", "piece for deal <proposal CID> already pending", "too many
  // deals assigned to sector N, dropping deal", "writing piece: ...", ...). `data` is what the
  // sector manager writes (PieceData names the deal). Always answered later, never from inside
  // this call; never answered when the node is gone first (a simulated restart).
  void add_piece_to_any_sector(UnpaddedPieceSize size, PieceData data, DealInfo deal,
                               AddPieceDone done);

  // updateInput(sp) (§10.3), now.
  void update_input(RegisteredSealProof proof);

  // The "sector being created for deals" marker (tryCreateDealSector / handleWaitDeals).
  std::optional<SectorNumber> creating() const { return creating_; }
  void set_creating(SectorNumber sector) { creating_ = sector; }

  UpgradeQueue& upgrades() { return upgrades_; }
  const UpgradeQueue& upgrades() const { return upgrades_; }

  // Inspection (tests, reports).
  bool is_open(SectorNumber sector) const { return open_.count(sector) != 0; }
  std::optional<UnpaddedPieceSize> open_sector_used(SectorNumber sector) const;
  std::size_t pending_count() const { return pending_.size(); }
  bool has_unassigned_pieces() const;

  // SectorInput
  void clear_creating(SectorNumber sector) override;
  bool has_assigned_pieces(SectorNumber sector) const override;
  std::optional<TimerId> wait_deals_timer(SectorNumber sector) const override;
  void set_wait_deals_timer(SectorNumber sector, TimerId timer) override;
  void close_sector(SectorNumber sector) override;
  void open_sector(SectorNumber sector, UnpaddedPieceSize used,
                   std::function<Result<Unit>()> send_add_piece) override;
  void update_input_soon(RegisteredSealProof proof) override;
  std::optional<std::vector<std::string>> take_assigned_pieces(SectorNumber sector) override;
  std::optional<PendingPiece> pending_piece(const std::string& proposal) const override;
  void answer_piece(const std::string& proposal, Result<SectorOffset> result) override;
  void reject_unwritten_pieces(SectorNumber sector) override;
  std::optional<SectorNumber> take_upgrade_candidate() override { return upgrades_.take(); }

 private:
  struct OpenSector {
    UnpaddedPieceSize used;
    std::function<Result<Unit>()> send_add_piece;
  };
  struct PendingEntry {
    PendingPiece piece;
    std::uint64_t arrival = 0;  // registration order: the last, deterministic tie-break
    AddPieceDone done;
    bool answered = false;
  };

  void answer(PendingEntry& entry, Result<SectorOffset> result);
  void deliver(AddPieceDone done, Result<SectorOffset> result);
  // The open sector's maybeAccept: assign, then Send(SectorAddPiece) once the pass is over.
  void accept(SectorNumber sector, const std::string& proposal);

  Clock& clock_;
  SealingChainApi& chain_;
  CreateDealSector create_deal_sector_;
  std::map<SectorNumber, OpenSector> open_;
  std::map<SectorNumber, TimerId> timers_;
  std::map<std::string, PendingEntry> pending_;
  std::map<SectorNumber, std::vector<std::string>> assigned_;
  std::optional<SectorNumber> creating_;
  UpgradeQueue upgrades_;
  std::uint64_t arrivals_ = 0;
  // Clock callbacks hold a weak reference: after the node is gone (a simulated restart) they do
  // nothing, as Lotus's goroutines die with the process.
  std::shared_ptr<InputPacking*> self_;
};

}  // namespace sealsim::sealing
