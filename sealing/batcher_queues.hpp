// batcher_queues.hpp: what a sector handler sees of the three batchers (spec §11): it adds its
// sector and is answered once the batch holding it has been processed. In Lotus the handler
// blocks inside Add…; here the answer arrives through the continuation, later in simulated time,
// never synchronously from inside the call, so the handler returns to the machine loop first.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/bytes.hpp"
#include "model/cid.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/result.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

// sealiface.PreCommitBatchRes.
struct PreCommitBatchResult {
  std::vector<SectorNumber> sectors;
  std::optional<Cid> message;
  std::string error;  // set when processBatch failed after selecting these sectors
};

class PreCommitQueue {
 public:
  virtual ~PreCommitQueue() = default;
  // AddPreCommit: an error result is the ChainHead failure Lotus returns to the caller.
  virtual void add_pre_commit(const SectorInfo& sector, TokenAmount deposit,
                              const SectorPreCommitInfo& params,
                              std::function<void(Result<PreCommitBatchResult>)> done) = 0;
};

// sealing.AggregateInput: what the commit batcher needs of one proven sector.
struct AggregateInput {
  RegisteredSealProof seal_proof{};
  SectorNumber number = 0;
  Bytes ticket;  // Randomness
  Bytes seed;    // InteractiveRandomness
  Cid sealed_cid;
  Cid unsealed_cid;
  Bytes proof;
};

// sealiface.CommitBatchRes.
struct CommitBatchResult {
  std::vector<SectorNumber> sectors;
  std::map<SectorNumber, std::string> failed_sectors;
  std::optional<Cid> message;
  std::string error;
};

class CommitQueue {
 public:
  virtual ~CommitQueue() = default;
  // AddCommit: an error result is the cutoff computation's failure returned to the caller.
  virtual void add_commit(const SectorInfo& sector, AggregateInput input,
                          std::function<void(Result<CommitBatchResult>)> done) = 0;
};

// AddTermination's (message CID, terminated) pair.
struct TerminationResult {
  std::optional<Cid> message;
  bool already_terminated = false;
};

class TerminationQueue {
 public:
  virtual ~TerminationQueue() = default;
  virtual void add_termination(SectorId sector,
                               std::function<void(Result<TerminationResult>)> done) = 0;
};

}  // namespace sealsim::sealing
