// commit_batcher.hpp: Lotus's CommitBatcher (spec §11.2): queues proven sectors and prove-commits
// them individually (ProveCommitSector) or as one ProveCommitAggregate, by the rules of
// MinCommitBatch / MaxCommitBatch / AggregateAboveBaseFee, on the notify / timer / Flush triggers
// of the precommit batcher, with cutoffs from each precommit's MaxProveCommitDuration.
//
// Determinism: Lotus walks its todo map in Go's random order (which sectors enter an over-full
// aggregate, the order of individual sends and results); sealsim walks it in sector-number order.
// Where v1.11.0 crashes the node (Q10: a cutoff for a sector without precommit info, an
// aggregate in which every sector failed), sealsim answers an error and records a NodeCrash
// finding.
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
#include "sealing/finding.hpp"
#include "sealing/pre_commit_batcher.hpp"
#include "sealing/sealing_config.hpp"

namespace sealsim::sealing {

class CommitBatcher final : public CommitQueue {
 public:
  // The timer durations (CommitBatchWait, CommitBatchSlack) are read once here, as Lotus reads
  // them when its loop starts; everything else re-reads `config`.
  CommitBatcher(ActorId miner, CommitBatcherApi& api, AddressSelector& addresses,
                AggregateProver& prover, FeeConfig fees, SealingConfigGetter config, Clock& clock,
                SimSeconds block_delay = kBlockDelaySeconds);

  // AddCommit: a failure to compute the cutoff is answered as an error (the handler then sends
  // SectorRetrySubmitCommit); otherwise the sector is queued until its batch is processed.
  void add_commit(const SectorInfo& sector, AggregateInput input,
                  std::function<void(Result<CommitBatchResult>)> done) override;

  // Processes the queue now and returns the results, without the error text (Q20).
  std::vector<CommitBatchResult> flush();
  std::vector<SectorId> pending() const;
  const std::string& last_error() const { return last_error_; }
  std::optional<SimSeconds> timer_deadline() const { return loop_.timer_deadline(); }
  // Places where Lotus v1.11.0 would have crashed the node.
  const std::vector<Finding>& findings() const { return findings_; }

 private:
  struct Queued {
    AggregateInput input;
  };
  struct BatchOutcome {
    std::vector<CommitBatchResult> results;
    std::string error;
  };
  void iterate(BatcherWake wake);
  std::vector<CommitBatchResult> maybe_start_batch(bool only_if_full);
  BatchOutcome process_individually();
  BatchOutcome process_batch(const SealingConfig& config);
  Result<TokenAmount> sector_collateral(SectorNumber number, const TipSetToken& tok);
  void record_crash(std::string message);

  ActorId miner_;
  CommitBatcherApi& api_;
  AddressSelector& addresses_;
  AggregateProver& prover_;
  FeeConfig fees_;
  SealingConfigGetter config_;
  Clock& clock_;
  SimSeconds block_delay_;
  SimSeconds max_wait_;
  SimSeconds slack_;

  std::map<SectorNumber, SimSeconds> cutoffs_;
  std::map<SectorNumber, AggregateInput> todo_;
  std::map<SectorNumber, std::vector<std::function<void(Result<CommitBatchResult>)>>> waiting_;
  std::vector<CommitBatchResult> last_results_;
  std::string last_error_;
  std::vector<Finding> findings_;
  BatcherLoop loop_;
};

}  // namespace sealsim::sealing
