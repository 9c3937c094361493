// backend_proof_verifier.cpp: SealVerifyInfo → the backend's verify_seal.
#include "sealing/storage/backend_proof_verifier.hpp"

#include <exception>

#include "model/cid.hpp"

namespace sealsim::sealing {

Result<bool> BackendProofVerifier::verify_seal(const SealVerifyInfo& info) {
  try {
    SealVerifyRequest request;
    request.proof = info.seal_proof;
    request.sector = info.sector;
    request.ticket = info.randomness;
    request.seed = info.interactive_randomness;
    request.seal_proof = info.proof;
    request.commitments =
        SectorCommitments{cid_to_commitment(CommitmentKind::Unsealed, info.unsealed_cid),
                          cid_to_commitment(CommitmentKind::Sealed, info.sealed_cid)};
    return Result<bool>::ok(backend_.verify_seal(request));
  } catch (const std::exception& error) {
    return Result<bool>::fail(error.what());
  }
}

}  // namespace sealsim::sealing
