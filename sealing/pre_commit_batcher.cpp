// pre_commit_batcher.cpp: PreCommitBatcher (spec §11.1) on the simulated clock.
#include "sealing/pre_commit_batcher.hpp"

#include <algorithm>
#include <utility>

#include "sealing/batcher_send.hpp"

namespace sealsim::sealing {

PreCommitBatcher::PreCommitBatcher(ActorId miner, PreCommitBatcherApi& api, AddressSelector& addresses,
                                   FeeConfig fees, SealingConfigGetter config, Clock& clock,
                                   SimSeconds block_delay)
    : miner_(miner),
      api_(api),
      addresses_(addresses),
      fees_(std::move(fees)),
      config_(std::move(config)),
      clock_(clock),
      block_delay_(block_delay),
      loop_(clock, [this](BatcherWake wake) { iterate(wake); }) {
  const SealingConfig initial = config_();
  max_wait_ = initial.pre_commit_batch_wait;
  slack_ = initial.pre_commit_batch_slack;
}

void PreCommitBatcher::add_pre_commit(const SectorInfo& sector, TokenAmount deposit,
                                      const SectorPreCommitInfo& params,
                                      std::function<void(Result<PreCommitBatchResult>)> done) {
  const Result<ChainHead> head = api_.chain_head();
  if (!head) {
    answer_later(clock_, std::move(done), Result<PreCommitBatchResult>::fail(head.error()));
    return;
  }
  // getPreCommitCutoff: the ticket expires MaxPreCommitRandomnessLookback epochs after its epoch;
  // a deal starting earlier moves the cutoff forward.
  ChainEpoch cutoff_epoch = sector.ticket_epoch + kBatcherNetwork.max_pre_commit_randomness_lookback;
  for (const Piece& piece : sector.pieces) {
    if (piece.deal) {
      cutoff_epoch = std::min(cutoff_epoch, piece.deal->schedule.start_epoch);
    }
  }
  const SectorNumber number = sector.sector_number;
  cutoffs_[number] = epoch_cutoff_time(cutoff_epoch, head->height, clock_.now(), block_delay_);
  todo_[number] = Entry{deposit, params};
  waiting_[number].push_back(std::move(done));
  loop_.notify();
}

std::vector<PreCommitBatchResult> PreCommitBatcher::flush() {
  loop_.flush();
  return last_results_;
}

std::vector<SectorId> PreCommitBatcher::pending() const {
  std::vector<SectorId> out;
  for (const auto& [number, entry] : todo_) {
    out.push_back(SectorId{miner_, number});
  }
  return out;  // the map is ordered: already sorted
}

void PreCommitBatcher::iterate(BatcherWake wake) {
  last_results_ = maybe_start_batch(wake == BatcherWake::Notify);
  loop_.arm(batch_wait(cutoffs_, clock_.now(), max_wait_, slack_));
}

std::vector<PreCommitBatchResult> PreCommitBatcher::maybe_start_batch(bool only_if_full) {
  last_error_.clear();
  if (todo_.empty()) {
    return {};
  }
  const SealingConfig config = config_();
  if (only_if_full && todo_.size() < config.max_pre_commit_batch) {
    return {};
  }
  BatchOutcome outcome = process_batch(config);
  if (!outcome.error.empty() && outcome.results.empty()) {
    last_error_ = outcome.error;  // the sectors stay queued
    return {};
  }
  answer_batched_sectors(clock_, outcome.results, outcome.error, todo_, waiting_, cutoffs_);
  return std::move(outcome.results);
}

PreCommitBatcher::BatchOutcome PreCommitBatcher::process_batch(const SealingConfig& config) {
  BatchOutcome outcome;
  PreCommitBatchResult result;
  PreCommitSectorBatchParams params;
  TokenAmount deposit;
  for (const auto& [number, entry] : todo_) {  // sector-number order (Lotus: map order)
    if (params.sectors.size() >= config.max_pre_commit_batch) {
      break;  // "precommit batch full"
    }
    result.sectors.push_back(number);
    params.sectors.push_back(entry.params);
    deposit += entry.deposit;
  }
  auto fail = [&](std::string error) {
    outcome.results.push_back(result);
    outcome.error = std::move(error);
    return outcome;
  };

  const TokenAmount max_fee =
      fees_.max_pre_commit_batch_gas_fee.for_sectors(static_cast<std::int64_t>(params.sectors.size()));
  const Result<Cid> message =
      send_batch_message(api_, addresses_, AddressUse::PreCommit, deposit,
                         BatcherMessage{0, method::kPreCommitSectorBatch, deposit, max_fee, std::move(params)});
  if (!message) {
    return fail(message.error());
  }
  result.message = *message;
  outcome.results.push_back(std::move(result));
  return outcome;
}

}  // namespace sealsim::sealing
