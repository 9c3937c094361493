// proof_backend.cpp: the backend switch and the placeholder for the backend not built yet.
#include "sealing/storage/proof_backend.hpp"

#include "sealing/storage/cpu_proof_backend.hpp"
#include "sealing/storage/mock_proof_backend.hpp"

namespace sealsim::sealing {
namespace {

// "cuda" until the GPU issue lands: every call says the backend is not available.
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
    throw ProofBackendError("proof backend '" + name_ + "' is not available in this build (" + call +
                            ")");
  }
  std::string name_;
};

}  // namespace

std::unique_ptr<ProofBackend> make_proof_backend(std::string_view name) {
  return make_proof_backend(name, ProofBackendOptions{});
}

std::unique_ptr<ProofBackend> make_proof_backend(std::string_view name, const ProofBackendOptions& options) {
  if (name == "mock") return std::make_unique<MockProofBackend>();
  if (name == "cpu") return std::make_unique<CpuProofBackend>(options);
  if (name == "cuda") return std::make_unique<UnavailableProofBackend>(std::string(name));
  throw ProofBackendError("unknown proof backend '" + std::string(name) +
                          "' (expected mock, cpu or cuda)");
}

}  // namespace sealsim::sealing
