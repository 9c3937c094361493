// sector_manager.hpp: the sealer the FSM drives (Lotus's SectorManager, spec §14.1), and the
// proof verifier checkCommit uses. Every task completes later in simulated time through its
// continuation, never synchronously inside the call, so a handler that starts a task returns to
// the machine loop and resumes in the continuation (the machine stays busy meanwhile).
#pragma once

#include <functional>
#include <vector>

#include "model/bytes.hpp"
#include "model/cid.hpp"
#include "model/piece_info.hpp"
#include "model/piece_size.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "sealing/result.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

struct SectorRef {
  SectorId id;
  RegisteredSealProof proof_type{};
};

struct SealedCids {
  Cid unsealed;  // CommD
  Cid sealed;    // CommR
};

// Where the piece bytes come from: the zero reader (fillers, padding) or a deal's data, named by
// the deal so a sector manager can derive or look the bytes up.
struct PieceData {
  bool zero = true;
  DealId deal = 0;
};

template <class T>
using Done = std::function<void(Result<T>)>;

class SectorManager {
 public:
  virtual ~SectorManager() = default;
  // `priority`: scheduler priority (DealSectorPriority 1024 for deal sectors, 0 otherwise).
  virtual void add_piece(int priority, const SectorRef& sector,
                         const std::vector<UnpaddedPieceSize>& existing, UnpaddedPieceSize size,
                         PieceData data, Done<PieceInfo> done) = 0;
  virtual void seal_pre_commit1(int priority, const SectorRef& sector, const Bytes& ticket,
                                const std::vector<PieceInfo>& pieces, Done<Bytes> done) = 0;
  virtual void seal_pre_commit2(int priority, const SectorRef& sector, const Bytes& pc1_out,
                                Done<SealedCids> done) = 0;
  virtual void seal_commit1(int priority, const SectorRef& sector, const Bytes& ticket,
                            const Bytes& seed, const std::vector<PieceInfo>& pieces,
                            const SealedCids& cids, Done<Bytes> done) = 0;
  virtual void seal_commit2(int priority, const SectorRef& sector, const Bytes& c1_out,
                            Done<Bytes> done) = 0;
  virtual void finalize_sector(int priority, const SectorRef& sector,
                               const std::vector<UnpaddedRange>& keep_unsealed, Done<Unit> done) = 0;
  virtual void release_unsealed(const SectorRef& sector, const std::vector<UnpaddedRange>& safe_to_free,
                                Done<Unit> done) = 0;
  virtual void remove(const SectorRef& sector, Done<Unit> done) = 0;
};

struct SealVerifyInfo {
  SectorId sector;
  RegisteredSealProof seal_proof{};
  Cid sealed_cid;
  Cid unsealed_cid;
  Bytes proof;
  Bytes randomness;              // ticket
  Bytes interactive_randomness;  // seed
};

class ProofVerifier {
 public:
  virtual ~ProofVerifier() = default;
  virtual Result<bool> verify_seal(const SealVerifyInfo& info) = 0;
};

}  // namespace sealsim::sealing
