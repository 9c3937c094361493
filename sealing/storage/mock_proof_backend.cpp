// mock_proof_backend.cpp: the Lotus mock sector manager's formulas.
#include "sealing/storage/mock_proof_backend.hpp"

#include <algorithm>
#include <string>

#include "model/cid.hpp"
#include "model/piece_commitment.hpp"
#include "model/unsealed_commitment.hpp"

namespace sealsim::sealing {
namespace {

constexpr std::uint8_t kPreCommitMask = 'd';  // 0x64

void require_randomness(ByteSpan bytes, const char* what) {
  if (bytes.size() < 32) {
    throw ProofBackendError(std::string("mock: ") + what + " must be at least 32 bytes, got " +
                            std::to_string(bytes.size()));
  }
}

std::uint8_t sector_byte(const SectorId& sector) {
  return static_cast<std::uint8_t>(sector.number & 0xff);
}

}  // namespace

Node32 mock_seal_digest(const SectorCommitments& commitments, ByteSpan ticket, ByteSpan seed) {
  require_randomness(ticket, "ticket");
  require_randomness(seed, "seed");
  const Bytes unsealed = commitment_to_cid(CommitmentKind::Unsealed, commitments.unsealed).to_bytes();
  const Bytes sealed = commitment_to_cid(CommitmentKind::Sealed, commitments.sealed).to_bytes();
  Node32 digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) {
    const unsigned value = unsigned{unsealed[i]} + unsigned{sealed[31 - i]} -
                           unsigned{ticket[i]} * unsigned{seed[i]};
    digest[i] = static_cast<std::uint8_t>(value & 0xffu);
  }
  return digest;
}

MockProofBackend::SectorState& MockProofBackend::existing_sector(const SectorId& sector) {
  const auto found = sectors_.find(sector);
  if (found == sectors_.end()) {
    throw ProofBackendError("no sector with id " + std::to_string(sector.number) + " in storage");
  }
  return found->second;
}

PieceInfo MockProofBackend::add_piece(const ProofSectorRef& sector, std::span<const UnpaddedPieceSize>,
                                      UnpaddedPieceSize size, ByteSpan data) {
  size.validate();
  if (data.size() > size.bytes()) {
    throw ProofBackendError("mock: piece data of " + std::to_string(data.size()) +
                            " bytes exceeds the piece size " + std::to_string(size.bytes()));
  }
  // compute_piece_commitment needs a payload; an empty one is a zero piece of the same size.
  Bytes zero_filled;
  ByteSpan payload = data;
  if (payload.empty()) {
    zero_filled.assign(1, 0);
    payload = zero_filled;
  }
  const PieceCommitment commitment = compute_piece_commitment(payload, size.padded());
  SectorState& state = sectors_[sector.id];  // existing sizes are ignored, as in the Lotus mock
  state.piece_commitments.push_back(commitment.commitment);
  return PieceInfo{size.padded(), commitment.commitment};
}

PieceInfo MockProofBackend::add_piece_without_data(const ProofSectorRef& sector,
                                                  std::span<const UnpaddedPieceSize>,
                                                  UnpaddedPieceSize size, const Node32& commitment) {
  size.validate();
  sectors_[sector.id].piece_commitments.push_back(commitment);
  return PieceInfo{size.padded(), commitment};
}

Bytes MockProofBackend::seal_pre_commit1(const ProofSectorRef& sector, ByteSpan,
                                         std::span<const PieceInfo> pieces) {
  SectorState& state = existing_sector(sector.id);
  std::uint64_t unpadded_total = 0;
  for (const PieceInfo& piece : pieces) unpadded_total += piece.size.unpadded().bytes();
  if (unpadded_total != seal_proof_info(sector.proof).unpadded_sector_size()) {
    throw ProofBackendError("aggregated piece sizes don't match up");
  }
  if (state.stage != Stage::Packing) {
    throw ProofBackendError("cannot call pre-seal on sector not in 'packing' state");
  }
  if (state.piece_commitments.size() != pieces.size()) {
    throw ProofBackendError("mock: sector " + std::to_string(sector.id.number) + " stored " +
                            std::to_string(state.piece_commitments.size()) + " pieces, PC1 got " +
                            std::to_string(pieces.size()));
  }
  state.stage = Stage::PreCommit;
  // CommD over the stored commitments with the sizes the caller passed.
  std::vector<PieceInfo> stored;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    stored.push_back(PieceInfo{pieces[i].size, state.piece_commitments[i]});
  }
  const Node32 comm_d = generate_unsealed_commitment(sector.proof, stored);
  Bytes output(comm_d.begin(), comm_d.end());
  output[0] ^= kPreCommitMask;
  return output;
}

SectorCommitments MockProofBackend::seal_pre_commit2(const ProofSectorRef&, ByteSpan pc1_output) {
  if (pc1_output.size() != 32) {
    throw ProofBackendError("mock: PC1 output must be 32 bytes, got " +
                            std::to_string(pc1_output.size()));
  }
  SectorCommitments commitments;
  std::copy(pc1_output.begin(), pc1_output.end(), commitments.unsealed.begin());
  commitments.unsealed[0] ^= kPreCommitMask;
  std::reverse_copy(commitments.unsealed.begin(), commitments.unsealed.end(),
                    commitments.sealed.begin());
  return commitments;
}

Bytes MockProofBackend::seal_commit1(const ProofSectorRef& sector, ByteSpan ticket, ByteSpan seed,
                                     std::span<const PieceInfo>,
                                     const SectorCommitments& commitments) {
  const SectorState& state = existing_sector(sector.id);
  if (state.failed) throw ProofBackendError("[mock] cannot commit failed sector");
  if (state.stage != Stage::PreCommit) {
    throw ProofBackendError("cannot commit sector that has not been precommitted");
  }
  const Node32 digest = mock_seal_digest(commitments, ticket, seed);
  Bytes output(digest.begin(), digest.end());
  for (std::uint8_t& byte : output) byte ^= sector_byte(sector.id);
  return output;
}

Bytes MockProofBackend::seal_commit2(const ProofSectorRef& sector, ByteSpan c1_output) {
  const std::size_t proof_size = seal_proof_info(sector.proof).groth16_proof_bytes;
  if (c1_output.size() > proof_size) {
    throw ProofBackendError("mock: C1 output longer than the proof size");
  }
  Bytes proof(proof_size, 0);
  for (std::size_t i = 0; i < c1_output.size(); ++i) {
    proof[i] = static_cast<std::uint8_t>(c1_output[i] ^ sector_byte(sector.id));
  }
  return proof;
}

bool MockProofBackend::verify_seal(const SealVerifyRequest& info) {
  if (info.seal_proof.size() != seal_proof_info(info.proof).groth16_proof_bytes) return false;
  if (info.ticket.size() < 32 || info.seed.size() < 32) return false;
  const Node32 expected = mock_seal_digest(info.commitments, info.ticket, info.seed);
  return std::equal(expected.begin(), expected.end(), info.seal_proof.begin());
}

void MockProofBackend::remove(const SectorId& sector) {
  if (sectors_.erase(sector) == 0) throw ProofBackendError("sector not found");
}
void MockProofBackend::mark_failed(const SectorId& sector) { existing_sector(sector).failed = true; }
void MockProofBackend::mark_corrupted(const SectorId& sector) {
  existing_sector(sector).corrupted = true;
}
void MockProofBackend::force_stage(const SectorId& sector, Stage stage) {
  existing_sector(sector).stage = stage;
}
std::optional<MockProofBackend::Stage> MockProofBackend::stage(const SectorId& sector) const {
  const auto found = sectors_.find(sector);
  if (found == sectors_.end()) return std::nullopt;
  return found->second.stage;
}

}  // namespace sealsim::sealing
