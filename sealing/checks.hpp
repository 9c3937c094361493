// checks.hpp: Lotus's sanity checks of a sector against the chain (checks.go, spec §9) and their
// typed error classes. Handlers branch on CheckErrorKind exactly as the handling matrix (§9.4)
// says; the message is the text Lotus would wrap, for the event's error field and the log.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/bytes.hpp"
#include "sealing/chain_constants.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sector_info.hpp"
#include "sealing/sector_manager.hpp"

namespace sealsim::sealing {

// One value per error class of checks.go (spec §9), plus Untyped for the plain errors that carry
// no class (the adapter's ErrSectorAllocated sentinel passed through checkCommit, other errors).
enum class CheckErrorKind {
  Api,                    // ErrApi
  InvalidDeals,           // ErrInvalidDeals
  InvalidPiece,           // ErrInvalidPiece
  ExpiredDeals,           // ErrExpiredDeals
  BadCommD,               // ErrBadCommD
  ExpiredTicket,          // ErrExpiredTicket
  BadTicket,              // ErrBadTicket
  PrecommitOnChain,       // ErrPrecommitOnChain
  SectorNumberAllocated,  // ErrSectorNumberAllocated
  BadSeed,                // ErrBadSeed
  InvalidProof,           // ErrInvalidProof
  NoPrecommit,            // ErrNoPrecommit
  CommitWaitFailed,       // ErrCommitWaitFailed
  Untyped,
};

// The Go name of the class ("ErrApi", ...; "untyped" for Untyped).
std::string_view check_error_name(CheckErrorKind kind);

struct CheckError {
  CheckErrorKind kind = CheckErrorKind::Untyped;
  std::string message;
  friend bool operator==(const CheckError&, const CheckError&) = default;
};

// The outcome of a check: nullopt when it passed.
using CheckResult = std::optional<CheckError>;

// checkPieces (spec §9.1): the first failing piece decides.
CheckResult check_pieces(SealingChainApi& api, ActorId miner, const SectorInfo& info);

// checkPrecommit (spec §9.2) at the tipset `tok` of height `height`.
CheckResult check_precommit(SealingChainApi& api, ActorId miner, const SectorInfo& info,
                            const TipSetToken& tok, ChainEpoch height, const NetworkConstants& network);

// Where Lotus's checkCommit dereferences the sector's absent CommR or CommD the whole node panics
// (a forced state can bring a sector there without them). That is no error class of checks.go:
// callers record a NodeCrash finding and STALL.
struct CheckNodeCrash {
  std::string message;
};

// checkCommit's outcome: passed (both empty), a Lotus error class, or a node crash.
struct CommitCheckResult {
  CheckResult error;
  std::optional<CheckNodeCrash> crash;
};

// checkCommit (spec §9.3) of `proof` at the tipset `tok`; ends with checkPieces.
CommitCheckResult check_commit(SealingChainApi& api, ActorId miner, const SectorInfo& info, const Bytes& proof,
                               const TipSetToken& tok, const NetworkConstants& network, ProofVerifier& verifier);

// The randomness entropy of every sealing randomness request (spec §8.0): the CBOR byte string of
// the miner's ID address (protocol 0, then the unsigned varint of the id).
Bytes miner_entropy(ActorId miner);

}  // namespace sealsim::sealing
