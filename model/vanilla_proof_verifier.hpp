// vanilla_proof_verifier.hpp: checks Commit1 vanilla proofs against the public values of a sector
// (spec proofs.md §8.3, verify_all_partitions), plus the binding of the labeling proofs' parent
// labels to the parent columns that the circuit (§8.4) adds.
#pragma once

#include <string>

#include "model/bytes.hpp"
#include "model/poseidon_tree.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "model/vanilla_proof.hpp"

namespace sealsim {

// What the chain knows when it checks a prove-commit.
struct SealVerifyInputs {
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  Node32 prover_id{};
  SectorNumber sector = 0;
  Node32 ticket{};
  Node32 seed{};
  Node32 comm_d{};
  Node32 comm_r{};
};

struct VanillaVerification {
  bool valid = false;
  std::string reason;  // the first failed check when invalid
  explicit operator bool() const { return valid; }
};

// Checks vanilla proofs: recomputes the replica id and the challenges from the inputs, then every
// proof: tree_d path to comm_d at x, the 15 column openings in tree_c at x and its graph parents
// (leaf = column hash), tree_r_last path at x, H2(comm_c, comm_r_last) = comm_r, every labeling
// proof (label recomputed = the column's label; parent labels = the parent columns' labels) and the
// encoding R_x = D_x + key (mod r). Building one costs the Poseidon constants (~50 ms): keep it for
// many verifications. Immutable after construction, so threads may share one.
class VanillaProofVerifier {
 public:
  VanillaProofVerifier();
  VanillaVerification verify(const SealCommitPhase1Output& proofs, const SealVerifyInputs& inputs) const;
  // parse_vanilla_proofs, then verify; a parse error is an invalid proof with its message.
  VanillaVerification verify_bytes(ByteSpan bytes, const SealVerifyInputs& inputs) const;

  const PoseidonTreeHashers& tree_hashers() const { return hashers_; }
  // H_L for the column length of a proof type (2 or 11 layers); throws ModelError otherwise.
  const PoseidonHasher& column_hasher(unsigned layers) const;

 private:
  PoseidonTreeHashers hashers_;
  PoseidonHasher column2_{2};
  PoseidonHasher column11_{11};
};

// One-off forms of the above (each builds a verifier).
VanillaVerification verify_vanilla_proofs(const SealCommitPhase1Output& proofs,
                                          const SealVerifyInputs& inputs);
VanillaVerification verify_vanilla_proof_bytes(ByteSpan bytes, const SealVerifyInputs& inputs);

}  // namespace sealsim
