// piece_committer.hpp: computing the piece commitment of received data (go-fil-markets
// GeneratePieceCommitment): VerifyData's CommP. ModelPieceCommitter uses model/piece_commitment;
// the interface lets tests make it fail.
#pragma once

#include <string>

#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

struct GeneratedCommitment {
  Node32 commitment;
  PaddedPieceSize piece_size;  // padded size of the smallest piece holding the payload
  std::string metadata_path;   // block-location metadata (universal retrieval); "" when none
};

class PieceCommitter {
 public:
  virtual ~PieceCommitter() = default;
  virtual sealing::Result<GeneratedCommitment> generate(ByteSpan payload) = 0;
};

class ModelPieceCommitter final : public PieceCommitter {
 public:
  sealing::Result<GeneratedCommitment> generate(ByteSpan payload) override;
};

// CID string of CommP `commitment` of a `from`-sized piece zero-extended to `to` (PadCommP); the
// commitment unchanged when from >= to.
std::string padded_piece_cid(const Node32& commitment, PaddedPieceSize from, PaddedPieceSize to);

}  // namespace sealsim::market
