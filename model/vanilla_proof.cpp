// vanilla_proof.cpp: the byte format of Commit1 output (documented in vanilla_proof.hpp).
#include "model/vanilla_proof.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "model/model_error.hpp"

namespace sealsim {
namespace {

constexpr std::array<std::uint8_t, 4> kMagic = {'S', 'S', 'V', 'P'};
// Generous bounds so a corrupted count fails fast instead of allocating.
constexpr unsigned kMaxPathLevels = 64;
constexpr unsigned kMaxLayers = 64;

class Writer {
 public:
  void bytes(ByteSpan data) { out_.insert(out_.end(), data.begin(), data.end()); }
  void node(const Node32& n) { bytes(as_span(n)); }
  template <typename T>
  void integer(T value) {
    const auto raw = static_cast<std::uint64_t>(value);
    for (std::size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<std::uint8_t>(raw >> (8 * i)));
  }
  Bytes take() { return std::move(out_); }

 private:
  Bytes out_;
};

class Reader {
 public:
  explicit Reader(ByteSpan data) : data_(data) {}
  ByteSpan bytes(std::size_t count, const char* what) {
    if (data_.size() - offset_ < count) {
      fail(std::string("truncated: expected ") + std::to_string(count) + " bytes of " + what);
    }
    const ByteSpan out = data_.subspan(offset_, count);
    offset_ += count;
    return out;
  }
  Node32 node(const char* what) {
    Node32 n{};
    const ByteSpan raw = bytes(32, what);
    std::copy(raw.begin(), raw.end(), n.begin());
    return n;
  }
  template <typename T>
  T integer(const char* what) {
    const ByteSpan raw = bytes(sizeof(T), what);
    std::uint64_t value = 0;
    for (std::size_t i = sizeof(T); i-- > 0;) value = (value << 8) | raw[i];
    return static_cast<T>(value);
  }
  // Reads an integer that must equal `expected`.
  template <typename T>
  void expect(T expected, const char* what) {
    const std::size_t at = offset_;
    const T value = integer<T>(what);
    if (value != expected) {
      offset_ = at;
      fail(std::string(what) + " is " + std::to_string(value) + ", expected " + std::to_string(expected));
    }
  }
  bool at_end() const { return offset_ == data_.size(); }
  [[noreturn]] void fail(const std::string& message) const {
    throw ModelError("vanilla proof bytes, offset " + std::to_string(offset_) + ": " + message);
  }

 private:
  ByteSpan data_;
  std::size_t offset_ = 0;
};

void write_inclusion(Writer& w, const MerkleInclusionProof& proof) {
  w.node(proof.leaf);
  w.node(proof.root);
  w.integer(static_cast<std::uint8_t>(proof.path.size()));
  for (const MerklePathLevel& level : proof.path) {
    w.integer(static_cast<std::uint8_t>(level.arity()));
    w.integer(static_cast<std::uint8_t>(level.index));
    for (const Node32& sibling : level.siblings) w.node(sibling);
  }
}

MerkleInclusionProof read_inclusion(Reader& r) {
  MerkleInclusionProof proof;
  proof.leaf = r.node("merkle leaf");
  proof.root = r.node("merkle root");
  const unsigned levels = r.integer<std::uint8_t>("merkle level count");
  if (levels == 0 || levels > kMaxPathLevels) r.fail("merkle level count " + std::to_string(levels));
  for (unsigned l = 0; l < levels; ++l) {
    MerklePathLevel level;
    const unsigned arity = r.integer<std::uint8_t>("merkle level arity");
    if (arity != 2 && arity != 8) r.fail("merkle arity " + std::to_string(arity) + " (expected 2 or 8)");
    level.index = r.integer<std::uint8_t>("merkle level index");
    if (level.index >= arity) {
      r.fail("merkle index " + std::to_string(level.index) + " for arity " + std::to_string(arity));
    }
    for (unsigned s = 0; s + 1 < arity; ++s) level.siblings.push_back(r.node("merkle sibling"));
    proof.path.push_back(std::move(level));
  }
  return proof;
}

void write_column(Writer& w, const ColumnProof& column) {
  w.integer(static_cast<std::uint32_t>(column.labels.size()));
  for (const Node32& label : column.labels) w.node(label);
  write_inclusion(w, column.tree_c_proof);
}

ColumnProof read_column(Reader& r, unsigned layers) {
  ColumnProof column;
  r.expect<std::uint32_t>(layers, "column length");
  for (unsigned l = 0; l < layers; ++l) column.labels.push_back(r.node("column label"));
  column.tree_c_proof = read_inclusion(r);
  return column;
}

void write_labeling(Writer& w, const LabelingProof& proof) {
  w.integer(proof.layer);
  w.integer(proof.node);
  w.integer(static_cast<std::uint8_t>(proof.parents.size()));
  for (const Node32& parent : proof.parents) w.node(parent);
}

LabelingProof read_labeling(Reader& r) {
  LabelingProof proof;
  proof.layer = r.integer<std::uint32_t>("labeling layer");
  proof.node = r.integer<std::uint64_t>("labeling node");
  const unsigned count = r.integer<std::uint8_t>("labeling parent count");
  if (count != 0 && count != kLabelParentRepeats) {
    r.fail("labeling parent count " + std::to_string(count) + " (expected 0 or 37)");
  }
  for (unsigned i = 0; i < count; ++i) proof.parents.push_back(r.node("labeling parent"));
  return proof;
}

}  // namespace

Bytes serialize_vanilla_proofs(const SealCommitPhase1Output& output) {
  Writer w;
  w.bytes(kMagic);
  w.integer(kVanillaProofFormatVersion);
  w.integer(static_cast<std::int64_t>(output.proof));
  w.node(output.prover_id);
  w.integer(output.sector);
  w.node(output.ticket);
  w.node(output.seed);
  w.node(output.comm_d);
  w.node(output.comm_r);
  w.node(output.replica_id);
  w.integer(static_cast<std::uint32_t>(output.partitions.size()));
  for (const auto& partition : output.partitions) {
    w.integer(static_cast<std::uint32_t>(partition.size()));
    for (const ChallengeProof& c : partition) {
      w.integer(c.challenge);
      write_inclusion(w, c.comm_d_proof);
      write_column(w, c.column);
      for (const ColumnProof& column : c.drg_parents) write_column(w, column);
      for (const ColumnProof& column : c.exp_parents) write_column(w, column);
      write_inclusion(w, c.comm_r_last_proof);
      w.integer(static_cast<std::uint32_t>(c.labeling_proofs.size()));
      for (const LabelingProof& labeling : c.labeling_proofs) write_labeling(w, labeling);
      write_labeling(w, c.encoding_proof);
    }
  }
  return w.take();
}

SealCommitPhase1Output parse_vanilla_proofs(ByteSpan bytes) {
  Reader r(bytes);
  const ByteSpan magic = r.bytes(kMagic.size(), "magic");
  if (!std::equal(magic.begin(), magic.end(), kMagic.begin())) r.fail("not a sealsim vanilla proof (magic)");
  r.expect<std::uint8_t>(kVanillaProofFormatVersion, "format version");
  SealCommitPhase1Output out;
  const auto id = r.integer<std::int64_t>("registered proof id");
  const auto proof = seal_proof_from_id(id);
  if (!proof) r.fail("unknown registered seal proof id " + std::to_string(id));
  out.proof = *proof;
  const SealProofInfo& info = seal_proof_info(out.proof);
  if (info.layers > kMaxLayers) r.fail("proof type with too many layers");
  out.prover_id = r.node("prover id");
  out.sector = r.integer<std::uint64_t>("sector number");
  out.ticket = r.node("ticket");
  out.seed = r.node("seed");
  out.comm_d = r.node("comm_d");
  out.comm_r = r.node("comm_r");
  out.replica_id = r.node("replica id");
  r.expect<std::uint32_t>(info.partitions, "partition count");
  for (unsigned k = 0; k < info.partitions; ++k) {
    r.expect<std::uint32_t>(info.challenges_per_partition, "challenge count");
    std::vector<ChallengeProof> partition;
    for (unsigned i = 0; i < info.challenges_per_partition; ++i) {
      ChallengeProof c;
      c.challenge = r.integer<std::uint64_t>("challenge");
      c.comm_d_proof = read_inclusion(r);
      c.column = read_column(r, info.layers);
      for (ColumnProof& column : c.drg_parents) column = read_column(r, info.layers);
      for (ColumnProof& column : c.exp_parents) column = read_column(r, info.layers);
      c.comm_r_last_proof = read_inclusion(r);
      r.expect<std::uint32_t>(info.layers, "labeling proof count");
      for (unsigned l = 0; l < info.layers; ++l) c.labeling_proofs.push_back(read_labeling(r));
      c.encoding_proof = read_labeling(r);
      partition.push_back(std::move(c));
    }
    out.partitions.push_back(std::move(partition));
  }
  if (!r.at_end()) r.fail("trailing bytes after the last partition");
  return out;
}

}  // namespace sealsim
