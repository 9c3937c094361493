// fsm_sector_manager.cpp: SectorManager calls as posted storage-manager work on the sealing clock.
#include "sealing/storage/fsm_sector_manager.hpp"

#include <exception>
#include <string>
#include <utility>

#include "model/cid.hpp"
#include "model/zero_commitment.hpp"

namespace sealsim::sealing {
namespace {

ProofSectorRef to_proof_ref(const SectorRef& sector) {
  return ProofSectorRef{sector.id, sector.proof_type};
}

template <class T>
Result<T> to_result(TaskResult<T> result) {
  if (!result.ok()) return Result<T>::fail(std::move(result.error));
  return Result<T>::ok(std::move(*result.value));
}

Result<Unit> to_unit(const TaskResult<NoValue>& result) {
  if (!result.ok()) return Result<Unit>::fail(result.error);
  return Result<Unit>::ok(Unit{});
}

// The message of an error met while preparing a call (it fails the call, later).
std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

FsmSectorManager::FsmSectorManager(Scheduler& scheduler, StorageIndex& index,
                                   CallRecordStore& calls, ProofBackend& backend, Clock& clock,
                                   FsmSectorManagerOptions options)
    : calls_(calls),
      manager_(scheduler, index, calls_, backend),
      bridge_(scheduler, clock, options.scheduler_epoch),
      options_(options) {
  manager_.recover(options_.abort_unfinished);
}

void FsmSectorManager::add_piece(int priority, const SectorRef& sector,
                                 const std::vector<UnpaddedPieceSize>& existing,
                                 UnpaddedPieceSize size, PieceData data, Done<PieceInfo> done) {
  bridge_.post([this, priority, ref = to_proof_ref(sector), existing, size, data,
                done = std::move(done)]() mutable {
    auto deliver = [done](TaskResult<PieceInfo> result) { done(to_result(std::move(result))); };
    const std::uint64_t sector_size = seal_proof_info(ref.proof).sector_size;
    try {
      if (!data.zero && options_.deals == nullptr) {
        throw ProofBackendError("add piece: no piece data source for deal " +
                                std::to_string(data.deal));
      }
      if (options_.piece_data == PieceDataMode::RealData) {
        if (sector_size > options_.max_real_data_sector_size) {
          throw ProofBackendError("add piece: real piece data is simulated only for sectors up to " +
                                  std::to_string(options_.max_real_data_sector_size >> 20) + " MiB; sector " +
                                  sector_file_name(ref.id) + " has " + std::to_string(sector_size) +
                                  " bytes (run it with sizes only)");
        }
        Bytes bytes = data.zero ? Bytes(size.bytes(), 0) : options_.deals->deal_bytes(data.deal, size);
        manager_.add_piece(priority, ref, existing, size, std::move(bytes), deliver);
      } else {
        const Node32 commitment = data.zero ? zero_piece_commitment(size.padded())
                                            : options_.deals->deal_commitment(data.deal, size);
        manager_.add_piece_without_data(priority, ref, existing, size, commitment, deliver);
      }
    } catch (...) {
      done(Result<PieceInfo>::fail(describe(std::current_exception())));
    }
  });
}

void FsmSectorManager::seal_pre_commit1(int priority, const SectorRef& sector, const Bytes& ticket,
                                        const std::vector<PieceInfo>& pieces, Done<Bytes> done) {
  bridge_.post([this, priority, ref = to_proof_ref(sector), ticket, pieces, done = std::move(done)] {
    manager_.seal_pre_commit1(priority, ref, ticket, pieces,
                              [done](TaskResult<Bytes> result) { done(to_result(std::move(result))); });
  });
}

void FsmSectorManager::seal_pre_commit2(int priority, const SectorRef& sector, const Bytes& pc1_out,
                                        Done<SealedCids> done) {
  bridge_.post([this, priority, ref = to_proof_ref(sector), pc1_out, done = std::move(done)] {
    manager_.seal_pre_commit2(priority, ref, pc1_out, [done](TaskResult<SectorCommitments> result) {
      if (!result.ok()) return done(Result<SealedCids>::fail(result.error));
      done(Result<SealedCids>::ok(
          SealedCids{commitment_to_cid(CommitmentKind::Unsealed, result.value->unsealed),
                     commitment_to_cid(CommitmentKind::Sealed, result.value->sealed)}));
    });
  });
}

void FsmSectorManager::seal_commit1(int priority, const SectorRef& sector, const Bytes& ticket,
                                    const Bytes& seed, const std::vector<PieceInfo>& pieces,
                                    const SealedCids& cids, Done<Bytes> done) {
  bridge_.post([this, priority, ref = to_proof_ref(sector), ticket, seed, pieces, cids,
                done = std::move(done)] {
    SectorCommitments commitments;
    try {
      commitments = SectorCommitments{cid_to_commitment(CommitmentKind::Unsealed, cids.unsealed),
                                      cid_to_commitment(CommitmentKind::Sealed, cids.sealed)};
    } catch (...) {
      return done(Result<Bytes>::fail(describe(std::current_exception())));
    }
    manager_.seal_commit1(priority, ref, ticket, seed, pieces, commitments,
                          [done](TaskResult<Bytes> result) { done(to_result(std::move(result))); });
  });
}

void FsmSectorManager::seal_commit2(int priority, const SectorRef& sector, const Bytes& c1_out,
                                    Done<Bytes> done) {
  bridge_.post([this, priority, ref = to_proof_ref(sector), c1_out, done = std::move(done)] {
    manager_.seal_commit2(priority, ref, c1_out,
                          [done](TaskResult<Bytes> result) { done(to_result(std::move(result))); });
  });
}

void FsmSectorManager::finalize_sector(int priority, const SectorRef& sector,
                                       const std::vector<UnpaddedRange>& keep_unsealed,
                                       Done<Unit> done) {
  bridge_.post([this, priority, ref = to_proof_ref(sector), keep = !keep_unsealed.empty(),
                done = std::move(done)] {
    manager_.finalize_sector(priority, ref, keep,
                             [done](TaskResult<NoValue> result) { done(to_unit(result)); });
  });
}

void FsmSectorManager::release_unsealed(const SectorRef& sector, const std::vector<UnpaddedRange>&,
                                        Done<Unit> done) {
  bridge_.post([this, ref = to_proof_ref(sector), done = std::move(done)] {
    manager_.release_unsealed(ref, [done](TaskResult<NoValue> result) { done(to_unit(result)); });
  });
}

void FsmSectorManager::remove(const SectorRef& sector, Done<Unit> done) {
  bridge_.post([this, ref = to_proof_ref(sector), done = std::move(done)] {
    manager_.remove(ref, [done](TaskResult<NoValue> result) { done(to_unit(result)); });
  });
}

}  // namespace sealsim::sealing
