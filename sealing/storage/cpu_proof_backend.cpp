// cpu_proof_backend.cpp: the real proof path behind the ProofBackend interface.
#include "sealing/storage/cpu_proof_backend.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "model/fr32.hpp"
#include "model/model_error.hpp"
#include "model/replica_id.hpp"
#include "model/seal_commit_phase1.hpp"
#include "model/unsealed_commitment.hpp"

namespace sealsim::sealing {

struct CpuProofBackend::SectorState {
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  Bytes padded;                  // the unsealed sector, fr32-padded, zero where no piece is
  std::uint64_t padded_filled = 0;
  // PreCommit1
  Node32 ticket{};
  Node32 comm_d{};
  Node32 replica_id{};
  std::unique_ptr<LabelLayers> labels;
  std::unique_ptr<CachedMerkleTree> tree_d;
  // PreCommit2
  std::unique_ptr<SealedReplica> sealed;
};

namespace {

constexpr std::array<std::uint8_t, 8> kPc1Magic = {'S', 'S', 'P', 'C', '1', 'C', 'P', 'U'};

Node32 randomness(ByteSpan bytes, const char* what) {
  if (bytes.size() != 32) {
    throw ProofBackendError(std::string("cpu: ") + what + " must be 32 bytes, got " +
                            std::to_string(bytes.size()));
  }
  Node32 out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

std::string sector_name(const SectorId& id) { return sector_file_name(id); }

}  // namespace

template <class F>
auto CpuProofBackend::kernel_call(const char* call, F&& kernel) -> decltype(kernel()) {
  try {
    return kernel();
  } catch (const ModelError&) {
    throw;  // bad input: the callers word it
  } catch (const ProofBackendError&) {
    throw;
  } catch (const std::runtime_error& error) {
    throw ProofBackendError(name_ + " " + call + ": " + error.what());
  }
}

CpuProofBackend::CpuProofBackend(const ProofBackendOptions& options)
    : CpuProofBackend(options, make_cpu_sealing_kernels()) {}

CpuProofBackend::CpuProofBackend(const ProofBackendOptions& options, std::unique_ptr<SealingKernels> kernels)
    : options_(options), kernels_(std::move(kernels)), name_(kernels_->backend_name()) {
  options_.threads = std::max(1u, options_.threads);
}

CpuProofBackend::~CpuProofBackend() = default;

std::string CpuProofBackend::describe_c2_proof() {
  return "cpu backend: no Groth16 proof (C2 is out of scope); the 'proof' is the Commit1 vanilla "
         "proofs wrapped, and verification checks them";
}

std::optional<std::string> cpu_sector_size_refusal(RegisteredSealProof proof, const ProofBackendOptions& options) {
  const SealProofInfo& info = seal_proof_info(proof);
  if (info.layers <= 2 || options.allow_large_sectors) return std::nullopt;
  // Data, every label layer and the replica (32 bytes a node each) plus the 56-byte parent cache
  // entries, all in memory.
  const std::uint64_t bytes = info.nodes() * (32 * (info.layers + 2) + ParentCache::kEntryBytes);
  return "cpu: " + std::string(info.name) + " (" + std::string(info.size_label) +
         ") is refused: sealing it on the CPU keeps data, " + std::to_string(info.layers) +
         " label layers, replica and parent cache in memory (about " + std::to_string(bytes >> 30) +
         " GiB) and takes hours; set allow_large_sectors (--allow-large) to try anyway";
}

void CpuProofBackend::check_supported(RegisteredSealProof proof) const {
  if (const auto refusal = cpu_sector_size_refusal(proof, options_)) throw ProofBackendError(*refusal);
}

const VanillaProofVerifier& CpuProofBackend::verifier() {
  if (!verifier_) verifier_ = std::make_unique<VanillaProofVerifier>();
  return *verifier_;
}

const ParentCache& CpuProofBackend::parent_cache(RegisteredSealProof proof) {
  auto& slot = parent_caches_[proof];
  if (!slot) {
    slot = std::make_unique<ParentCache>(ParentCache::in_memory(SdrGraph(proof), options_.threads));
  }
  return *slot;
}

CpuProofBackend::SectorState& CpuProofBackend::existing_sector(const SectorId& sector, const char* call) {
  const auto found = sectors_.find(sector);
  if (found == sectors_.end()) {
    throw ProofBackendError(name_ + " " + call + ": no sector " + sector_name(sector) +
                            " (AddPiece first)");
  }
  return *found->second;
}

PieceInfo CpuProofBackend::add_piece_without_data(const ProofSectorRef&,
                                                 std::span<const UnpaddedPieceSize>,
                                                 UnpaddedPieceSize, const Node32&) {
  throw ProofBackendError(
      "the cpu proof backend computes real proofs and needs the piece bytes; a sizes-only piece "
      "(no data) can only be sealed by the mock backend");
}

PieceInfo CpuProofBackend::add_piece(const ProofSectorRef& sector,
                                     std::span<const UnpaddedPieceSize> existing,
                                     UnpaddedPieceSize size, ByteSpan data) {
  check_supported(sector.proof);
  size.validate();
  if (data.size() > size.bytes()) {
    throw ProofBackendError(name_ + " AddPiece: piece data of " + std::to_string(data.size()) +
                            " bytes exceeds the piece size " + std::to_string(size.bytes()));
  }
  const SealProofInfo& info = seal_proof_info(sector.proof);
  std::uint64_t offset = 0;
  for (const UnpaddedPieceSize& piece : existing) offset += piece.padded().bytes();
  const std::uint64_t padded_size = size.padded().bytes();
  if (offset + padded_size > info.sector_size) {
    throw ProofBackendError(name_ + " AddPiece: a piece of " + std::to_string(padded_size) +
                            " padded bytes at offset " + std::to_string(offset) +
                            " does not fit the " + std::string(info.size_label) + " sector");
  }
  auto& slot = sectors_[sector.id];
  if (!slot) {
    slot = std::make_unique<SectorState>();
    slot->proof = sector.proof;
    slot->padded.assign(info.sector_size, 0);
  }
  SectorState& state = *slot;
  if (state.labels) throw ProofBackendError(name_ + " AddPiece: sector " + sector_name(sector.id) + " is already sealed");
  Bytes unpadded(size.bytes(), 0);
  std::copy(data.begin(), data.end(), unpadded.begin());
  const Bytes padded = fr32::pad(unpadded);
  std::copy(padded.begin(), padded.end(), state.padded.begin() + static_cast<std::ptrdiff_t>(offset));
  // Bytes past the piece (a previous attempt's) are cleared: the sector holds exactly its pieces.
  std::fill(state.padded.begin() + static_cast<std::ptrdiff_t>(offset + padded_size), state.padded.end(), 0);
  state.padded_filled = offset + padded_size;
  return PieceInfo{size.padded(), kernel_call("AddPiece", [&] { return kernels_->piece_commitment(unpadded, padded); })};
}

Bytes CpuProofBackend::seal_pre_commit1(const ProofSectorRef& sector, ByteSpan ticket,
                                        std::span<const PieceInfo> pieces) {
  check_supported(sector.proof);
  SectorState& state = existing_sector(sector.id, "SealPreCommit1");
  if (state.proof != sector.proof) {
    throw ProofBackendError(name_ + " SealPreCommit1: sector " + sector_name(sector.id) + " was started as " +
                            std::string(seal_proof_info(state.proof).name));
  }
  const SealProofInfo& info = seal_proof_info(sector.proof);
  std::uint64_t unpadded_total = 0;
  for (const PieceInfo& piece : pieces) unpadded_total += piece.size.unpadded().bytes();
  if (unpadded_total != info.unpadded_sector_size()) {
    throw ProofBackendError(name_ + " SealPreCommit1: pieces of " + std::to_string(unpadded_total) +
                            " unpadded bytes do not fill the " + std::string(info.size_label) + " sector");
  }
  try {
    state.ticket = randomness(ticket, "ticket");
    state.tree_d = std::make_unique<CachedMerkleTree>(
        kernel_call("SealPreCommit1", [&] { return kernels_->tree_d(state.padded); }));
    state.comm_d = state.tree_d->root();
    // rust PC1: "pieces and comm_d do not match".
    if (compute_comm_d(info.sector_size, pieces) != state.comm_d) {
      throw ProofBackendError(name_ + " SealPreCommit1: pieces and comm_d do not match for sector " +
                              sector_name(sector.id));
    }
    state.replica_id =
        compute_replica_id(prover_id_from_actor(sector.id.miner), sector.id.number, state.ticket,
                           state.comm_d, sector.proof);
    state.labels = std::make_unique<LabelLayers>(
        generate_labels(parent_cache(sector.proof), state.replica_id, sector.proof, options_.threads));
  } catch (const ModelError& error) {
    throw ProofBackendError(name_ + " SealPreCommit1: " + error.what());
  }
  // Sized up front: growing a vector from a std::array trips GCC 12's -Warray-bounds.
  Bytes out(kPc1Magic.size() + 64);
  std::copy(kPc1Magic.begin(), kPc1Magic.end(), out.begin());
  std::copy(state.comm_d.begin(), state.comm_d.end(), out.begin() + kPc1Magic.size());
  std::copy(state.replica_id.begin(), state.replica_id.end(), out.begin() + kPc1Magic.size() + 32);
  return out;
}

SectorCommitments CpuProofBackend::seal_pre_commit2(const ProofSectorRef& sector, ByteSpan pc1_output) {
  SectorState& state = existing_sector(sector.id, "SealPreCommit2");
  if (!state.labels || pc1_output.size() != kPc1Magic.size() + 64 ||
      !std::equal(kPc1Magic.begin(), kPc1Magic.end(), pc1_output.begin()) ||
      !std::equal(state.comm_d.begin(), state.comm_d.end(), pc1_output.begin() + kPc1Magic.size()) ||
      !std::equal(state.replica_id.begin(), state.replica_id.end(), pc1_output.begin() + kPc1Magic.size() + 32)) {
    throw ProofBackendError(name_ + " SealPreCommit2: the PreCommit1 output is not this sector's (" +
                            sector_name(sector.id) + ")");
  }
  try {
    state.sealed = std::make_unique<SealedReplica>(kernel_call("SealPreCommit2", [&] {
      return kernels_->pre_commit2(*state.labels, state.padded, sector.proof, verifier().tree_hashers());
    }));
  } catch (const ModelError& error) {
    throw ProofBackendError(name_ + " SealPreCommit2: " + error.what());
  }
  return SectorCommitments{state.comm_d, state.sealed->comm_r};
}

Bytes CpuProofBackend::seal_commit1(const ProofSectorRef& sector, ByteSpan ticket, ByteSpan seed,
                                    std::span<const PieceInfo>, const SectorCommitments& commitments) {
  SectorState& state = existing_sector(sector.id, "SealCommit1");
  if (!state.sealed) throw ProofBackendError(name_ + " SealCommit1: sector " + sector_name(sector.id) + " has no PreCommit2 result");
  if (randomness(ticket, "ticket") != state.ticket) {
    throw ProofBackendError(name_ + " SealCommit1: the ticket is not the one sector " + sector_name(sector.id) + " was sealed with");
  }
  if (commitments.unsealed != state.comm_d || commitments.sealed != state.sealed->comm_r) {
    throw ProofBackendError(name_ + " SealCommit1: CommD/CommR are not sector " + sector_name(sector.id) + "'s");
  }
  SealedSectorView view{sector.proof, prover_id_from_actor(sector.id.miner), sector.id.number, state.ticket,
                        state.comm_d, state.replica_id, &parent_cache(sector.proof), state.labels.get(),
                        state.padded, state.tree_d.get(), state.sealed.get()};
  try {
    return serialize_vanilla_proofs(seal_commit_phase1(view, randomness(seed, "seed"), verifier().tree_hashers()));
  } catch (const ModelError& error) {
    throw ProofBackendError(name_ + " SealCommit1: " + error.what());
  }
}

Bytes CpuProofBackend::seal_commit2(const ProofSectorRef& sector, ByteSpan c1_output) {
  try {
    const SealCommitPhase1Output parsed = parse_vanilla_proofs(c1_output);
    if (parsed.proof != sector.proof || parsed.sector != sector.id.number ||
        parsed.prover_id != prover_id_from_actor(sector.id.miner)) {
      throw ProofBackendError(name_ + " SealCommit2: the Commit1 output is for another sector than " +
                              sector_name(sector.id));
    }
  } catch (const ModelError& error) {
    throw ProofBackendError(name_ + " SealCommit2: not a Commit1 output: " + error.what());
  }
  Bytes out(kVanillaC2Magic.size() + c1_output.size());
  std::copy(kVanillaC2Magic.begin(), kVanillaC2Magic.end(), out.begin());
  std::copy(c1_output.begin(), c1_output.end(), out.begin() + kVanillaC2Magic.size());
  return out;
}

ByteSpan unwrap_vanilla_c2_proof(ByteSpan proof) {
  if (proof.size() < kVanillaC2Magic.size() ||
      !std::equal(kVanillaC2Magic.begin(), kVanillaC2Magic.end(), proof.begin())) {
    throw ProofBackendError("not a cpu-backend proof (vanilla proofs wrapped by C2)");
  }
  return proof.subspan(kVanillaC2Magic.size());
}

bool CpuProofBackend::verify_seal(const SealVerifyRequest& info) {
  last_verify_failure_.clear();
  try {
    const ByteSpan vanilla = unwrap_vanilla_c2_proof(info.seal_proof);
    const SealVerifyInputs inputs{info.proof, prover_id_from_actor(info.sector.miner), info.sector.number,
                                  randomness(info.ticket, "ticket"), randomness(info.seed, "seed"),
                                  info.commitments.unsealed, info.commitments.sealed};
    const VanillaVerification result = verifier().verify_bytes(vanilla, inputs);
    last_verify_failure_ = result.reason;
    return result.valid;
  } catch (const ProofBackendError& error) {
    last_verify_failure_ = error.what();
    return false;
  }
}

const SealedReplica* CpuProofBackend::sealed_replica(const SectorId& sector) const {
  const auto found = sectors_.find(sector);
  return found == sectors_.end() ? nullptr : found->second->sealed.get();
}

const Bytes* CpuProofBackend::padded_sector(const SectorId& sector) const {
  const auto found = sectors_.find(sector);
  return found == sectors_.end() ? nullptr : &found->second->padded;
}

void CpuProofBackend::remove(const SectorId& sector) { sectors_.erase(sector); }

}  // namespace sealsim::sealing
