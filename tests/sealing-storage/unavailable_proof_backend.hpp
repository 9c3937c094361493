// unavailable_proof_backend.hpp: a proof backend whose every call throws ProofBackendError
// "proof backend 'NAME' is not available in this build (Call)", for tests of how the storage
// manager and the sector manager pass a backend's failures on.
#pragma once

#include <string>

#include "sealing/storage/proof_backend.hpp"

namespace sealsim::sealing::test {

class UnavailableProofBackend final : public ProofBackend {
 public:
  explicit UnavailableProofBackend(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  PieceInfo add_piece(const ProofSectorRef&, std::span<const UnpaddedPieceSize>, UnpaddedPieceSize,
                      ByteSpan) override {
    fail("AddPiece");
  }
  PieceInfo add_piece_without_data(const ProofSectorRef&, std::span<const UnpaddedPieceSize>,
                                   UnpaddedPieceSize, const Node32&) override {
    fail("AddPiece");
  }
  Bytes seal_pre_commit1(const ProofSectorRef&, ByteSpan, std::span<const PieceInfo>) override {
    fail("SealPreCommit1");
  }
  SectorCommitments seal_pre_commit2(const ProofSectorRef&, ByteSpan) override { fail("SealPreCommit2"); }
  Bytes seal_commit1(const ProofSectorRef&, ByteSpan, ByteSpan, std::span<const PieceInfo>,
                     const SectorCommitments&) override {
    fail("SealCommit1");
  }
  Bytes seal_commit2(const ProofSectorRef&, ByteSpan) override { fail("SealCommit2"); }
  bool verify_seal(const SealVerifyRequest&) override { fail("VerifySeal"); }

 private:
  [[noreturn]] void fail(const char* call) const {
    throw ProofBackendError("proof backend '" + name_ + "' is not available in this build (" + call + ")");
  }
  std::string name_;
};

}  // namespace sealsim::sealing::test
