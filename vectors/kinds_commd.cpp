// kinds_commd.cpp: vector kinds for CommD of piece lists: the rust stack algorithm as given and
// Lotus ffiwrapper.GenerateUnsealedCID with its padding pieces (spec proofs.md §3.1-§3.2).
#include "model/cid.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/unsealed_commitment.hpp"
#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {
namespace {

// Piece CIDs are decoded with the model; a bad one is a model error the vector may expect.
std::vector<PieceInfo> read_pieces(const JsonCursor& pieces) {
  std::vector<PieceInfo> out;
  for (const JsonCursor& piece : pieces.array()) {
    PieceInfo info;
    info.size = PaddedPieceSize(piece.field("padded").u64());
    if (auto cid = piece.optional_field("pieceCid")) {
      info.commitment = parse_commitment_cid(CommitmentKind::Unsealed, cid->string());
    } else {
      info.commitment = piece.field("commitment").node();
    }
    out.push_back(info);
  }
  return out;
}

CaseOutputs commd_outputs(const Node32& commd) {
  CaseOutputs out;
  out.set_node("commD", commd);
  out.set("unsealedCid", commitment_to_cid(CommitmentKind::Unsealed, commd).to_string());
  return out;
}

CaseOutputs run_compute_comm_d(const JsonCursor& input) {
  std::vector<PieceInfo> pieces = read_pieces(input.field("pieces"));
  return commd_outputs(compute_comm_d(input.field("sectorSize").u64(), pieces));
}

CaseOutputs run_generate_unsealed_cid(const JsonCursor& input) {
  RegisteredSealProof proof = parse_seal_proof(input.field("proof").string());
  std::vector<PieceInfo> pieces = read_pieces(input.field("pieces"));
  return commd_outputs(generate_unsealed_commitment(proof, pieces));
}

}  // namespace

std::vector<KindSpec> commd_kinds() {
  using F = FieldType;
  std::vector<FieldSpec> expect = {{"commD", F::Node, false}, {"unsealedCid", F::String, false}};
  return {
      {"compute-comm-d",
       {{"sectorSize", F::U64, true}, {"pieces", F::Pieces, true}},
       expect,
       {},
       run_compute_comm_d},
      {"generate-unsealed-cid",
       {{"proof", F::String, true}, {"pieces", F::Pieces, true}},
       expect,
       {},
       run_generate_unsealed_cid},
  };
}

}  // namespace sealsim::vectors
