// sector_info.hpp: SectorInfo, the persisted per-sector record (spec §2), with its deal and
// precommit sub-records and the derived helpers of §2.1.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/bytes.hpp"
#include "model/cid.hpp"
#include "model/piece_info.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/sector_log.hpp"
#include "sealing/sector_priority.hpp"
#include "sealing/sector_state_list.hpp"

namespace sealsim::sealing {

struct DealProposal {
  PieceInfo piece;  // PieceCID (as raw CommP) and padded PieceSize
  bool verified_deal = false;
  ActorId client = 0;
  ActorId provider = 0;
  std::string label;
  ChainEpoch start_epoch = 0;
  ChainEpoch end_epoch = 0;
  friend bool operator==(const DealProposal&, const DealProposal&) = default;
};

struct DealSchedule {
  ChainEpoch start_epoch = 0;
  ChainEpoch end_epoch = 0;
  friend bool operator==(const DealSchedule&, const DealSchedule&) = default;
};

struct DealInfo {
  std::optional<Cid> publish_cid;
  DealId deal_id = 0;
  std::optional<DealProposal> proposal;
  DealSchedule schedule;
  bool keep_unsealed = false;
  friend bool operator==(const DealInfo&, const DealInfo&) = default;
};

// A piece of the sector; filler and alignment pieces have no deal.
struct Piece {
  PieceInfo piece;
  std::optional<DealInfo> deal;
  friend bool operator==(const Piece&, const Piece&) = default;
};

// The on-chain PreCommitSector parameters (miner.SectorPreCommitInfo).
struct SectorPreCommitInfo {
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  SectorNumber sector_number = 0;
  Cid sealed_cid;
  ChainEpoch seal_rand_epoch = 0;
  std::vector<DealId> deal_ids;
  ChainEpoch expiration = 0;
  bool replace_capacity = false;
  SectorNumber replace_sector_number = 0;
  std::uint64_t replace_sector_deadline = 0;
  std::uint64_t replace_sector_partition = 0;
  friend bool operator==(const SectorPreCommitInfo&, const SectorPreCommitInfo&) = default;
};

// The record. The state is stored by name: `state` holds a listed state, unless the record carries
// a name that is not in the list (an old or corrupt record, a forced unknown name, spec §5.5), in
// which case `unlisted_state` holds that (non-empty: "" is Undefined) name and `state` is not
// meaningful.
struct SectorInfo {
  SectorState state = SectorState::Undefined;
  std::string unlisted_state;
  SectorNumber sector_number = 0;
  RegisteredSealProof sector_type = RegisteredSealProof::StackedDrg2KiBV1;
  std::int64_t creation_time = 0;  // simulated unix seconds
  std::vector<Piece> pieces;
  Bytes ticket_value;
  ChainEpoch ticket_epoch = 0;
  Bytes pre_commit1_out;
  std::optional<Cid> comm_d;
  std::optional<Cid> comm_r;
  Bytes proof;
  std::optional<SectorPreCommitInfo> pre_commit_info;
  TokenAmount pre_commit_deposit;
  std::optional<Cid> pre_commit_message;
  Bytes pre_commit_tipset;
  std::uint64_t pre_commit2_fails = 0;
  Bytes seed_value;
  ChainEpoch seed_epoch = 0;
  std::optional<Cid> commit_message;
  std::uint64_t invalid_proofs = 0;
  std::optional<Cid> fault_report_msg;
  std::string return_state;  // ReturnState: "", or the name of the state to return to
  std::optional<Cid> terminate_message;
  ChainEpoch terminated_at = 0;
  std::string last_err;
  std::vector<SectorLogEntry> log;

  // The name as persisted: the listed name or the unlisted one.
  std::string state_name() const;
  void set_state(SectorState new_state) {
    state = new_state;
    unlisted_state.clear();
  }
  // Sets a state by name (ForceState, onReturning): listed names map to the enum, others are kept.
  void set_state_by_name(const std::string& name);
  bool has_unlisted_state() const { return !unlisted_state.empty(); }
  bool in_state(SectorState s) const { return unlisted_state.empty() && state == s; }

  // Derived helpers (spec §2.1).
  std::vector<PieceInfo> piece_infos() const;
  std::vector<DealId> deal_ids() const;
  std::vector<UnpaddedPieceSize> existing_piece_sizes() const;
  bool has_deals() const;

  friend bool operator==(const SectorInfo&, const SectorInfo&) = default;
};

// Scheduler priority of work submitted for this sector (spec §2.1: kDealSectorPriority for deal
// sectors).
int sealing_priority(const SectorInfo& info);

// An unpadded byte range of the sector (storiface.Range).
struct UnpaddedRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  friend bool operator==(const UnpaddedRange&, const UnpaddedRange&) = default;
};
// keepUnsealedRanges(invert, alwaysKeep) of spec §2.1.
std::vector<UnpaddedRange> keep_unsealed_ranges(const SectorInfo& info, bool invert,
                                                bool always_keep);

}  // namespace sealsim::sealing
