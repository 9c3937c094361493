// mock_proof_verifier.hpp: verification of the keyed mock proofs of Lotus's mock sector manager
// (sealing-fsm.md §15, proofs.md §9). A seal proof has the proof type's ProofSize and its first 32
// bytes are U[i] + S[31−i] − seed[i]·ticket[i] (mod 256), U and S the binary CIDs of CommD and
// CommR, so a wrong ticket, a stale seed or another sector's commitments fail. Lotus's C1/C2 xor
// the sector number in and out again, so a Lotus proof does not bind the sector number; the
// SectorBound mode additionally requires bytes 32..39 = LE64(sector number) for backends that
// choose to bind it. Aggregates: size by proof count as the real SnarkPack table, first 32 bytes
// Σ_k k·proof_k[i]. Window PoSt: SHA-256(randomness ‖ LE64 sector numbers...).
#pragma once

#include <cstdint>

#include "chain-mock/proof_verifier.hpp"

namespace sealsim::chain {

enum class MockProofBinding { LotusCompatible, SectorBound };

class MockProofVerifier final : public ProofVerifier {
 public:
  explicit MockProofVerifier(MockProofBinding binding = MockProofBinding::LotusCompatible) : binding_(binding) {}

  bool verify_seal(const SealVerifyInfo& info) const override;
  bool verify_aggregate_seals(const AggregateSealVerifyInfo& info) const override;
  bool verify_window_post(const WindowPoStVerifyInfo& info) const override;

  // The proof the verifier accepts (what a mock proof backend produces), for tests and scenarios.
  Bytes make_seal_proof(const SealVerifyInfo& info) const;
  Bytes make_aggregate_proof(const AggregateSealVerifyInfo& info) const;
  static Bytes make_window_post_proof(const WindowPoStVerifyInfo& info);

 private:
  MockProofBinding binding_;
};

// Aggregate proof length for n proofs (SnarkPack sizes used by Lotus's mock): 11220 for <= 8, +2976
// per doubling, up to 40980 for <= 8192. Returns 0 for n == 0 or n > 8192.
std::size_t mock_aggregate_proof_size(std::size_t proof_count);

}  // namespace sealsim::chain
