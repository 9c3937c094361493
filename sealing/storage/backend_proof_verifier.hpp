// backend_proof_verifier.hpp: the FSM's ProofVerifier (checkCommit's VerifySeal, spec §9.3) over
// the run's proof backend, so a proof from the mock backend verifies exactly when its ticket,
// seed and commitments match.
#pragma once

#include "sealing/sector_manager.hpp"
#include "sealing/storage/proof_backend.hpp"

namespace sealsim::sealing {

class BackendProofVerifier final : public ProofVerifier {
 public:
  explicit BackendProofVerifier(ProofBackend& backend) : backend_(backend) {}
  // An error (not a commitment CID, a backend not available in this build) is a failed call,
  // not a false verdict.
  Result<bool> verify_seal(const SealVerifyInfo& info) override;

 private:
  ProofBackend& backend_;
};

}  // namespace sealsim::sealing
