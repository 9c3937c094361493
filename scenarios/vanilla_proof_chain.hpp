// vanilla_proof_chain.hpp: how chain-mock checks the proofs of a scenario run with real proof
// backends (`proofs: cpu`): the C2 "proof" of those backends is the Commit1 vanilla proofs wrapped
// (no Groth16, sealing/storage/cpu_proof_backend.hpp), so prove-commit verifies those vanilla
// proofs against the chain's CommD, CommR, ticket and seed (model/vanilla_proof_verifier.hpp,
// spec proofs.md §8.3). Aggregates (no SnarkPack here) are the sectors' wrapped proofs in sector
// order, each verified the same way. Window PoSt stays mock (no real PoSt in this build).
//
// The verifier lives here, not in chain-mock, because the wrapping is the sealing backend's format;
// chain-mock sees only its ProofVerifier interface.
#pragma once

#include <string>
#include <vector>

#include "chain-mock/mock_proof_verifier.hpp"
#include "chain-mock/proof_verifier.hpp"
#include "model/vanilla_proof_verifier.hpp"
#include "sealing/batcher_api.hpp"

namespace sealsim::scenarios {

// One verdict of the chain on a seal proof, for the run's trace.
struct SealProofVerdict {
  SectorNumber sector = 0;
  bool valid = false;
  std::string details;  // what was checked, or why it failed
};

class VanillaChainVerifier final : public chain::ProofVerifier {
 public:
  bool verify_seal(const chain::SealVerifyInfo& info) const override;
  bool verify_aggregate_seals(const chain::AggregateSealVerifyInfo& info) const override;
  bool verify_window_post(const chain::WindowPoStVerifyInfo& info) const override;
  // Wrapped vanilla proofs are tens of KiB (a Groth16 proof: 192 bytes; actors' limit 10240).
  bool lifts_proof_size_limit() const override { return true; }

  // The verdicts since the last call, in the order the chain asked.
  std::vector<SealProofVerdict> take_verdicts();

 private:
  bool check(const chain::SealVerifyInfo& info, ByteSpan wrapped, const char* what) const;

  VanillaProofVerifier vanilla_;
  chain::MockProofVerifier window_post_;
  mutable std::vector<SealProofVerdict> verdicts_;
};

// ffiwrapper's AggregateSealProofs for real-backend runs: the proofs one after another, each with
// its length (8 bytes, little-endian) in front, in the request's (sector number) order.
class VanillaAggregateProver final : public sealing::AggregateProver {
 public:
  sealing::Result<Bytes> aggregate_seal_proofs(const sealing::AggregateSealRequest& request,
                                               const std::vector<Bytes>& proofs) override;
};

}  // namespace sealsim::scenarios
