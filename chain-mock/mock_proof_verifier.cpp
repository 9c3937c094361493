// mock_proof_verifier.cpp: the byte arithmetic of Lotus's mock seal proofs.
#include "chain-mock/mock_proof_verifier.hpp"

#include <algorithm>

#include "chain-mock/randomness.hpp"
#include "model/cid.hpp"

namespace sealsim::chain {
namespace {

// First 32 bytes of a mock seal proof: U[i] + S[31−i] − seed[i]·ticket[i] (mod 256).
Node32 seal_proof_head(const SealVerifyInfo& info) {
  Bytes u = commitment_to_cid(CommitmentKind::Unsealed, info.unsealed_cid).to_bytes();
  Bytes s = commitment_to_cid(CommitmentKind::Sealed, info.sealed_cid).to_bytes();
  Node32 out{};
  for (std::size_t i = 0; i < 32; ++i) {
    out[i] = static_cast<std::uint8_t>(u[i] + s[31 - i] - info.seed[i] * info.ticket[i]);
  }
  return out;
}

}  // namespace

std::size_t mock_aggregate_proof_size(std::size_t proof_count) {
  if (proof_count == 0) return 0;
  std::size_t size = 11220;
  for (std::size_t limit = 8; limit < 8192; limit *= 2) {
    if (proof_count <= limit) return size;
    size += 2976;
  }
  return proof_count <= 8192 ? size : 0;
}

Bytes MockProofVerifier::make_seal_proof(const SealVerifyInfo& info) const {
  Bytes proof(seal_proof_info(info.seal_proof).groth16_proof_bytes, 0);
  Node32 head = seal_proof_head(info);
  std::copy(head.begin(), head.end(), proof.begin());
  if (binding_ == MockProofBinding::SectorBound) {
    for (std::size_t i = 0; i < 8; ++i) proof[32 + i] = static_cast<std::uint8_t>(info.sector.number >> (8 * i));
  }
  return proof;
}

bool MockProofVerifier::verify_seal(const SealVerifyInfo& info) const {
  return info.proof == make_seal_proof(info);
}

Bytes MockProofVerifier::make_aggregate_proof(const AggregateSealVerifyInfo& info) const {
  Bytes proof(mock_aggregate_proof_size(info.infos.size()), 0);
  if (proof.empty()) return proof;
  for (std::size_t k = 0; k < info.infos.size(); ++k) {
    Node32 head = seal_proof_head(info.infos[k]);
    for (std::size_t i = 0; i < 32; ++i) proof[i] = static_cast<std::uint8_t>(proof[i] + head[i] * k);
  }
  return proof;
}

bool MockProofVerifier::verify_aggregate_seals(const AggregateSealVerifyInfo& info) const {
  if (info.infos.empty()) return false;
  return info.aggregate_proof == make_aggregate_proof(info);
}

Bytes MockProofVerifier::make_window_post_proof(const WindowPoStVerifyInfo& info) {
  Bytes data(info.randomness.begin(), info.randomness.end());
  for (SectorNumber n : info.sectors) {
    for (std::size_t i = 0; i < 8; ++i) data.push_back(static_cast<std::uint8_t>(n >> (8 * i)));
  }
  Node32 digest = sha256(data);
  return Bytes(digest.begin(), digest.end());
}

bool MockProofVerifier::verify_window_post(const WindowPoStVerifyInfo& info) const {
  return info.proof == make_window_post_proof(info);
}

}  // namespace sealsim::chain
