// commit_batcher.cpp: CommitBatcher (spec §11.2) on the simulated clock.
#include "sealing/commit_batcher.hpp"

#include <algorithm>
#include <utility>

#include "sealing/batcher_send.hpp"

namespace sealsim::sealing {

CommitBatcher::CommitBatcher(ActorId miner, CommitBatcherApi& api, AddressSelector& addresses,
                             AggregateProver& prover, FeeConfig fees, SealingConfigGetter config,
                             Clock& clock, SimSeconds block_delay)
    : miner_(miner),
      api_(api),
      addresses_(addresses),
      prover_(prover),
      fees_(std::move(fees)),
      config_(std::move(config)),
      clock_(clock),
      block_delay_(block_delay),
      loop_(clock, [this](BatcherWake wake) { iterate(wake); }) {
  const SealingConfig initial = config_();
  max_wait_ = initial.commit_batch_wait;
  slack_ = initial.commit_batch_slack;
}

void CommitBatcher::record_crash(std::string message) {
  findings_.push_back(Finding{FindingKind::NodeCrash, std::move(message), {}});
}

void CommitBatcher::add_commit(const SectorInfo& sector, AggregateInput input,
                               std::function<void(Result<CommitBatchResult>)> done) {
  using R = Result<CommitBatchResult>;
  // getCommitCutoff.
  const Result<ChainHead> head = api_.chain_head();
  if (!head) {
    answer_later(clock_, std::move(done), R::fail("getting chain head: " + head.error()));
    return;
  }
  const Result<std::int64_t> version = api_.state_network_version(head->token);
  if (!version) {
    answer_later(clock_, std::move(done), R::fail("getting network version: " + version.error()));
    return;
  }
  const auto pci = api_.state_sector_pre_commit_info(sector.sector_number, head->token);
  if (!pci) {
    answer_later(clock_, std::move(done), R::fail(pci.error()));
    return;
  }
  if (!pci->has_value()) {
    const std::string message = "commit cutoff for sector " + std::to_string(sector.sector_number) +
                                ": precommit info not found on chain (Lotus v1.11.0 dereferences a "
                                "nil pointer here and the node crashes, Q10)";
    record_crash(message);
    answer_later(clock_, std::move(done), R::fail(message));
    return;
  }
  ChainEpoch cutoff_epoch = (*pci)->pre_commit_epoch + kBatcherNetwork.max_prove_commit_duration(sector.sector_type);
  for (const Piece& piece : sector.pieces) {
    if (piece.deal) {
      cutoff_epoch = std::min(cutoff_epoch, piece.deal->schedule.start_epoch);
    }
  }
  const SectorNumber number = sector.sector_number;
  cutoffs_[number] = epoch_cutoff_time(cutoff_epoch, head->height, clock_.now(), block_delay_);
  todo_[number] = std::move(input);
  waiting_[number].push_back(std::move(done));
  loop_.notify();
}

std::vector<CommitBatchResult> CommitBatcher::flush() {
  loop_.flush();
  return last_results_;
}

std::vector<SectorId> CommitBatcher::pending() const {
  std::vector<SectorId> out;
  for (const auto& [number, input] : todo_) {
    out.push_back(SectorId{miner_, number});
  }
  return out;
}

void CommitBatcher::iterate(BatcherWake wake) {
  last_results_ = maybe_start_batch(wake == BatcherWake::Notify);
  loop_.arm(batch_wait(cutoffs_, clock_.now(), max_wait_, slack_));
}

std::vector<CommitBatchResult> CommitBatcher::maybe_start_batch(bool only_if_full) {
  last_error_.clear();
  const std::size_t total = todo_.size();
  if (total == 0) {
    return {};
  }
  const SealingConfig config = config_();
  if (only_if_full && total < config.max_commit_batch) {
    return {};
  }
  bool individual = total < config.min_commit_batch || total < kBatcherNetwork.min_aggregated_sectors;
  if (!individual && config.aggregate_above_base_fee_atto != 0) {
    const Result<ChainHead> head = api_.chain_head();
    if (!head) {
      last_error_ = "getting chain head: " + head.error();
      return {};
    }
    const Result<TokenAmount> base_fee = api_.chain_base_fee(head->token);
    if (!base_fee) {
      last_error_ = "couldn't get base fee: " + base_fee.error();
      return {};
    }
    if (*base_fee < TokenAmount(config.aggregate_above_base_fee_atto)) {
      individual = true;  // aggregation costs more than it saves at this base fee
    }
  }
  BatchOutcome outcome = individual ? process_individually() : process_batch(config);
  if (!outcome.error.empty() && outcome.results.empty()) {
    last_error_ = outcome.error;  // the sectors stay queued
    return {};
  }
  answer_batched_sectors(clock_, outcome.results, outcome.error, todo_, waiting_, cutoffs_);
  return std::move(outcome.results);
}

Result<TokenAmount> CommitBatcher::sector_collateral(SectorNumber number, const TipSetToken& tok) {
  const auto pci = api_.state_sector_pre_commit_info(number, tok);
  if (!pci) {
    return Result<TokenAmount>::fail("getting precommit info: " + pci.error());
  }
  if (!pci->has_value()) {
    return Result<TokenAmount>::fail("precommit info not found on chain");
  }
  const Result<TokenAmount> pledge = api_.state_miner_initial_pledge_collateral((*pci)->info, tok);
  if (!pledge) {
    return Result<TokenAmount>::fail("getting initial pledge collateral: " + pledge.error());
  }
  return Result<TokenAmount>::ok(max_amount(TokenAmount{}, *pledge - (*pci)->pre_commit_deposit));
}

CommitBatcher::BatchOutcome CommitBatcher::process_individually() {
  BatchOutcome outcome;
  const Result<MinerInfo> info = batcher_miner_info(api_);
  if (!info) {
    outcome.error = info.error();
    return outcome;
  }
  const Result<ChainHead> head = api_.chain_head();
  if (!head) {
    outcome.error = head.error();
    return outcome;
  }
  for (const auto& [number, input] : todo_) {  // every queued sector, sector-number order
    CommitBatchResult result;
    result.sectors = {number};
    // processSingle.
    const Result<TokenAmount> collateral = sector_collateral(number, head->token);
    if (!collateral) {
      result.failed_sectors[number] = collateral.error();
      outcome.results.push_back(std::move(result));
      continue;
    }
    const Result<Cid> message = send_from_selected_address(
        api_, addresses_, *info, AddressUse::Commit, *collateral,
        BatcherMessage{0, method::kProveCommitSector, *collateral, fees_.max_commit_gas_fee,
                       ProveCommitSectorParams{number, input.proof}},
        kSingleCommitSendWording);
    if (!message) {
      result.failed_sectors[number] = message.error();
    } else {
      result.message = *message;
    }
    outcome.results.push_back(std::move(result));
  }
  return outcome;
}

CommitBatcher::BatchOutcome CommitBatcher::process_batch(const SealingConfig& config) {
  BatchOutcome outcome;
  const Result<ChainHead> head = api_.chain_head();
  if (!head) {
    outcome.error = head.error();
    return outcome;
  }
  CommitBatchResult result;
  ProveCommitAggregateParams params;
  std::vector<AggregateSealVerifyInfo> infos;
  std::vector<Bytes> proofs;
  TokenAmount collateral;
  for (const auto& [number, input] : todo_) {  // sector-number order (Lotus: map order)
    if (infos.size() >= config.max_commit_batch) {
      break;  // "commit batch full"
    }
    result.sectors.push_back(number);
    const Result<TokenAmount> sector_collateral_amount = sector_collateral(number, head->token);
    if (!sector_collateral_amount) {
      result.failed_sectors[number] = sector_collateral_amount.error();
      continue;
    }
    collateral += *sector_collateral_amount;
    params.sector_numbers.insert(number);
    infos.push_back(AggregateSealVerifyInfo{number, input.ticket, input.seed, input.sealed_cid,
                                            input.unsealed_cid});
    proofs.push_back(input.proof);  // infos are visited in sector order: proofs follow them
  }
  auto fail = [&](std::string error) {
    outcome.results.push_back(result);
    outcome.error = std::move(error);
    return outcome;
  };
  if (infos.empty()) {
    const std::string message =
        "aggregating proofs: every sector of the batch failed (Lotus v1.11.0 indexes the empty "
        "list of infos here and the node crashes, Q10)";
    record_crash(message);
    return fail(message);
  }
  const Result<Bytes> aggregate = prover_.aggregate_seal_proofs(
      AggregateSealRequest{miner_, todo_.at(infos.front().number).seal_proof, kSnarkPackV1, infos}, proofs);
  if (!aggregate) {
    return fail("aggregating proofs: " + aggregate.error());
  }
  params.aggregate_proof = *aggregate;
  const Result<MinerInfo> info = batcher_miner_info(api_);
  if (!info) {
    return fail(info.error());
  }
  const TokenAmount max_fee =
      fees_.max_commit_batch_gas_fee.for_sectors(static_cast<std::int64_t>(infos.size()));
  const Result<TokenAmount> base_fee = api_.chain_base_fee(head->token);
  if (!base_fee) {
    return fail("couldn't get base fee: " + base_fee.error());
  }
  const Result<std::int64_t> version = api_.state_network_version(head->token);
  if (!version) {
    return fail("getting network version: " + version.error());
  }
  const TokenAmount aggregate_fee = aggregate_network_fee(*version, infos.size(), *base_fee) * 110 / 100;
  const TokenAmount need_funds = collateral + aggregate_fee;
  const Result<Cid> message = send_from_selected_address(
      api_, addresses_, *info, AddressUse::Commit, need_funds,
      BatcherMessage{0, method::kProveCommitAggregate, need_funds, max_fee, std::move(params)});
  if (!message) {
    return fail(message.error());
  }
  result.message = *message;
  outcome.results.push_back(std::move(result));
  return outcome;
}

}  // namespace sealsim::sealing
