// fake_piece_committer.hpp: VerifyData's CommP: the real model computation unless the test sets
// an error, with an optional metadata path.
#pragma once

#include <optional>
#include <string>

#include "sealing/market/piece_committer.hpp"

namespace sealsim::market::test {

class FakePieceCommitter : public PieceCommitter {
 public:
  std::optional<std::string> error;
  std::string metadata_path;

  sealing::Result<GeneratedCommitment> generate(ByteSpan payload) override {
    if (error) {
      return sealing::Result<GeneratedCommitment>::fail(*error);
    }
    auto r = ModelPieceCommitter().generate(payload);
    if (!r) {
      return r;
    }
    GeneratedCommitment c = *r;
    c.metadata_path = metadata_path;
    return sealing::Result<GeneratedCommitment>::ok(c);
  }
};

}  // namespace sealsim::market::test
