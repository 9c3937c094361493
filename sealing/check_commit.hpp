// check_commit.hpp: Lotus's checkCommit (spec §9.3) with its error classes: the sanity check
// Committing, SubmitCommit, SubmitCommitAggregate and CommitFailed run on a proof before (or
// after) it goes on chain. The class decides what the caller does (spec §9.4).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/sector_id.hpp"
#include "sealing/chain_constants.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sector_manager.hpp"

namespace sealsim::sealing {

// The classes checkCommit (and the checkPieces it ends with) can return, named as Lotus's error
// types (checks.go). checkCommit never produces ErrPrecommitOnChain, ErrBadCommD, ErrExpiredTicket,
// ErrBadTicket or ErrSectorNumberAllocated, so they are not listed here.
enum class CommitCheckErrorClass {
  ErrApi,
  ErrInvalidDeals,
  ErrInvalidPiece,
  ErrExpiredDeals,
  ErrBadSeed,
  ErrInvalidProof,
  ErrNoPrecommit,
  ErrCommitWaitFailed,
  // A plain error: the "allocated" sentinel without a commit message, or a precommit-info lookup
  // failure. Lotus's type switches fall into their default branch for it.
  Untyped,
  // Not a Lotus class: Lotus dereferences the sector's nil CommR / CommD here and the node
  // panics (a forced state can get a sector here without them). Callers record a NodeCrash
  // finding.
  NodeCrash,
};

std::string_view commit_check_error_class_name(CommitCheckErrorClass error_class);

struct CommitCheckError {
  CommitCheckErrorClass error_class = CommitCheckErrorClass::Untyped;
  std::string message;  // Lotus's error text
};

// checkCommit(sector, proof, tok): nullopt when the proof and the sector's deals check out.
std::optional<CommitCheckError> check_commit(const SectorInfo& sector, const Bytes& proof,
                                             const TipSetToken& tok, ActorId miner,
                                             const NetworkConstants& network,
                                             SealingChainApi& chain, ProofVerifier& verifier);

}  // namespace sealsim::sealing
