// proof_verifier.hpp: the interface through which the miner actor checks seal proofs, aggregates
// and window PoSts. The mock verifier (mock_proof_verifier.hpp) recomputes keyed mock proofs;
// scenarios run with real proof backends plug in the vanilla-proof verifier
// (scenarios/vanilla_proof_chain.hpp).
#pragma once

#include <vector>

#include "chain-mock/address.hpp"
#include "model/bytes.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

// proof.SealVerifyInfo: everything a seal proof commits to.
struct SealVerifyInfo {
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  SectorId sector;
  Node32 ticket{};  // Randomness
  Node32 seed{};    // InteractiveRandomness
  Node32 sealed_cid{};    // raw CommR
  Node32 unsealed_cid{};  // raw CommD
  Bytes proof;
};

struct AggregateSealVerifyInfo {
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  std::vector<SealVerifyInfo> infos;  // sorted by sector number; their proof fields are unused
  Bytes aggregate_proof;
};

struct WindowPoStVerifyInfo {
  ActorId miner = 0;
  std::vector<SectorNumber> sectors;
  Node32 randomness{};
  Bytes proof;
};

class ProofVerifier {
 public:
  virtual ~ProofVerifier() = default;
  virtual bool verify_seal(const SealVerifyInfo& info) const = 0;
  virtual bool verify_aggregate_seals(const AggregateSealVerifyInfo& info) const = 0;
  virtual bool verify_window_post(const WindowPoStVerifyInfo& info) const = 0;
  // Whether this verifier's seal proofs stand in for Groth16 proofs with something larger (the
  // wrapped vanilla proofs of real-backend scenario runs), so prove-commit's proof size limit
  // (miner::kMaxProveCommitSize) does not apply to them.
  virtual bool lifts_proof_size_limit() const { return false; }
};

}  // namespace sealsim::chain
