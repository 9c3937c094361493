// terminate_batcher.cpp: TerminateBatcher (spec §11.3) on the simulated clock.
#include "sealing/terminate_batcher.hpp"

#include <algorithm>
#include <iterator>

#include "sealing/batcher_send.hpp"

namespace sealsim::sealing {

TerminateBatcher::TerminateBatcher(ActorId miner, TerminateBatcherApi& api, AddressSelector& addresses,
                                   FeeConfig fees, SealingConfigGetter config, Clock& clock)
    : miner_(miner),
      api_(api),
      addresses_(addresses),
      fees_(std::move(fees)),
      config_(std::move(config)),
      clock_(clock),
      loop_(clock, [this](BatcherWake wake) { iterate(wake); }) {}

void TerminateBatcher::add_termination(SectorId sector,
                                       std::function<void(Result<TerminationResult>)> done) {
  using R = Result<TerminationResult>;
  const auto location = api_.state_sector_partition(sector.number);
  if (!location) {
    answer_later(clock_, std::move(done), R::fail("getting sector location: " + location.error()));
    return;
  }
  if (!location->has_value()) {
    answer_later(clock_, std::move(done), R::fail("sector location not found"));
    return;
  }
  const SectorLocation loc = **location;
  const auto partitions = api_.state_miner_partitions(loc.deadline);
  if (!partitions) {
    answer_later(clock_, std::move(done),
                 R::fail("getting sector live partitions: " + partitions.error()));
    return;
  }
  if (loc.partition >= partitions->size()) {
    const std::string message = "sector " + std::to_string(sector.number) + " located in partition " +
                                std::to_string(loc.partition) + " of deadline " +
                                std::to_string(loc.deadline) + ", which has " +
                                std::to_string(partitions->size()) +
                                " partitions (Lotus v1.11.0 indexes out of range and the node crashes)";
    findings_.push_back(Finding{FindingKind::NodeCrash, message, {}});
    answer_later(clock_, std::move(done), R::fail(message));
    return;
  }
  if ((*partitions)[loc.partition].live_sectors.count(sector.number) == 0) {
    answer_later(clock_, std::move(done), R::ok(TerminationResult{std::nullopt, true}));
    return;
  }
  todo_[{loc.deadline, loc.partition}].insert(sector.number);
  waiting_[sector.number].push_back(std::move(done));
  loop_.notify();
}

std::optional<Cid> TerminateBatcher::flush() {
  loop_.flush();
  return last_message_;
}

std::vector<SectorId> TerminateBatcher::pending() const {
  std::vector<SectorId> out;
  for (const auto& [location, sectors] : todo_) {
    for (SectorNumber number : sectors) {
      out.push_back(SectorId{miner_, number});
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void TerminateBatcher::arm_timer() {
  // Lotus arms TerminateBatchWait at every iteration, queue or not; while nothing is queued a
  // timer iteration does nothing, and the next Add's notify iteration re-arms it anyway, so the
  // timer is left unarmed then (the simulation can become idle).
  if (todo_.empty()) {
    loop_.arm(std::nullopt);
  } else {
    loop_.arm(config_().terminate_batch_wait);
  }
}

void TerminateBatcher::iterate(BatcherWake wake) {
  last_message_ = process_batch(wake == BatcherWake::Notify, wake == BatcherWake::Timer);
  arm_timer();
}

std::optional<Cid> TerminateBatcher::process_batch(bool above_max, bool above_min) {
  last_error_.clear();
  const SealingConfig config = config_();
  const Result<ProvingDeadline> deadline = api_.state_miner_proving_deadline();
  if (!deadline) {
    last_error_ = "getting proving deadline info failed: " + deadline.error();
    return std::nullopt;
  }
  const std::uint64_t deadlines = kBatcherNetwork.wpost_period_deadlines;
  const std::uint64_t current = deadline->index % deadlines;
  const std::uint64_t next = (deadline->index + 1) % deadlines;
  const std::uint64_t previous = (deadline->index + deadlines - 1) % deadlines;

  TerminateSectorsParams params;
  std::uint64_t total = 0;
  for (auto& [location, bucket] : todo_) {  // (deadline, partition) order (Lotus: map order)
    const auto [dl, partition] = location;
    // Not in the deadline being proven, nor the next (the message may take a while to land),
    // nor the previous one (it may still be immutable).
    if (dl == current || dl == next || dl == previous) {
      continue;
    }
    if (bucket.empty()) {
      continue;
    }
    const auto partitions = api_.state_miner_partitions(dl);
    if (!partitions) {
      // Lotus logs and leaves the bucket for a later iteration.
      last_error_ = "getting sector live partitions: " + partitions.error();
      continue;
    }
    if (partition >= partitions->size()) {
      findings_.push_back(Finding{FindingKind::NodeCrash,
                                  "terminate batch: partition " + std::to_string(partition) + " of deadline " +
                                      std::to_string(dl) + " is beyond the deadline's " +
                                      std::to_string(partitions->size()) +
                                      " partitions (Lotus v1.11.0 indexes out of range and the node crashes)",
                                  {}});
      continue;
    }
    std::set<SectorNumber> live;
    const auto& live_sectors = (*partitions)[partition].live_sectors;
    std::set_intersection(bucket.begin(), bucket.end(), live_sectors.begin(), live_sectors.end(),
                          std::inserter(live, live.end()));
    std::uint64_t count = bucket.size();  // counted before the intersection, as Lotus does
    if (total + count > kBatcherNetwork.addressed_sectors_max) {
      count = kBatcherNetwork.addressed_sectors_max - total;
      std::set<SectorNumber> first;
      for (SectorNumber number : live) {
        if (first.size() >= count) {
          break;
        }
        first.insert(number);
      }
      live = std::move(first);
      for (SectorNumber number : live) {
        bucket.erase(number);
      }
    }
    total += count;
    params.terminations.push_back(TerminationDeclaration{dl, partition, live});
    if (total >= kBatcherNetwork.addressed_sectors_max || total >= config.terminate_batch_max ||
        params.terminations.size() >= kBatcherNetwork.declarations_max) {
      break;
    }
  }
  if (params.terminations.empty()) {
    return std::nullopt;
  }
  if (above_max && total < config.terminate_batch_max) {
    return std::nullopt;
  }
  if (above_min && total < config.terminate_batch_min) {
    return std::nullopt;
  }
  const Result<Cid> message = send_batch_message(
      api_, addresses_, AddressUse::Terminate, fees_.max_terminate_gas_fee,
      BatcherMessage{0, method::kTerminateSectors, TokenAmount{}, fees_.max_terminate_gas_fee, params});
  if (!message) {
    last_error_ = message.error();
    return std::nullopt;
  }
  for (const TerminationDeclaration& declaration : params.terminations) {
    const auto bucket = todo_.find({declaration.deadline, declaration.partition});
    if (bucket != todo_.end()) {
      for (SectorNumber number : bucket->second) {
        if (declaration.sectors.count(number) == 0) {
          unanswered_.push_back(number);  // Q11
        }
      }
      todo_.erase(bucket);  // the whole bucket, with the sectors the cap or the live set left out
    }
    for (SectorNumber number : declaration.sectors) {
      for (auto& done : waiting_[number]) {
        answer_later(clock_, std::move(done), Result<TerminationResult>::ok(TerminationResult{*message, false}));
      }
      waiting_.erase(number);
    }
  }
  return message.value();
}

}  // namespace sealsim::sealing
