// cpu_proof_backend.hpp: the `cpu` proof backend: the real sealing computations of the model
// (fr32 AddPiece and CommP, tree_d and CommD, SDR labels, PreCommit2 trees and CommR, Commit1
// vanilla proofs and their verification; spec proofs.md §1-§8) behind the ProofBackend interface.
//
// C2 makes no Groth16 proof (spec §8.6: parameters of tens of GB, out of scope): it returns the
// vanilla proofs wrapped as the "proof" (kVanillaC2Magic ‖ the Commit1 bytes), and verify_seal
// checks those vanilla proofs (§8.3) against the sector's public values. describe_c2_proof()
// says so in words for traces.
//
// Sector state (padded data, labels, trees, replica) is kept in memory per sector from AddPiece to
// Commit1: data, labels, replica and parent cache, about 5.75 × the sector size for 2-layer proofs
// (3 GiB for 512 MiB). 32 GiB and 64 GiB sectors would need about 500 GiB and 1 TiB of memory and
// hours of CPU, so they are refused unless allow_large_sectors is set.
//
// The hashing kernels (AddPiece commitment, tree_d, PreCommit2) are pluggable
// (sealing_kernels.hpp): with gpu/'s kernels this class is the `cuda` backend
// (cuda_proof_backend.hpp), same bytes, everything else shared.
//
// Not thread-safe: one caller at a time (the sector manager's task completions).
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "model/cached_merkle_tree.hpp"
#include "model/parent_cache.hpp"
#include "model/sdr_labels.hpp"
#include "model/sdr_replica.hpp"
#include "model/vanilla_proof.hpp"
#include "model/vanilla_proof_verifier.hpp"
#include "sealing/storage/proof_backend.hpp"
#include "sealing/storage/sealing_kernels.hpp"

namespace sealsim::sealing {

inline constexpr std::array<std::uint8_t, 8> kVanillaC2Magic = {'S', 'S', 'C', '2', 'V', 'A', 'N', '1'};

class CpuProofBackend final : public ProofBackend {
 public:
  explicit CpuProofBackend(const ProofBackendOptions& options = {});
  // name() is kernels->backend_name().
  CpuProofBackend(const ProofBackendOptions& options, std::unique_ptr<SealingKernels> kernels);
  ~CpuProofBackend() override;  // SectorState is complete only in the .cpp
  CpuProofBackend(const CpuProofBackend&) = delete;
  CpuProofBackend& operator=(const CpuProofBackend&) = delete;

  std::string_view name() const override { return name_; }
  PieceInfo add_piece(const ProofSectorRef& sector, std::span<const UnpaddedPieceSize> existing,
                      UnpaddedPieceSize size, ByteSpan data) override;
  // Refused: real proofs need the piece bytes.
  PieceInfo add_piece_without_data(const ProofSectorRef& sector,
                                   std::span<const UnpaddedPieceSize> existing,
                                   UnpaddedPieceSize size, const Node32& commitment) override;
  Bytes seal_pre_commit1(const ProofSectorRef& sector, ByteSpan ticket,
                         std::span<const PieceInfo> pieces) override;
  SectorCommitments seal_pre_commit2(const ProofSectorRef& sector, ByteSpan pc1_output) override;
  Bytes seal_commit1(const ProofSectorRef& sector, ByteSpan ticket, ByteSpan seed,
                     std::span<const PieceInfo> pieces,
                     const SectorCommitments& commitments) override;
  Bytes seal_commit2(const ProofSectorRef& sector, ByteSpan c1_output) override;
  bool verify_seal(const SealVerifyRequest& info) override;

  // Why the last verify_seal returned false (empty after a success).
  const std::string& last_verify_failure() const { return last_verify_failure_; }
  // The sealed replica after PreCommit2 (for writing the sealed file), or nullptr.
  const SealedReplica* sealed_replica(const SectorId& sector) const;
  // The fr32-padded unsealed sector after PreCommit1, or nullptr.
  const Bytes* padded_sector(const SectorId& sector) const;
  // Drops everything kept for the sector (Lotus: remove / finalize after the proof).
  void remove(const SectorId& sector);

  static std::string describe_c2_proof();

 private:
  struct SectorState;
  SectorState& existing_sector(const SectorId& sector, const char* call);
  const ParentCache& parent_cache(RegisteredSealProof proof);
  void check_supported(RegisteredSealProof proof) const;
  // Built on first use; its Poseidon hashers also serve PreCommit2 and Commit1.
  const VanillaProofVerifier& verifier();

  // Runs a kernel; a GPU failure (GpuError and other runtime errors that are not ModelError)
  // becomes a ProofBackendError naming the backend and the call.
  template <class F>
  auto kernel_call(const char* call, F&& kernel) -> decltype(kernel());

  ProofBackendOptions options_;
  std::unique_ptr<SealingKernels> kernels_;
  std::string name_;
  std::map<RegisteredSealProof, std::unique_ptr<ParentCache>> parent_caches_;
  std::map<SectorId, std::unique_ptr<SectorState>> sectors_;
  std::unique_ptr<VanillaProofVerifier> verifier_;
  std::string last_verify_failure_;
};

// Why the cpu backend refuses sectors of `proof` (32 GiB and 64 GiB without allow_large_sectors:
// memory and hours), or nullopt.
std::optional<std::string> cpu_sector_size_refusal(RegisteredSealProof proof, const ProofBackendOptions& options);

// The backends that compute real proofs: "cpu", or "cuda" (this class with gpu/'s kernels).
// ProofBackendError for another name, or "proof backend 'cuda' is not available: <why>" where
// cuda cannot run (proof_backend_unavailable_reason).
std::unique_ptr<CpuProofBackend> make_real_proof_backend(std::string_view name, const ProofBackendOptions& options);

// The vanilla proof bytes inside a cpu C2 "proof"; throws ProofBackendError if it is not one.
ByteSpan unwrap_vanilla_c2_proof(ByteSpan proof);

}  // namespace sealsim::sealing
