// pre_commit_batcher.hpp: Lotus's PreCommitBatcher (spec §11.1): queues precommits of sectors,
// sends them as one PreCommitSectorBatch message when the queue reaches MaxPreCommitBatch, when
// the timer fires (at most PreCommitBatchWait, earlier as a sector's cutoff minus slack nears)
// or on Flush, and answers every waiting sector with the batch's result.
//
// Determinism: Lotus walks its todo map in Go's random order when it picks the sectors of an
// over-full batch; sealsim takes them in sector-number order.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sealing/batcher_api.hpp"
#include "sealing/batcher_loop.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/clock.hpp"
#include "sealing/fee_config.hpp"
#include "sealing/sealing_config.hpp"

namespace sealsim::sealing {

// GetSealingConfigFunc: read on every use, so live config changes apply.
using SealingConfigGetter = std::function<SealingConfig()>;

class PreCommitBatcher final : public PreCommitQueue {
 public:
  // The loop's timer durations (PreCommitBatchWait, PreCommitBatchSlack) are read once here, as
  // Lotus reads them once when its loop starts; everything else re-reads `config`.
  PreCommitBatcher(ActorId miner, PreCommitBatcherApi& api, AddressSelector& addresses,
                   FeeConfig fees, SealingConfigGetter config, Clock& clock,
                   SimSeconds block_delay = kBlockDelaySeconds);

  // AddPreCommit: a ChainHead failure is answered as an error; otherwise the sector is queued and
  // answered when the batch holding it has been processed.
  void add_pre_commit(const SectorInfo& sector, TokenAmount deposit, const SectorPreCommitInfo& params,
                      std::function<void(Result<PreCommitBatchResult>)> done) override;

  // Processes the queue now (whatever its size) and returns the results. As in v1.11.0 (Q20) the
  // returned copies do not carry the error text that the waiting sectors receive.
  std::vector<PreCommitBatchResult> flush();
  // Queued sectors, sorted.
  std::vector<SectorId> pending() const;
  // The error the last iteration logged ("PreCommitBatcher processBatch error"), if any.
  const std::string& last_error() const { return last_error_; }
  // When the loop's timer fires next (nothing queued: not armed).
  std::optional<SimSeconds> timer_deadline() const { return loop_.timer_deadline(); }

 private:
  struct Entry {
    TokenAmount deposit;
    SectorPreCommitInfo params;
  };
  struct BatchOutcome {
    std::vector<PreCommitBatchResult> results;
    std::string error;
  };
  void iterate(BatcherWake wake);
  std::vector<PreCommitBatchResult> maybe_start_batch(bool only_if_full);
  BatchOutcome process_batch(const SealingConfig& config);

  ActorId miner_;
  PreCommitBatcherApi& api_;
  AddressSelector& addresses_;
  FeeConfig fees_;
  SealingConfigGetter config_;
  Clock& clock_;
  SimSeconds block_delay_;
  SimSeconds max_wait_;
  SimSeconds slack_;

  std::map<SectorNumber, SimSeconds> cutoffs_;
  std::map<SectorNumber, Entry> todo_;
  std::map<SectorNumber, std::vector<std::function<void(Result<PreCommitBatchResult>)>>> waiting_;
  std::vector<PreCommitBatchResult> last_results_;
  std::string last_error_;
  BatcherLoop loop_;
};

}  // namespace sealsim::sealing
