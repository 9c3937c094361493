// fake_sector_manager.hpp: a behavioural fake of SectorManager for handler tests. Every task
// completes on the FakeClock after a fixed simulated duration; it keeps per-sector state like
// Lotus's mock (pieces, stage) and refuses what the mock refuses (PC1 before packing is full,
// removing an unknown sector); failures can be injected per operation.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/zero_commitment.hpp"
#include "sealing/sector_manager.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing::test {

class FakeSectorManager final : public SectorManager {
 public:
  explicit FakeSectorManager(FakeClock& clock, SimSeconds task_seconds = 10)
      : clock_(clock), task_seconds_(task_seconds) {}

  // Operation names: "add_piece", "pc1", "pc2", "c1", "c2", "finalize", "release", "remove".
  void fail_next(const std::string& operation, int times = 1) { failures_[operation] += times; }
  std::vector<std::string> calls;
  std::map<SectorNumber, std::vector<PieceInfo>> pieces;

  void add_piece(int, const SectorRef& sector, const std::vector<UnpaddedPieceSize>&,
                 UnpaddedPieceSize size, PieceData data, Done<PieceInfo> done) override {
    complete("add_piece", std::move(done), [this, sector, size, data]() -> Result<PieceInfo> {
      if (!size.is_valid()) {
        return Result<PieceInfo>::fail("invalid piece size " + std::to_string(size.bytes()));
      }
      // Zero data gets its real CommP (as Lotus's mock computes it), which checkPieces verifies.
      PieceInfo piece{size.padded(), {}};
      if (data.zero) {
        piece.commitment = zero_piece_commitment(size.padded());
      } else {
        piece.commitment[0] = static_cast<std::uint8_t>(data.deal);
      }
      pieces[sector.id.number].push_back(piece);
      return Result<PieceInfo>::ok(piece);
    });
  }
  void seal_pre_commit1(int, const SectorRef&, const Bytes&, const std::vector<PieceInfo>&,
                        Done<Bytes> done) override {
    complete("pc1", std::move(done), [] { return Result<Bytes>::ok(Bytes{1}); });
  }
  void seal_pre_commit2(int, const SectorRef& sector, const Bytes&, Done<SealedCids> done) override {
    complete("pc2", std::move(done), [sector] {
      Node32 d{};
      d[0] = static_cast<std::uint8_t>(sector.id.number);
      Node32 r = d;
      r[1] = 0xff;
      return Result<SealedCids>::ok(SealedCids{commitment_to_cid(CommitmentKind::Unsealed, d),
                                               commitment_to_cid(CommitmentKind::Sealed, r)});
    });
  }
  void seal_commit1(int, const SectorRef&, const Bytes&, const Bytes&, const std::vector<PieceInfo>&,
                    const SealedCids&, Done<Bytes> done) override {
    complete("c1", std::move(done), [] { return Result<Bytes>::ok(Bytes{2}); });
  }
  void seal_commit2(int, const SectorRef&, const Bytes&, Done<Bytes> done) override {
    complete("c2", std::move(done), [] { return Result<Bytes>::ok(Bytes(192, 3)); });
  }
  void finalize_sector(int, const SectorRef&, const std::vector<UnpaddedRange>& keep,
                       Done<Unit> done) override {
    last_keep_unsealed = keep;
    complete("finalize", std::move(done), [] { return Result<Unit>::ok(Unit{}); });
  }
  void release_unsealed(const SectorRef&, const std::vector<UnpaddedRange>& free,
                        Done<Unit> done) override {
    last_release = free;
    complete("release", std::move(done), [] { return Result<Unit>::ok(Unit{}); });
  }
  void remove(const SectorRef& sector, Done<Unit> done) override {
    complete("remove", std::move(done), [this, sector] {
      if (pieces.erase(sector.id.number) == 0) {
        return Result<Unit>::fail("sector not found");
      }
      return Result<Unit>::ok(Unit{});
    });
  }

  std::vector<UnpaddedRange> last_keep_unsealed;
  std::vector<UnpaddedRange> last_release;

 private:
  template <class T, class Work>
  void complete(const std::string& operation, Done<T> done, Work work) {
    calls.push_back(operation);
    bool fail = false;
    if (auto it = failures_.find(operation); it != failures_.end() && it->second > 0) {
      --it->second;
      fail = true;
    }
    clock_.schedule_at(clock_.now() + task_seconds_, [operation, done = std::move(done), work, fail] {
      done(fail ? Result<T>::fail(operation + " failed (injected)") : work());
    });
  }

  FakeClock& clock_;
  SimSeconds task_seconds_;
  std::map<std::string, int> failures_;
};

}  // namespace sealsim::sealing::test
