// proof_backend.hpp: the proof computations behind the sector manager, one interface with the
// implementations chosen per run: "mock" (Lotus's mock sector manager: keyed, instant), "cpu" (the
// real computations) and "cuda" (the same bytes with the hashing on a GPU; refused with a reason
// where the build has no CUDA or the machine no GPU).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "model/bytes.hpp"
#include "model/piece_info.hpp"
#include "model/piece_size.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::sealing {

// Lotus storage.SectorRef (named apart from the FSM's SectorRef, which the glue converts from).
struct ProofSectorRef {
  SectorId id;
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
};

// PC2 output: raw CommD and CommR (their CIDs: commitment_to_cid).
struct SectorCommitments {
  Node32 unsealed{};
  Node32 sealed{};
  friend bool operator==(const SectorCommitments&, const SectorCommitments&) = default;
};

// Lotus proof.SealVerifyInfo: what checkCommit hands the verifier.
struct SealVerifyRequest {
  RegisteredSealProof proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  SectorId sector;
  Bytes ticket;  // Randomness
  Bytes seed;    // InteractiveRandomness
  Bytes seal_proof;
  SectorCommitments commitments;
};

class ProofBackendError : public std::runtime_error {
 public:
  explicit ProofBackendError(const std::string& message) : std::runtime_error(message) {}
};

class ProofBackend {
 public:
  virtual ~ProofBackend() = default;
  virtual std::string_view name() const = 0;

  // The piece commitment of `data` as a piece of `size` (data shorter than size is zero-filled).
  virtual PieceInfo add_piece(const ProofSectorRef& sector, std::span<const UnpaddedPieceSize> existing,
                              UnpaddedPieceSize size, ByteSpan data) = 0;
  // Sizes-only simulation of big sectors: records a piece whose commitment is known (a zero
  // piece's, or the deal's PieceCID) without its bytes. Only a mock can seal such a sector;
  // backends that compute real proofs refuse with ProofBackendError.
  virtual PieceInfo add_piece_without_data(const ProofSectorRef& sector,
                                           std::span<const UnpaddedPieceSize> existing,
                                           UnpaddedPieceSize size, const Node32& commitment) = 0;
  virtual Bytes seal_pre_commit1(const ProofSectorRef& sector, ByteSpan ticket,
                                 std::span<const PieceInfo> pieces) = 0;
  virtual SectorCommitments seal_pre_commit2(const ProofSectorRef& sector, ByteSpan pc1_output) = 0;
  virtual Bytes seal_commit1(const ProofSectorRef& sector, ByteSpan ticket, ByteSpan seed,
                             std::span<const PieceInfo> pieces,
                             const SectorCommitments& commitments) = 0;
  virtual Bytes seal_commit2(const ProofSectorRef& sector, ByteSpan c1_output) = 0;
  virtual bool verify_seal(const SealVerifyRequest& info) = 0;
};

// Settings of the real backends (the mock ignores them).
struct ProofBackendOptions {
  // 32 GiB and 64 GiB sectors need hundreds of GiB of memory and hours on the CPU: refused
  // unless set.
  bool allow_large_sectors = false;
  // Threads for SDR labeling and the parent cache (results never depend on it).
  unsigned threads = 1;
};

// nullopt when the backend can run here; otherwise why not (only "cuda" can be unavailable: no
// CUDA in this build, or no usable GPU). ProofBackendError for an unknown name.
std::optional<std::string> proof_backend_unavailable_reason(std::string_view name);

// "mock", "cpu" or "cuda"; throws ProofBackendError naming the known backends otherwise, and
// "proof backend 'cuda' is not available: <why>" where it cannot run.
std::unique_ptr<ProofBackend> make_proof_backend(std::string_view name);
std::unique_ptr<ProofBackend> make_proof_backend(std::string_view name, const ProofBackendOptions& options);

}  // namespace sealsim::sealing
