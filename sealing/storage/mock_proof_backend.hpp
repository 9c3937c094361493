// mock_proof_backend.hpp: Lotus v1.11.0 mock sector manager (extern/sector-storage/mock/mock.go;
// spec sealing-fsm.md §15, proofs.md §9): real piece commitments and CommD, and keyed mock PC1,
// PC2, C1, C2 and VerifySeal byte formulas, so a wrong ticket, seed or commitment fails
// verification exactly like a real proof would.
//
// Deviations, knowingly: tickets and seeds shorter than 32 bytes are an error (the Lotus mock
// indexes past their end and crashes); piece bytes are not kept (nothing here unseals).
#pragma once

#include <map>
#include <vector>

#include "sealing/storage/proof_backend.hpp"

namespace sealsim::sealing {

class MockProofBackend final : public ProofBackend {
 public:
  enum class Stage { Packing, PreCommit, Commit };

  std::string_view name() const override { return "mock"; }
  PieceInfo add_piece(const ProofSectorRef& sector, std::span<const UnpaddedPieceSize> existing,
                      UnpaddedPieceSize size, ByteSpan data) override;
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

  // Lotus mock instrumentation.
  void remove(const SectorId& sector);  // "sector not found" when absent
  void mark_failed(const SectorId& sector);
  void mark_corrupted(const SectorId& sector);
  void force_stage(const SectorId& sector, Stage stage);
  std::optional<Stage> stage(const SectorId& sector) const;

 private:
  struct SectorState {
    std::vector<Node32> piece_commitments;
    bool failed = false;
    bool corrupted = false;
    Stage stage = Stage::Packing;
  };
  SectorState& existing_sector(const SectorId& sector);
  std::map<SectorId, SectorState> sectors_;
};

// The 32 bytes both C1 and VerifySeal derive: U[i] + S[31−i] − ticket[i]·seed[i] (mod 256) over
// the binary CIDs of CommD and CommR.
Node32 mock_seal_digest(const SectorCommitments& commitments, ByteSpan ticket, ByteSpan seed);

}  // namespace sealsim::sealing
