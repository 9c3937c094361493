// mock_sector_manager.hpp: TEMPORARY WIRING POINT. A sector manager for scenario runs until
// sealing/storage's manager implements sealing::SectorManager: every task is computed by
// sealing/storage's MockProofBackend (Lotus's mock: real CommP/CommD, keyed mock proofs) and
// completes after the scenario's duration for its task type on the simulated clock (never inside
// the call). No scheduler, workers or storage paths: scenarios that need them (worker loss, path
// full) are reported as unsupported by the engine rather than pretended.
#pragma once

#include <map>
#include <set>
#include <string>

#include "sealing/clock.hpp"
#include "sealing/sector_manager.hpp"
#include "sealing/storage/mock_proof_backend.hpp"
#include "sealing/storage/task_type.hpp"

namespace sealsim::scenarios {

class MockSectorManager final : public sealing::SectorManager {
 public:
  // `durations`: simulated seconds per task short name ("AP", "PC1", ...); absent = 0.
  MockSectorManager(sealing::Clock& clock, std::map<std::string, sealing::SimSeconds> durations)
      : clock_(clock), durations_(std::move(durations)) {}

  void add_piece(int priority, const sealing::SectorRef& sector, const std::vector<UnpaddedPieceSize>& existing,
                 UnpaddedPieceSize size, sealing::PieceData data, sealing::Done<PieceInfo> done) override;
  void seal_pre_commit1(int priority, const sealing::SectorRef& sector, const Bytes& ticket,
                        const std::vector<PieceInfo>& pieces, sealing::Done<Bytes> done) override;
  void seal_pre_commit2(int priority, const sealing::SectorRef& sector, const Bytes& pc1_out,
                        sealing::Done<sealing::SealedCids> done) override;
  void seal_commit1(int priority, const sealing::SectorRef& sector, const Bytes& ticket, const Bytes& seed,
                    const std::vector<PieceInfo>& pieces, const sealing::SealedCids& cids,
                    sealing::Done<Bytes> done) override;
  void seal_commit2(int priority, const sealing::SectorRef& sector, const Bytes& c1_out,
                    sealing::Done<Bytes> done) override;
  void finalize_sector(int priority, const sealing::SectorRef& sector,
                       const std::vector<sealing::UnpaddedRange>& keep_unsealed,
                       sealing::Done<sealing::Unit> done) override;
  void release_unsealed(const sealing::SectorRef& sector, const std::vector<sealing::UnpaddedRange>& safe_to_free,
                        sealing::Done<sealing::Unit> done) override;
  void remove(const sealing::SectorRef& sector, sealing::Done<sealing::Unit> done) override;

  // A process restart: the manager runs in-process (as Lotus's mock does), so work in flight dies
  // with the process; its continuations never run and its results are never stored.
  void abandon_in_flight();
  // For the "never zero copies of sealed data" invariant: sectors whose sealed replica exists.
  bool holds_sealed_copy(SectorNumber sector) const { return sealed_.count(sector) != 0; }
  sealing::MockProofBackend& backend() { return backend_; }

 private:
  // Runs `work` after the task's duration and hands its result (or the backend's error) to done.
  template <class T, class Work>
  void later(sealing::TaskType task, sealing::Done<T> done, Work work);

  sealing::Clock& clock_;
  std::map<std::string, sealing::SimSeconds> durations_;
  sealing::MockProofBackend backend_;
  std::set<SectorNumber> sealed_;
  std::set<sealing::TimerId> in_flight_;
};

// checkCommit's verifier over the same mock proof formulas.
class MockSealVerifier final : public sealing::ProofVerifier {
 public:
  sealing::Result<bool> verify_seal(const sealing::SealVerifyInfo& info) override;

 private:
  sealing::MockProofBackend backend_;
};

}  // namespace sealsim::scenarios
