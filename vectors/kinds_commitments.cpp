// kinds_commitments.cpp: vector kinds for node hashing, zero commitments and piece commitments
// (spec proofs.md §2.1-§2.3).
#include "model/cid.hpp"
#include "model/piece_commitment.hpp"
#include "model/sha256_trunc254.hpp"
#include "model/zero_commitment.hpp"
#include "vectors/byte_generator.hpp"
#include "vectors/vector_kind.hpp"

namespace sealsim::vectors {
namespace {

std::string piece_cid_text(const Node32& commitment) {
  return commitment_to_cid(CommitmentKind::Unsealed, commitment).to_string();
}

CaseOutputs run_sha256_trunc254(const JsonCursor& input) {
  CaseOutputs out;
  out.set_node("digest", sha256_trunc254(generate_bytes(input.field("data"))));
  return out;
}

CaseOutputs run_node_pair(const JsonCursor& input) {
  CaseOutputs out;
  out.set_node("node", hash_node_pair(input.field("left").node(), input.field("right").node()));
  return out;
}

// Z[level]; from 128 bytes up also the zero piece commitment, which must agree.
CaseOutputs run_zero_commitment(const JsonCursor& input) {
  std::uint64_t level = input.field("level").u64();
  if (level > 58) input.field("level").fail("a level 0..58");
  Node32 commitment = zero_commitment(static_cast<unsigned>(level));
  CaseOutputs out;
  out.set_node("commitment", commitment);
  if (level >= 2) {
    out.set("pieceCid", piece_cid_text(commitment));
    Node32 piece = zero_piece_commitment(PaddedPieceSize(std::uint64_t{32} << level));
    if (piece != commitment) {
      out.add_failure("zero_piece_commitment(" + std::to_string(std::uint64_t{32} << level) +
                      ") = " + to_hex(as_span(piece)) + " differs from zero_commitment(" +
                      std::to_string(level) + ")");
    }
  }
  return out;
}

// CommP of a payload; large payloads are also hashed with several threads, which must agree.
CaseOutputs run_commp(const JsonCursor& input) {
  Bytes payload = generate_bytes(input.field("payload"));
  std::optional<PaddedPieceSize> piece_size;
  if (auto size = input.optional_field("pieceSize")) piece_size = PaddedPieceSize(size->u64());
  PieceCommitment commp = compute_piece_commitment(payload, piece_size);
  CaseOutputs out;
  out.set("pieceCid", piece_cid_text(commp.commitment));
  out.set_node("commP", commp.commitment);
  out.set_u64("paddedSize", commp.piece_size.bytes());
  out.set_u64("payloadSize", commp.payload_bytes);
  if (commp.payload_bytes != payload.size()) {
    out.add_failure("payload_bytes " + std::to_string(commp.payload_bytes) +
                    " but the payload has " + std::to_string(payload.size()) + " bytes");
  }
  constexpr std::size_t kMultiThreadCheckBytes = 1 << 20;
  if (payload.size() >= kMultiThreadCheckBytes) {
    PieceCommitment parallel = compute_piece_commitment(payload, piece_size, 4);
    if (parallel.commitment != commp.commitment) {
      out.add_failure("4 threads give " + to_hex(as_span(parallel.commitment)) + ", 1 thread " +
                      to_hex(as_span(commp.commitment)));
    }
  }
  return out;
}

CaseOutputs run_padded_tree_root(const JsonCursor& input) {
  Node32 root = padded_tree_root(generate_bytes(input.field("padded")));
  CaseOutputs out;
  out.set_node("root", root);
  out.set("pieceCid", piece_cid_text(root));
  return out;
}

CaseOutputs run_zero_pad_commp(const JsonCursor& input) {
  Node32 commitment =
      parse_commitment_cid(CommitmentKind::Unsealed, input.field("pieceCid").string());
  Node32 padded =
      zero_pad_piece_commitment(commitment, PaddedPieceSize(input.field("fromPadded").u64()),
                                PaddedPieceSize(input.field("toPadded").u64()));
  CaseOutputs out;
  out.set("pieceCid", piece_cid_text(padded));
  out.set_node("commP", padded);
  return out;
}

}  // namespace

std::vector<KindSpec> commitment_kinds() {
  using F = FieldType;
  return {
      {"sha256-trunc254",
       {{"data", F::Bytes, true}},
       {{"digest", F::Node, true}},
       {},
       run_sha256_trunc254},
      {"node-pair",
       {{"left", F::Node, true}, {"right", F::Node, true}},
       {{"node", F::Node, true}},
       {},
       run_node_pair},
      {"zero-commitment",
       {{"level", F::U64, true}},
       {{"commitment", F::Node, true}, {"pieceCid", F::String, false}},
       {},
       run_zero_commitment},
      {"commp",
       {{"payload", F::Bytes, true}, {"pieceSize", F::U64, false}},
       {{"pieceCid", F::String, true},
        {"commP", F::Node, false},
        {"paddedSize", F::U64, false},
        {"payloadSize", F::U64, false}},
       {},
       run_commp},
      {"padded-tree-root",
       {{"padded", F::Bytes, true}},
       {{"root", F::Node, false}, {"pieceCid", F::String, false}},
       {},
       run_padded_tree_root},
      {"zero-pad-commp",
       {{"pieceCid", F::String, true}, {"fromPadded", F::U64, true}, {"toPadded", F::U64, true}},
       {{"pieceCid", F::String, false}, {"commP", F::Node, false}},
       {},
       run_zero_pad_commp},
  };
}

}  // namespace sealsim::vectors
