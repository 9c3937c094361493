// piece_committer.cpp: CommP through model/piece_commitment, and PadCommP's zero extension.
#include "sealing/market/piece_committer.hpp"

#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"

namespace sealsim::market {

sealing::Result<GeneratedCommitment> ModelPieceCommitter::generate(ByteSpan payload) {
  try {
    const PieceCommitment c = compute_piece_commitment(payload);
    return sealing::Result<GeneratedCommitment>::ok({c.commitment, c.piece_size, ""});
  } catch (const ModelError& e) {
    return sealing::Result<GeneratedCommitment>::fail(e.what());
  }
}

std::string padded_piece_cid(const Node32& commitment, PaddedPieceSize from, PaddedPieceSize to) {
  const Node32 c = from < to ? zero_pad_piece_commitment(commitment, from, to) : commitment;
  return commitment_to_cid(CommitmentKind::Unsealed, c).to_string();
}

}  // namespace sealsim::market
