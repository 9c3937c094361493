// fake_batcher_queues.hpp: handler-side fakes of the three batchers: they record what was added
// and leave the answer to the test (answer_*), which delivers it on the FakeClock as a real
// batcher would, later than the add.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "sealing/batcher_queues.hpp"
#include "tests/sealing/fake_clock.hpp"

namespace sealsim::sealing::test {

template <class Added, class Answer>
struct QueuedAdd {
  Added added;
  std::function<void(Result<Answer>)> done;
};

class FakeBatcherQueues final : public PreCommitQueue, public CommitQueue, public TerminationQueue {
 public:
  explicit FakeBatcherQueues(FakeClock& clock) : clock_(clock) {}

  struct PreCommitAdd {
    SectorNumber sector = 0;
    TokenAmount deposit;
    SectorPreCommitInfo params;
  };
  std::vector<QueuedAdd<PreCommitAdd, PreCommitBatchResult>> pre_commits;
  std::vector<QueuedAdd<AggregateInput, CommitBatchResult>> commits;
  std::vector<QueuedAdd<SectorId, TerminationResult>> terminations;

  void add_pre_commit(const SectorInfo& sector, TokenAmount deposit,
                      const SectorPreCommitInfo& params,
                      std::function<void(Result<PreCommitBatchResult>)> done) override {
    pre_commits.push_back({PreCommitAdd{sector.sector_number, deposit, params}, std::move(done)});
  }
  void add_commit(const SectorInfo&, AggregateInput input,
                  std::function<void(Result<CommitBatchResult>)> done) override {
    commits.push_back({std::move(input), std::move(done)});
  }
  void add_termination(SectorId sector,
                       std::function<void(Result<TerminationResult>)> done) override {
    terminations.push_back({sector, std::move(done)});
  }

  // Answers the i-th add of a queue on the clock (at the current simulated time).
  template <class Added, class Answer>
  void answer(QueuedAdd<Added, Answer>& add, Result<Answer> result) {
    clock_.schedule_at(clock_.now(), [done = add.done, result = std::move(result)] { done(result); });
  }

 private:
  FakeClock& clock_;
};

}  // namespace sealsim::sealing::test
