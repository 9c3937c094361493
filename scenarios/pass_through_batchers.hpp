// pass_through_batchers.hpp: TEMPORARY WIRING POINT. Until sealing's batchers land, each sector
// added to a queue is sent in its own message at once (Lotus's behaviour with batching and
// aggregation off: PreCommitSector, ProveCommitSector, TerminateSectors per sector), answered on
// the next driver step.
#pragma once

#include "scenarios/chain_adapter.hpp"
#include "sealing/batcher_queues.hpp"
#include "sealing/clock.hpp"
#include "sealing/fee_config.hpp"

namespace sealsim::scenarios {

class PassThroughBatchers final : public sealing::PreCommitQueue,
                                  public sealing::CommitQueue,
                                  public sealing::TerminationQueue {
 public:
  PassThroughBatchers(ChainAdapter& chain, sealing::Clock& clock, sealing::FeeConfig fees)
      : chain_(chain), clock_(clock), fees_(std::move(fees)) {}

  void add_pre_commit(const sealing::SectorInfo& sector, TokenAmount deposit,
                      const sealing::SectorPreCommitInfo& params,
                      std::function<void(sealing::Result<sealing::PreCommitBatchResult>)> done) override;
  void add_commit(const sealing::SectorInfo& sector, sealing::AggregateInput input,
                  std::function<void(sealing::Result<sealing::CommitBatchResult>)> done) override;
  void add_termination(SectorId sector,
                       std::function<void(sealing::Result<sealing::TerminationResult>)> done) override;

 private:
  template <class T>
  void answer(std::function<void(sealing::Result<T>)> done, sealing::Result<T> result);

  ChainAdapter& chain_;
  sealing::Clock& clock_;
  sealing::FeeConfig fees_;
};

}  // namespace sealsim::scenarios
