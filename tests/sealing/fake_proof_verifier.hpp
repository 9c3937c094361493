// fake_proof_verifier.hpp: a ProofVerifier fake: accepts every proof unless told otherwise, and
// records what it was asked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sealing/sector_manager.hpp"

namespace sealsim::sealing::test {

class FakeProofVerifier final : public ProofVerifier {
 public:
  bool accept = true;
  std::optional<std::string> error;  // verify_seal fails with this error while set
  std::vector<SealVerifyInfo> asked;

  Result<bool> verify_seal(const SealVerifyInfo& info) override {
    asked.push_back(info);
    if (error) {
      return Result<bool>::fail(*error);
    }
    return Result<bool>::ok(accept);
  }
};

}  // namespace sealsim::sealing::test
