// replica_file_writer.hpp: the cpu proof backend as a scenario run's sector manager sees it, plus
// the files a real PreCommit2 leaves on the sealing path: the sealed replica in the sector's sealed
// file and p_aux (comm_c ‖ comm_r_last, what Lotus's cache folder keeps for Commit1) in its cache
// file. The storage manager declares those files (sizes) at PreCommit1; their bytes come from the
// backend, which keeps them in memory, and move with the files to long-term storage (copied and
// compared byte for byte there).
#pragma once

#include "sealing/storage/cpu_proof_backend.hpp"
#include "sealing/storage/storage_index.hpp"

namespace sealsim::scenarios {

class ReplicaFileWriter final : public sealing::ProofBackend {
 public:
  // Both outlive this object; the index keeps file bytes (a SectorFileContent).
  ReplicaFileWriter(sealing::CpuProofBackend& backend, sealing::StorageIndex& index)
      : backend_(backend), index_(index) {}

  std::string_view name() const override { return backend_.name(); }
  PieceInfo add_piece(const sealing::ProofSectorRef& sector, std::span<const UnpaddedPieceSize> existing,
                      UnpaddedPieceSize size, ByteSpan data) override {
    return backend_.add_piece(sector, existing, size, data);
  }
  PieceInfo add_piece_without_data(const sealing::ProofSectorRef& sector,
                                   std::span<const UnpaddedPieceSize> existing, UnpaddedPieceSize size,
                                   const Node32& commitment) override {
    return backend_.add_piece_without_data(sector, existing, size, commitment);
  }
  Bytes seal_pre_commit1(const sealing::ProofSectorRef& sector, ByteSpan ticket,
                         std::span<const PieceInfo> pieces) override {
    return backend_.seal_pre_commit1(sector, ticket, pieces);
  }
  // Writes the sealed and cache files after the computation.
  sealing::SectorCommitments seal_pre_commit2(const sealing::ProofSectorRef& sector, ByteSpan pc1_output) override;
  Bytes seal_commit1(const sealing::ProofSectorRef& sector, ByteSpan ticket, ByteSpan seed,
                     std::span<const PieceInfo> pieces, const sealing::SectorCommitments& commitments) override {
    return backend_.seal_commit1(sector, ticket, seed, pieces, commitments);
  }
  Bytes seal_commit2(const sealing::ProofSectorRef& sector, ByteSpan c1_output) override {
    return backend_.seal_commit2(sector, c1_output);
  }
  bool verify_seal(const sealing::SealVerifyRequest& info) override { return backend_.verify_seal(info); }

 private:
  sealing::CpuProofBackend& backend_;
  sealing::StorageIndex& index_;
};

}  // namespace sealsim::scenarios
