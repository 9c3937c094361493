// vanilla_proof.hpp: the Commit1 output — vanilla PoRep proofs per partition and challenge (spec
// proofs.md §8.2) with the public values they were made for — and its deterministic byte format.
//
// Byte format (version 1). Integers little-endian; Node32 = 32 raw bytes; every count is checked
// against the proof type on parsing and again by the verifier, and parsing rejects trailing bytes,
// so no byte of a valid encoding is free:
//
//   file        = magic "SSVP" ‖ u8 version (1) ‖ i64 registered proof id ‖ prover_id ‖
//                 u64 sector number ‖ ticket ‖ seed ‖ comm_d ‖ comm_r ‖ replica_id ‖
//                 u32 partition count ‖ partition*
//   partition   = u32 challenge count ‖ challenge*
//   challenge   = u64 challenge node ‖ inclusion(tree_d) ‖ column(x) ‖ column(drg parent)×6 ‖
//                 column(expander parent)×8 ‖ inclusion(tree_r_last) ‖ u32 L ‖ labeling×L ‖
//                 labeling(encoding)
//   column      = u32 L ‖ Node32 label×L (layer 1 first) ‖ inclusion(tree_c)
//   inclusion   = leaf ‖ root ‖ u8 level count ‖ level*
//   level       = u8 arity ‖ u8 index ‖ Node32 sibling×(arity − 1)
//   labeling    = u32 layer ‖ u64 node ‖ u8 parent count ‖ Node32 parent×count
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/bytes.hpp"
#include "model/labeling_proof.hpp"
#include "model/merkle_inclusion_proof.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sdr_graph.hpp"
#include "model/sector_id.hpp"

namespace sealsim {

// One column of labels (layer 1..L) with its tree_c inclusion proof (leaf = the column hash).
struct ColumnProof {
  std::vector<Node32> labels;
  MerkleInclusionProof tree_c_proof;
  friend bool operator==(const ColumnProof&, const ColumnProof&) = default;
};

// The vanilla proof of one challenged node x (§8.2).
struct ChallengeProof {
  std::uint64_t challenge = 0;
  MerkleInclusionProof comm_d_proof;  // tree_d, leaf D_x
  ColumnProof column;                 // c_x
  std::array<ColumnProof, SdrGraph::kBaseDegree> drg_parents;
  std::array<ColumnProof, SdrGraph::kExpansionDegree> exp_parents;
  MerkleInclusionProof comm_r_last_proof;  // tree_r_last, leaf R_x
  std::vector<LabelingProof> labeling_proofs;  // layer 1..L
  LabelingProof encoding_proof;                // same content as the layer-L labeling proof
  friend bool operator==(const ChallengeProof&, const ChallengeProof&) = default;
};

// SealCommitPhase1Output: public values and proofs. (sealsim's own format, not the FFI's JSON.)
struct SealCommitPhase1Output {
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  Node32 prover_id{};
  SectorNumber sector = 0;
  Node32 ticket{};
  Node32 seed{};
  Node32 comm_d{};
  Node32 comm_r{};
  Node32 replica_id{};
  std::vector<std::vector<ChallengeProof>> partitions;
  friend bool operator==(const SealCommitPhase1Output&, const SealCommitPhase1Output&) = default;
};

inline constexpr std::uint8_t kVanillaProofFormatVersion = 1;

Bytes serialize_vanilla_proofs(const SealCommitPhase1Output& output);
// Throws ModelError naming the byte offset and what was expected (bad magic or version, unknown
// proof type, a count that does not match the proof type, truncation, trailing bytes).
SealCommitPhase1Output parse_vanilla_proofs(ByteSpan bytes);

}  // namespace sealsim
