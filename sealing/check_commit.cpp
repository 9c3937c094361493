// check_commit.cpp: checkCommit and the checkPieces it ends with (spec §9.1, §9.3), with Lotus's
// error texts.
#include "sealing/check_commit.hpp"

#include <string>

#include "model/zero_commitment.hpp"
#include "sealing/chain_constants.hpp"
#include "sealing/handler_support.hpp"

namespace sealsim::sealing {

std::string_view commit_check_error_class_name(CommitCheckErrorClass error_class) {
  switch (error_class) {
    case CommitCheckErrorClass::ErrApi:
      return "ErrApi";
    case CommitCheckErrorClass::ErrInvalidDeals:
      return "ErrInvalidDeals";
    case CommitCheckErrorClass::ErrInvalidPiece:
      return "ErrInvalidPiece";
    case CommitCheckErrorClass::ErrExpiredDeals:
      return "ErrExpiredDeals";
    case CommitCheckErrorClass::ErrBadSeed:
      return "ErrBadSeed";
    case CommitCheckErrorClass::ErrInvalidProof:
      return "ErrInvalidProof";
    case CommitCheckErrorClass::ErrNoPrecommit:
      return "ErrNoPrecommit";
    case CommitCheckErrorClass::ErrCommitWaitFailed:
      return "ErrCommitWaitFailed";
    case CommitCheckErrorClass::Untyped:
      return "Untyped";
    case CommitCheckErrorClass::NodeCrash:
      return "NodeCrash";
  }
  return "Unknown";
}

namespace {

using Check = std::optional<CommitCheckError>;

Check fail(CommitCheckErrorClass error_class, std::string message) {
  return CommitCheckError{error_class, std::move(message)};
}

std::string piece_cid_string(const PieceInfo& piece) {
  return commitment_to_cid(CommitmentKind::Unsealed, piece.commitment).to_string();
}

// A filler or padding piece must carry the commitment of zeros of its size.
bool is_zero_piece(const PieceInfo& piece) {
  return piece.size.is_valid() && piece.commitment == zero_piece_commitment(piece.size);
}

// checkPieces (spec §9.1): the first failing piece decides.
Check check_pieces(const SectorInfo& sector, ActorId miner, SealingChainApi& chain) {
  const Result<ChainHead> head = chain.chain_head();
  if (!head) {
    return fail(CommitCheckErrorClass::ErrApi, "getting chain head: " + head.error());
  }
  const std::string of = " (of " + std::to_string(sector.pieces.size()) + ") of sector " +
                         std::to_string(sector.sector_number);
  for (std::size_t i = 0; i < sector.pieces.size(); ++i) {
    const Piece& piece = sector.pieces[i];
    const std::string index = std::to_string(i);
    if (!piece.deal) {
      if (!is_zero_piece(piece.piece)) {
        return fail(CommitCheckErrorClass::ErrInvalidPiece,
                    "sector " + std::to_string(sector.sector_number) + " piece " + index +
                        " had non-zero PieceCID " + piece_cid_string(piece.piece));
      }
      continue;
    }
    const DealId deal = piece.deal->deal_id;
    const std::string refers = "piece " + index + of + " refers deal " + std::to_string(deal);
    const Result<DealProposal> proposal = chain.state_market_storage_deal_proposal(deal, head->token);
    if (!proposal) {
      return fail(CommitCheckErrorClass::ErrInvalidDeals, "getting deal " + std::to_string(deal) +
                                                              " for piece " + index + ": " +
                                                              proposal.error());
    }
    if (proposal->provider != miner) {
      return fail(CommitCheckErrorClass::ErrInvalidDeals,
                  refers + " with wrong provider: t0" + std::to_string(proposal->provider) +
                      " != t0" + std::to_string(miner));
    }
    if (proposal->piece.commitment != piece.piece.commitment) {
      return fail(CommitCheckErrorClass::ErrInvalidDeals,
                  refers + " with wrong PieceCID: " + piece_cid_string(piece.piece) + " != " +
                      piece_cid_string(proposal->piece));
    }
    if (proposal->piece.size != piece.piece.size) {
      return fail(CommitCheckErrorClass::ErrInvalidDeals,
                  refers + " with different size: " + std::to_string(piece.piece.size.bytes()) +
                      " != " + std::to_string(proposal->piece.size.bytes()));
    }
    if (head->height >= proposal->start_epoch) {
      return fail(CommitCheckErrorClass::ErrExpiredDeals,
                  "piece " + index + of + " refers expired deal " + std::to_string(deal) +
                      " - should start at " + std::to_string(proposal->start_epoch) + ", head " +
                      std::to_string(head->height));
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<CommitCheckError> check_commit(const SectorInfo& sector, const Bytes& proof,
                                             const TipSetToken& tok, ActorId miner,
                                             const NetworkConstants& network,
                                             SealingChainApi& chain, ProofVerifier& verifier) {
  if (sector.seed_epoch == 0) {
    return fail(CommitCheckErrorClass::ErrBadSeed, "seed epoch was not set");
  }

  const auto pci = chain.state_sector_pre_commit_info(sector.sector_number, tok);
  if (!pci && pci.error() == kErrSectorAllocated) {
    // Not much more to check: the number is allocated but the precommit is gone, which is what a
    // landed prove-commit leaves behind; waiting for the commit message may still work.
    if (sector.commit_message) {
      return fail(CommitCheckErrorClass::ErrCommitWaitFailed, pci.error());
    }
    return fail(CommitCheckErrorClass::Untyped, pci.error());
  }
  if (!pci) {
    return fail(CommitCheckErrorClass::Untyped, "getting precommit info: " + pci.error());
  }
  if (!pci->has_value()) {
    return fail(CommitCheckErrorClass::ErrNoPrecommit, "precommit info not found on-chain");
  }
  const PreCommitOnChainInfo& on_chain = **pci;

  const ChainEpoch seed_epoch = on_chain.pre_commit_epoch + network.pre_commit_challenge_delay;
  if (seed_epoch != sector.seed_epoch) {
    return fail(CommitCheckErrorClass::ErrBadSeed, "seed epoch doesn't match on chain info: " +
                                                       std::to_string(seed_epoch) + " != " +
                                                       std::to_string(sector.seed_epoch));
  }

  const Result<Bytes> seed = chain.chain_get_randomness_from_beacon(
      tok, RandomnessDomain::InteractiveSealChallengeSeed, sector.seed_epoch,
      miner_address_entropy(miner));
  if (!seed) {
    return fail(CommitCheckErrorClass::ErrApi,
                "failed to get randomness for computing seal proof: " + seed.error());
  }
  if (*seed != sector.seed_value) {
    return fail(CommitCheckErrorClass::ErrBadSeed, "seed has changed");
  }

  // Lotus compares *si.CommR (only logging a mismatch) and passes *si.CommD to VerifySeal: with
  // either absent the node panics.
  if (!sector.comm_r || !sector.comm_d) {
    return fail(CommitCheckErrorClass::NodeCrash,
                "checkCommit: nil pointer dereference of the sector's CommR or CommD (sector " +
                    std::to_string(sector.sector_number) + ")");
  }
  // *si.CommR != pci.Info.SealedCID is only a warning ("on-chain sealed CID doesn't match!").

  const Result<bool> ok = verifier.verify_seal(SealVerifyInfo{
      SectorId{miner, sector.sector_number}, on_chain.info.seal_proof, on_chain.info.sealed_cid,
      *sector.comm_d, proof, sector.ticket_value, sector.seed_value});
  if (!ok) {
    return fail(CommitCheckErrorClass::ErrInvalidProof, "verify seal: " + ok.error());
  }
  if (!*ok) {
    return fail(CommitCheckErrorClass::ErrInvalidProof, "invalid proof (compute error?)");
  }

  return check_pieces(sector, miner, chain);
}

}  // namespace sealsim::sealing
