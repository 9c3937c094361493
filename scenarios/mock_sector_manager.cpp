// mock_sector_manager.cpp: the scenario runs' temporary instant-proof sector manager.
#include "scenarios/mock_sector_manager.hpp"

#include <memory>

#include "model/model_error.hpp"

namespace sealsim::scenarios {

using sealing::ProofBackendError;
using sealing::ProofSectorRef;
using sealing::SealVerifyRequest;
using sealing::SectorCommitments;

namespace {

ProofSectorRef proof_ref(const sealing::SectorRef& sector) { return ProofSectorRef{sector.id, sector.proof_type}; }

SectorCommitments commitments_of(const sealing::SealedCids& cids) {
  return SectorCommitments{cid_to_commitment(CommitmentKind::Unsealed, cids.unsealed),
                           cid_to_commitment(CommitmentKind::Sealed, cids.sealed)};
}

}  // namespace

template <class T, class Work>
void MockSectorManager::later(sealing::TaskType task, sealing::Done<T> done, Work work) {
  const auto found = durations_.find(std::string(sealing::to_string(task)));
  const sealing::SimSeconds duration = found == durations_.end() ? 0 : found->second;
  auto id = std::make_shared<sealing::TimerId>(0);
  *id = clock_.schedule_at(clock_.now() + duration, [this, id, done = std::move(done), work = std::move(work)]() mutable {
    in_flight_.erase(*id);
    std::optional<sealing::Result<T>> result;
    try {
      result = sealing::Result<T>::ok(work());
    } catch (const ProofBackendError& e) {
      result = sealing::Result<T>::fail(e.what());
    } catch (const ModelError& e) {
      result = sealing::Result<T>::fail(e.what());
    }
    done(*result);
  });
  in_flight_.insert(*id);
}

void MockSectorManager::abandon_in_flight() {
  for (const sealing::TimerId id : in_flight_) clock_.cancel(id);
  in_flight_.clear();
}

void MockSectorManager::add_piece(int, const sealing::SectorRef& sector, const std::vector<UnpaddedPieceSize>& existing,
                                  UnpaddedPieceSize size, sealing::PieceData data, sealing::Done<PieceInfo> done) {
  if (!data.zero) {
    // Deal bytes come from the deals layer, which is not wired into scenarios yet.
    later<PieceInfo>(sealing::TaskType::AddPiece, std::move(done), [deal = data.deal]() -> PieceInfo {
      throw ProofBackendError("deal " + std::to_string(deal) + ": deal piece data is not available (deals layer not wired)");
    });
    return;
  }
  later<PieceInfo>(sealing::TaskType::AddPiece, std::move(done), [this, ref = proof_ref(sector), existing, size] {
    // The mock backend appends every piece it is given; the first piece of a sector (again, after
    // a restart re-runs Packing from the stored record) starts its piece list afresh, as writing
    // at offset 0 of the unsealed file would.
    if (existing.empty() && backend_.stage(ref.id)) backend_.remove(ref.id);
    return backend_.add_piece(ref, existing, size, ByteSpan{});
  });
}

void MockSectorManager::seal_pre_commit1(int, const sealing::SectorRef& sector, const Bytes& ticket,
                                         const std::vector<PieceInfo>& pieces, sealing::Done<Bytes> done) {
  later<Bytes>(sealing::TaskType::PreCommit1, std::move(done), [this, ref = proof_ref(sector), ticket, pieces] {
    return backend_.seal_pre_commit1(ref, ticket, pieces);
  });
}

void MockSectorManager::seal_pre_commit2(int, const sealing::SectorRef& sector, const Bytes& pc1_out,
                                         sealing::Done<sealing::SealedCids> done) {
  later<sealing::SealedCids>(sealing::TaskType::PreCommit2, std::move(done), [this, ref = proof_ref(sector), pc1_out] {
    const SectorCommitments c = backend_.seal_pre_commit2(ref, pc1_out);
    sealed_.insert(ref.id.number);
    return sealing::SealedCids{commitment_to_cid(CommitmentKind::Unsealed, c.unsealed),
                               commitment_to_cid(CommitmentKind::Sealed, c.sealed)};
  });
}

void MockSectorManager::seal_commit1(int, const sealing::SectorRef& sector, const Bytes& ticket, const Bytes& seed,
                                     const std::vector<PieceInfo>& pieces, const sealing::SealedCids& cids,
                                     sealing::Done<Bytes> done) {
  later<Bytes>(sealing::TaskType::Commit1, std::move(done), [this, ref = proof_ref(sector), ticket, seed, pieces, cids] {
    return backend_.seal_commit1(ref, ticket, seed, pieces, commitments_of(cids));
  });
}

void MockSectorManager::seal_commit2(int, const sealing::SectorRef& sector, const Bytes& c1_out,
                                     sealing::Done<Bytes> done) {
  later<Bytes>(sealing::TaskType::Commit2, std::move(done),
               [this, ref = proof_ref(sector), c1_out] { return backend_.seal_commit2(ref, c1_out); });
}

void MockSectorManager::finalize_sector(int, const sealing::SectorRef&, const std::vector<sealing::UnpaddedRange>&,
                                        sealing::Done<sealing::Unit> done) {
  later<sealing::Unit>(sealing::TaskType::Finalize, std::move(done), [] { return sealing::Unit{}; });
}

void MockSectorManager::release_unsealed(const sealing::SectorRef&, const std::vector<sealing::UnpaddedRange>&,
                                         sealing::Done<sealing::Unit> done) {
  clock_.schedule_at(clock_.now(), [done = std::move(done)] { done(sealing::Result<sealing::Unit>::ok({})); });
}

void MockSectorManager::remove(const sealing::SectorRef& sector, sealing::Done<sealing::Unit> done) {
  clock_.schedule_at(clock_.now(), [this, id = sector.id, done = std::move(done)] {
    // Lotus's mock answers "sector not found" for sectors it never saw; removing a sector that
    // only got as far as its piece data is a success here as there (the data is gone either way).
    if (backend_.stage(id)) backend_.remove(id);
    sealed_.erase(id.number);
    done(sealing::Result<sealing::Unit>::ok({}));
  });
}

sealing::Result<bool> MockSealVerifier::verify_seal(const sealing::SealVerifyInfo& info) {
  try {
    SealVerifyRequest request;
    request.proof = info.seal_proof;
    request.sector = info.sector;
    request.ticket = info.randomness;
    request.seed = info.interactive_randomness;
    request.seal_proof = info.proof;
    request.commitments = SectorCommitments{cid_to_commitment(CommitmentKind::Unsealed, info.unsealed_cid),
                                            cid_to_commitment(CommitmentKind::Sealed, info.sealed_cid)};
    return sealing::Result<bool>::ok(backend_.verify_seal(request));
  } catch (const ProofBackendError& e) {
    return sealing::Result<bool>::fail(e.what());
  } catch (const ModelError& e) {
    return sealing::Result<bool>::fail(e.what());
  }
}

}  // namespace sealsim::scenarios
