// kinds_sizes.cpp: vector kinds for piece sizes, padreader sizes, fillers, padding pieces and
// the rust FFI's piece alignment (spec proofs.md §1.3, §3.2).
#include "model/piece_padding.hpp"
#include "model/piece_size.hpp"
#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {
namespace {

// Validates the given size (a ModelError for invalid ones) and converts it both ways.
CaseOutputs run_piece_size(const JsonCursor& input) {
  CaseOutputs out;
  if (auto unpadded_field = input.optional_field("unpadded")) {
    UnpaddedPieceSize unpadded(unpadded_field->u64());
    unpadded.validate();
    PaddedPieceSize padded = unpadded.padded();
    out.set_u64("padded", padded.bytes());
    if (!padded.is_valid() || padded.unpadded() != unpadded) {
      out.add_failure("padded size " + std::to_string(padded.bytes()) +
                      " does not validate or convert back");
    }
  } else {
    PaddedPieceSize padded(input.field("padded").u64());
    padded.validate();
    UnpaddedPieceSize unpadded = padded.unpadded();
    out.set_u64("unpadded", unpadded.bytes());
    if (!unpadded.is_valid() || unpadded.padded() != padded) {
      out.add_failure("unpadded size " + std::to_string(unpadded.bytes()) +
                      " does not validate or convert back");
    }
  }
  return out;
}

CaseOutputs run_padreader_padded_size(const JsonCursor& input) {
  CaseOutputs out;
  out.set_u64("unpadded", padded_size_for_payload(input.field("payload").u64()).bytes());
  return out;
}

CaseOutputs run_fillers(const JsonCursor& input) {
  std::vector<std::uint64_t> sizes;
  for (UnpaddedPieceSize filler :
       fillers_from_remaining(UnpaddedPieceSize(input.field("remainingUnpadded").u64()))) {
    sizes.push_back(filler.bytes());
  }
  CaseOutputs out;
  out.set_u64_array("fillersUnpadded", sizes);
  return out;
}

CaseOutputs run_piece_alignment(const JsonCursor& input) {
  PieceAlignment alignment =
      piece_alignment(input.field("writtenUnpadded").u64(), input.field("pieceUnpadded").u64());
  CaseOutputs out;
  out.set_u64("leftBytes", alignment.left_bytes);
  out.set_u64("rightBytes", alignment.right_bytes);
  return out;
}

// rust get_piece_start_byte: each piece starts after the aligned pieces before it plus its own
// left alignment.
CaseOutputs run_piece_start_bytes(const JsonCursor& input) {
  std::vector<std::uint64_t> starts;
  std::uint64_t written = 0;
  for (std::uint64_t piece : input.field("piecesUnpadded").u64_array()) {
    PieceAlignment alignment = piece_alignment(written, piece);
    starts.push_back(written + alignment.left_bytes);
    written += alignment.left_bytes + piece + alignment.right_bytes;
  }
  CaseOutputs out;
  out.set_u64_array("startBytes", starts);
  return out;
}

CaseOutputs run_required_padding(const JsonCursor& input) {
  PaddingPieces padding = required_padding(PaddedPieceSize(input.field("oldPadded").u64()),
                                           PaddedPieceSize(input.field("newPiecePadded").u64()));
  std::vector<std::uint64_t> sizes;
  for (PaddedPieceSize piece : padding.pieces) sizes.push_back(piece.bytes());
  CaseOutputs out;
  out.set_u64_array("piecesPadded", sizes);
  out.set_u64("totalPadded", padding.total.bytes());
  return out;
}

// go-fil-commcid fr32PaddedSizeToV1TreeHeight: log2(padded size) - 5.
CaseOutputs run_tree_height(const JsonCursor& input) {
  PaddedPieceSize padded(input.field("padded").u64());
  padded.validate();
  CaseOutputs out;
  out.set_u64("height", padded.log2() - 5);
  return out;
}

}  // namespace

std::vector<KindSpec> size_kinds() {
  using F = FieldType;
  return {
      {"piece-size",
       {{"unpadded", F::U64, false}, {"padded", F::U64, false}},
       {{"unpadded", F::U64, false}, {"padded", F::U64, false}},
       {"unpadded", "padded"},
       run_piece_size},
      {"padreader-padded-size",
       {{"payload", F::U64, true}},
       {{"unpadded", F::U64, true}},
       {},
       run_padreader_padded_size},
      {"fillers",
       {{"remainingUnpadded", F::U64, true}},
       {{"fillersUnpadded", F::U64Array, true}},
       {},
       run_fillers},
      {"piece-alignment",
       {{"writtenUnpadded", F::U64, true}, {"pieceUnpadded", F::U64, true}},
       {{"leftBytes", F::U64, true}, {"rightBytes", F::U64, true}},
       {},
       run_piece_alignment},
      {"piece-start-bytes",
       {{"piecesUnpadded", F::U64Array, true}},
       {{"startBytes", F::U64Array, true}},
       {},
       run_piece_start_bytes},
      {"required-padding",
       {{"oldPadded", F::U64, true}, {"newPiecePadded", F::U64, true}},
       {{"piecesPadded", F::U64Array, true}, {"totalPadded", F::U64, true}},
       {},
       run_required_padding},
      {"tree-height", {{"padded", F::U64, true}}, {{"height", F::U64, true}}, {}, run_tree_height},
  };
}

}  // namespace sealsim::vectors
