// piece_info.hpp: a piece as the sealing pipeline sees it: its padded size and its commitment.
#pragma once

#include "model/bytes.hpp"
#include "model/piece_size.hpp"

namespace sealsim {

struct PieceInfo {
  PaddedPieceSize size;
  Node32 commitment{};  // raw CommP; the piece CID is commitment_to_cid(Unsealed, commitment)

  friend bool operator==(const PieceInfo&, const PieceInfo&) = default;
};

}  // namespace sealsim
