// checks.cpp: checkPieces, checkPrecommit and checkCommit (spec §9.1-§9.3) with Lotus's error
// texts, and the randomness entropy.
#include "sealing/checks.hpp"

#include <string>

#include "model/model_error.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim::sealing {

std::string_view check_error_name(CheckErrorKind kind) {
  switch (kind) {
    case CheckErrorKind::Api: return "ErrApi";
    case CheckErrorKind::InvalidDeals: return "ErrInvalidDeals";
    case CheckErrorKind::InvalidPiece: return "ErrInvalidPiece";
    case CheckErrorKind::ExpiredDeals: return "ErrExpiredDeals";
    case CheckErrorKind::BadCommD: return "ErrBadCommD";
    case CheckErrorKind::ExpiredTicket: return "ErrExpiredTicket";
    case CheckErrorKind::BadTicket: return "ErrBadTicket";
    case CheckErrorKind::PrecommitOnChain: return "ErrPrecommitOnChain";
    case CheckErrorKind::SectorNumberAllocated: return "ErrSectorNumberAllocated";
    case CheckErrorKind::BadSeed: return "ErrBadSeed";
    case CheckErrorKind::InvalidProof: return "ErrInvalidProof";
    case CheckErrorKind::NoPrecommit: return "ErrNoPrecommit";
    case CheckErrorKind::CommitWaitFailed: return "ErrCommitWaitFailed";
    case CheckErrorKind::Untyped: return "untyped";
  }
  return "untyped";
}

namespace {

CheckError error(CheckErrorKind kind, std::string message) { return CheckError{kind, std::move(message)}; }

// The zero-piece commitment a filler of this size must carry; nullopt for a size that is no
// valid piece size (a corrupt record: reported as an invalid piece, not thrown).
std::optional<Node32> zero_commitment_for(PaddedPieceSize size) {
  try {
    return zero_piece_commitment(size);
  } catch (const ModelError&) {
    return std::nullopt;
  }
}

std::string piece_cid_string(const PieceInfo& piece) {
  return commitment_to_cid(CommitmentKind::Unsealed, piece.commitment).to_string();
}

}  // namespace

CheckResult check_pieces(SealingChainApi& api, ActorId miner, const SectorInfo& info) {
  const Result<ChainHead> head = api.chain_head();
  if (!head) {
    return error(CheckErrorKind::Api, "getting chain head: " + head.error());
  }
  const std::string sector = std::to_string(info.sector_number);
  const std::string count = std::to_string(info.pieces.size());
  for (std::size_t i = 0; i < info.pieces.size(); ++i) {
    const Piece& piece = info.pieces[i];
    const std::string index = std::to_string(i);
    if (!piece.deal) {
      const std::optional<Node32> zero = zero_commitment_for(piece.piece.size);
      if (!zero || *zero != piece.piece.commitment) {
        return error(CheckErrorKind::InvalidPiece,
                     "sector " + sector + " piece " + index + " had non-zero PieceCID " + piece_cid_string(piece.piece));
      }
      continue;
    }
    const std::string deal = std::to_string(piece.deal->deal_id);
    const std::string refers = "piece " + index + " (of " + count + ") of sector " + sector + " refers deal " + deal;
    const Result<DealProposal> proposal = api.state_market_storage_deal_proposal(piece.deal->deal_id, head->token);
    if (!proposal) {
      return error(CheckErrorKind::InvalidDeals, "getting deal " + deal + " for piece " + index + ": " + proposal.error());
    }
    if (proposal->provider != miner) {
      return error(CheckErrorKind::InvalidDeals, refers + " with wrong provider: t0" + std::to_string(proposal->provider) +
                                                     " != t0" + std::to_string(miner));
    }
    if (proposal->piece.commitment != piece.piece.commitment) {
      return error(CheckErrorKind::InvalidDeals,
                   refers + " with wrong PieceCID: " + piece_cid_string(piece.piece) + " != " +
                       piece_cid_string(proposal->piece));
    }
    if (proposal->piece.size != piece.piece.size) {
      return error(CheckErrorKind::InvalidDeals, refers + " with different size: " +
                                                     std::to_string(piece.piece.size.bytes()) + " != " +
                                                     std::to_string(proposal->piece.size.bytes()));
    }
    if (head->height >= proposal->start_epoch) {
      return error(CheckErrorKind::ExpiredDeals, "piece " + index + " (of " + count + ") of sector " + sector +
                                                     " refers expired deal " + deal + " - should start at " +
                                                     std::to_string(proposal->start_epoch) + ", head " +
                                                     std::to_string(head->height));
    }
  }
  return std::nullopt;
}

CheckResult check_precommit(SealingChainApi& api, ActorId miner, const SectorInfo& info,
                            const TipSetToken& tok, ChainEpoch height, const NetworkConstants& network) {
  if (CheckResult pieces = check_pieces(api, miner, info)) {
    return pieces;
  }
  const Result<Cid> comm_d = api.state_compute_data_commitment(info.sector_type, info.deal_ids(), tok);
  if (!comm_d) {
    return error(CheckErrorKind::Api, "calling StateComputeDataCommitment: " + comm_d.error());
  }
  if (!info.comm_d || *info.comm_d != *comm_d) {
    return error(CheckErrorKind::BadCommD, "on chain CommD differs from sector: " + comm_d->to_string() +
                                               " != " + (info.comm_d ? info.comm_d->to_string() : "<nil>"));
  }
  if (info.ticket_epoch < height - network.max_pre_commit_randomness_lookback) {
    // Lotus reports the seal height as TicketEpoch + SealRandomnessLookback.
    return error(CheckErrorKind::ExpiredTicket,
                 "ticket expired: seal height: " + std::to_string(info.ticket_epoch + network.seal_randomness_lookback) +
                     ", head: " + std::to_string(height));
  }
  const auto pci = api.state_sector_pre_commit_info(info.sector_number, tok);
  if (!pci) {
    // Lotus compares with the sentinel itself (err == ErrSectorAllocated), not a wrapped one.
    if (pci.error() == kErrSectorAllocated) {
      return error(CheckErrorKind::SectorNumberAllocated, pci.error());
    }
    return error(CheckErrorKind::Api, "getting precommit info: " + pci.error());
  }
  if (*pci) {
    if ((*pci)->info.seal_rand_epoch != info.ticket_epoch) {
      return error(CheckErrorKind::BadTicket, "bad ticket epoch: " + std::to_string((*pci)->info.seal_rand_epoch) +
                                                  " != " + std::to_string(info.ticket_epoch));
    }
    return error(CheckErrorKind::PrecommitOnChain, "precommit already on chain");
  }
  return std::nullopt;
}

CommitCheckResult check_commit(SealingChainApi& api, ActorId miner, const SectorInfo& info, const Bytes& proof,
                               const TipSetToken& tok, const NetworkConstants& network, ProofVerifier& verifier) {
  const auto fail = [](CheckErrorKind kind, std::string message) {
    return CommitCheckResult{error(kind, std::move(message)), std::nullopt};
  };
  if (info.seed_epoch == 0) {
    return fail(CheckErrorKind::BadSeed, "seed epoch was not set");
  }
  const auto pci = api.state_sector_pre_commit_info(info.sector_number, tok);
  if (!pci && pci.error() == kErrSectorAllocated) {
    // Not much more to check: the number is allocated but the precommit is gone, which is what a
    // landed prove-commit leaves behind; waiting for the commit message may still work.
    return fail(info.commit_message ? CheckErrorKind::CommitWaitFailed : CheckErrorKind::Untyped, pci.error());
  }
  if (!pci) {
    return fail(CheckErrorKind::Untyped, "getting precommit info: " + pci.error());
  }
  if (!pci->has_value()) {
    return fail(CheckErrorKind::NoPrecommit, "precommit info not found on-chain");
  }
  const PreCommitOnChainInfo& on_chain = **pci;
  const ChainEpoch seed_epoch = on_chain.pre_commit_epoch + network.pre_commit_challenge_delay;
  if (seed_epoch != info.seed_epoch) {
    return fail(CheckErrorKind::BadSeed, "seed epoch doesn't match on chain info: " + std::to_string(seed_epoch) +
                                             " != " + std::to_string(info.seed_epoch));
  }
  const Result<Bytes> seed = api.chain_get_randomness_from_beacon(tok, RandomnessDomain::InteractiveSealChallengeSeed,
                                                                  info.seed_epoch, miner_entropy(miner));
  if (!seed) {
    return fail(CheckErrorKind::Api, "failed to get randomness for computing seal proof: " + seed.error());
  }
  if (*seed != info.seed_value) {
    return fail(CheckErrorKind::BadSeed, "seed has changed");
  }
  // Lotus compares *si.CommR (only logging a mismatch: "on-chain sealed CID doesn't match!") and
  // passes *si.CommD to VerifySeal: with either absent the node panics.
  if (!info.comm_r || !info.comm_d) {
    return CommitCheckResult{std::nullopt,
                             CheckNodeCrash{"checkCommit: nil pointer dereference of the sector's CommR or CommD (sector " +
                                            std::to_string(info.sector_number) + ")"}};
  }
  const Result<bool> ok = verifier.verify_seal(SealVerifyInfo{SectorId{miner, info.sector_number},
                                                              on_chain.info.seal_proof, on_chain.info.sealed_cid,
                                                              *info.comm_d, proof, info.ticket_value, info.seed_value});
  if (!ok) {
    return fail(CheckErrorKind::InvalidProof, "verify seal: " + ok.error());
  }
  if (!*ok) {
    return fail(CheckErrorKind::InvalidProof, "invalid proof (compute error?)");
  }
  return CommitCheckResult{check_pieces(api, miner, info), std::nullopt};
}

Bytes miner_entropy(ActorId miner) {
  // CBOR byte string (header 0x40 | length) of the address bytes: protocol 0, then the uvarint
  // of the id. An ID address is at most 11 bytes, so the length fits the header byte.
  Bytes out;
  out.reserve(12);
  out.push_back(0x40);
  out.push_back(0x00);
  std::uint64_t id = miner;
  do {
    auto byte = static_cast<std::uint8_t>(id & 0x7f);
    id >>= 7;
    if (id != 0) {
      byte = static_cast<std::uint8_t>(byte | 0x80);
    }
    out.push_back(byte);
  } while (id != 0);
  out[0] = static_cast<std::uint8_t>(0x40 | (out.size() - 1));
  return out;
}

}  // namespace sealsim::sealing
