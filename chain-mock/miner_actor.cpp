// miner_actor.cpp: storage miner actor methods and cron.
#include "chain-mock/miner_actor.hpp"

#include <algorithm>
#include <set>

#include "chain-mock/deadlines.hpp"
#include "chain-mock/deposits.hpp"
#include "chain-mock/market_actor.hpp"

namespace sealsim::chain::miner {
namespace {

std::string sector_str(SectorNumber n) { return "sector " + std::to_string(n); }

bool is_control(const MinerState& miner, Address caller) {
  if (caller == miner.info.worker || caller == miner.info.owner) return true;
  return std::find(miner.info.control_addresses.begin(), miner.info.control_addresses.end(), caller) !=
         miner.info.control_addresses.end();
}

ActorResult validate_expiration(const ChainConfig& config, ChainEpoch epoch, ChainEpoch activation, ChainEpoch expiration) {
  if (expiration <= activation) {
    return actor_fail(ExitCode::ErrIllegalArgument, "sector expiration " + std::to_string(expiration) +
                                                        " must be after activation " + std::to_string(activation));
  }
  if (expiration - activation < config.min_sector_expiration) {
    return actor_fail(ExitCode::ErrIllegalArgument, "invalid expiration " + std::to_string(expiration) + ", total sector lifetime (" +
                                                        std::to_string(expiration - activation) + ") must exceed " +
                                                        std::to_string(config.min_sector_expiration) + " after activation");
  }
  if (expiration > epoch + config.max_sector_expiration_extension) {
    return actor_fail(ExitCode::ErrIllegalArgument, "invalid expiration " + std::to_string(expiration) + ", cannot be more than " +
                                                        std::to_string(config.max_sector_expiration_extension) + " past current epoch");
  }
  return actor_ok();
}

// The seal inputs of a precommitted sector as the chain sees them now.
SealVerifyInfo seal_info_for(ActorRuntime& rt, ActorId miner_id, const SectorPreCommitOnChainInfo& pc, Node32 comm_d) {
  Bytes entropy = Address{miner_id}.to_cbor();
  SealVerifyInfo info;
  info.seal_proof = pc.info.seal_proof;
  info.sector = SectorId{miner_id, pc.info.sector_number};
  info.ticket = rt.ticket_randomness(DomainSeparationTag::SealRandomness, pc.info.seal_rand_epoch, entropy);
  info.seed = rt.beacon_randomness(DomainSeparationTag::InteractiveSealChallengeSeed,
                                   rt.config.seed_epoch(pc.precommit_epoch), entropy);
  info.sealed_cid = pc.info.sealed_cid;
  info.unsealed_cid = comm_d;
  return info;
}

// Moves a verified precommit into the sector set: deals activated, pledge locked, deposit unlocked.
// Returns false (state untouched) when deals cannot be activated or the pledge is not covered.
ActorResult activate_sector(ActorRuntime& rt, ActorId miner_id, SectorNumber n) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  const SectorPreCommitOnChainInfo pc = miner.precommits.at(n);
  TokenAmount pledge = initial_pledge_for(rt.config, pc.info.seal_proof);
  TokenAmount available = available_balance(rt.state, miner_id) + pc.precommit_deposit;
  if (available < pledge) {
    return actor_fail(ExitCode::ErrInsufficientFunds, "insufficient funds for initial pledge of " + sector_str(n));
  }
  ActorResult deals = market::activate_deals(rt, miner_id, pc.info.deal_ids, pc.info.expiration, n);
  if (!deals.ok()) return deals;
  miner.precommit_deposits -= pc.precommit_deposit;
  miner.initial_pledge += pledge;
  miner.precommits.erase(n);
  SectorOnChainInfo sector;
  sector.sector_number = n;
  sector.seal_proof = pc.info.seal_proof;
  sector.sealed_cid = pc.info.sealed_cid;
  sector.deal_ids = pc.info.deal_ids;
  sector.activation = rt.epoch;
  sector.expiration = pc.info.expiration;
  sector.initial_pledge = pledge;
  miner.sectors[n] = sector;
  miner.earliest_expiration_bound = std::min(miner.earliest_expiration_bound, sector.expiration);
  SectorLocation loc = assign_sector(rt.config, miner, rt.epoch, n);
  rt.record("sector_activated", miner_id, n,
            "deadline " + std::to_string(loc.deadline) + " partition " + std::to_string(loc.partition));
  return actor_ok();
}

// Checks a (deadline, partition, sectors) declaration against the miner's partitions.
ActorResult check_declaration(const ChainConfig& config, const MinerState& miner, const SectorDeclaration& d) {
  if (d.deadline >= config.wpost_period_deadlines) {
    return actor_fail(ExitCode::ErrIllegalArgument, "invalid deadline " + std::to_string(d.deadline));
  }
  const Deadline& deadline = miner.deadlines[d.deadline];
  if (d.partition >= deadline.partitions.size()) {
    return actor_fail(ExitCode::ErrNotFound, "no partition " + std::to_string(d.partition) + " in deadline " + std::to_string(d.deadline));
  }
  const Partition& partition = deadline.partitions[d.partition];
  for (SectorNumber n : d.sectors) {
    if (!partition.is_live(n)) {
      return actor_fail(ExitCode::ErrIllegalArgument, sector_str(n) + " is not a live sector of deadline " +
                                                          std::to_string(d.deadline) + " partition " + std::to_string(d.partition));
    }
  }
  return actor_ok();
}

ActorResult check_fault_cutoff(const ChainConfig& config, const MinerState& miner, ChainEpoch epoch, std::uint64_t deadline) {
  DeadlineInfo next = next_deadline_occurrence(config, miner.proving_period_offset, epoch, deadline);
  if (epoch >= next.fault_cutoff) {
    return actor_fail(ExitCode::ErrIllegalArgument, "late fault or recovery declaration for deadline " + std::to_string(deadline) +
                                                        " at epoch " + std::to_string(epoch));
  }
  return actor_ok();
}

void burn_capped(ActorRuntime& rt, ActorId miner_id, TokenAmount fee) {
  TokenAmount paid = min_amount(fee, available_balance(rt.state, miner_id));
  if (paid > TokenAmount()) burn(rt.state, miner_id, paid);
}

void close_deadline(ActorRuntime& rt, ActorId miner_id, MinerState& miner, const DeadlineInfo& dl) {
  Deadline& deadline = miner.deadlines.mutate(dl.index);
  // The fault fees of the whole deadline are burnt at once, capped by the available balance: the
  // same total as capping each sector's fee in turn (fees are never negative), at one transfer.
  TokenAmount fault_fees;
  for (std::size_t p = 0; p < deadline.partitions.size(); ++p) {
    Partition& partition = deadline.partitions[p];
    bool proven = deadline.proven_partitions.count(p) != 0;
    if (!proven) {
      for (SectorNumber n : partition.sectors) {
        if (partition.terminated.count(n) != 0 || partition.faults.count(n) != 0) continue;  // not active
        // Sectors activated after this window opened are not yet due.
        const auto sector = miner.sectors.find(n);
        if (sector != miner.sectors.end() && sector->second.activation < dl.open) {
          partition.faults.insert(n);
          rt.record("sector_faulty_missed_post", miner_id, n);
        }
      }
    }
    for (SectorNumber n : partition.faults) {
      const auto sector = miner.sectors.find(n);
      if (sector != miner.sectors.end()) fault_fees += fault_fee_for(rt.config, sector->second.initial_pledge);
    }
  }
  burn_capped(rt, miner_id, fault_fees);
  deadline.proven_partitions.clear();
}

}  // namespace

TokenAmount available_balance(const StateTree& state, ActorId miner_id) {
  const MinerState* miner = state.find_miner(miner_id);
  const ActorEntry* actor = state.find_actor(miner_id);
  return actor->balance - miner->precommit_deposits - miner->initial_pledge;
}

TokenAmount aggregate_network_fee(std::size_t sectors, TokenAmount base_fee) {
  TokenAmount floor_fee = max_amount(base_fee, TokenAmount::from_nano(2));
  return TokenAmount(floor_fee.atto() * 65'733'297 * static_cast<TokenAmount::Rep>(sectors) / 20);
}

MinerState make_miner_state(const ChainConfig& config, const MinerInfo& info, ChainEpoch proving_period_offset) {
  MinerState state;
  state.info = info;
  state.proving_period_offset = proving_period_offset;
  state.deadlines.resize(config.wpost_period_deadlines);
  return state;
}

ActorResult pre_commit_sectors(ActorRuntime& rt, ActorId miner_id, Address caller, const std::vector<SectorPreCommitInfo>& sectors,
                               bool batch) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (!is_control(miner, caller)) {
    return actor_fail(ExitCode::ErrForbidden, "caller " + caller.to_string() + " is not the worker or a control address");
  }
  if (batch && sectors.empty()) return actor_fail(ExitCode::ErrIllegalArgument, "batch empty");
  if (sectors.size() > rt.config.pre_commit_sector_batch_max_size) {
    return actor_fail(ExitCode::ErrIllegalArgument, "batch of " + std::to_string(sectors.size()) + " too large, max " +
                                                        std::to_string(rt.config.pre_commit_sector_batch_max_size));
  }
  std::set<SectorNumber> in_batch;
  TokenAmount deposit;
  for (const SectorPreCommitInfo& pc : sectors) {
    const SealProofInfo& proof = seal_proof_info(pc.seal_proof);
    if (pc.seal_proof != miner.info.seal_proof_type) {
      return actor_fail(ExitCode::ErrIllegalArgument, "sector seal proof " + std::string(proof.name) + " must match miner seal proof type");
    }
    if (pc.sector_number > rt.config.max_sector_number) {
      return actor_fail(ExitCode::ErrIllegalArgument, "sector number " + std::to_string(pc.sector_number) + " out of range");
    }
    if (miner.allocated_sectors.count(pc.sector_number) != 0 || !in_batch.insert(pc.sector_number).second) {
      return actor_fail(ExitCode::ErrIllegalArgument, sector_str(pc.sector_number) + " already allocated");
    }
    if (pc.seal_rand_epoch >= rt.epoch) {
      return actor_fail(ExitCode::ErrIllegalArgument, "seal challenge epoch " + std::to_string(pc.seal_rand_epoch) +
                                                          " must be before now " + std::to_string(rt.epoch));
    }
    ChainEpoch earliest = rt.epoch - rt.config.max_pre_commit_randomness_lookback;
    if (pc.seal_rand_epoch < earliest) {
      return actor_fail(ExitCode::ErrIllegalArgument, "seal challenge epoch " + std::to_string(pc.seal_rand_epoch) +
                                                          " too old, must be after " + std::to_string(earliest));
    }
    if (pc.deal_ids.size() > proof.max_deals_per_sector()) {
      return actor_fail(ExitCode::ErrIllegalArgument, "too many deals for sector " + std::to_string(pc.deal_ids.size()));
    }
    ActorResult expiry = validate_expiration(rt.config, rt.epoch, rt.epoch + rt.config.max_prove_commit_duration(pc.seal_proof),
                                             pc.expiration);
    if (!expiry.ok()) return expiry;
    ActorResult deals = market::verify_deals_for_activation(rt, miner_id, pc.deal_ids, pc.expiration);
    if (!deals.ok()) {
      deals.error = "failed to verify deals of " + sector_str(pc.sector_number) + ": " + deals.error;
      return deals;
    }
    deposit += precommit_deposit_for(rt.config, pc.seal_proof);
  }
  if (available_balance(rt.state, miner_id) < deposit) {
    return actor_fail(ExitCode::ErrInsufficientFunds, "insufficient funds " + available_balance(rt.state, miner_id).to_string() +
                                                          " for pre-commit deposit " + deposit.to_string());
  }
  for (const SectorPreCommitInfo& pc : sectors) {
    TokenAmount d = precommit_deposit_for(rt.config, pc.seal_proof);
    miner.allocated_sectors.insert(pc.sector_number);
    miner.precommits[pc.sector_number] = SectorPreCommitOnChainInfo{pc, d, rt.epoch};
    miner.earliest_precommit_expiry_bound =
        std::min(miner.earliest_precommit_expiry_bound, rt.config.precommit_expiry_epoch(rt.epoch, pc.seal_proof));
    miner.precommit_deposits += d;
    rt.record("sector_precommitted", miner_id, pc.sector_number);
  }
  return actor_ok();
}

ActorResult prove_commit_sector(ActorRuntime& rt, ActorId miner_id, const ProveCommitSectorParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (params.proof.size() > kMaxProveCommitSize && !rt.verifier.lifts_proof_size_limit()) {
    return actor_fail(ExitCode::ErrIllegalArgument, "sector prove-commit proof of size " + std::to_string(params.proof.size()) +
                                                        " exceeds max size of " + std::to_string(kMaxProveCommitSize));
  }
  auto it = miner.precommits.find(params.sector_number);
  if (it == miner.precommits.end()) {
    return actor_fail(ExitCode::ErrNotFound, "no precommitted sector " + std::to_string(params.sector_number));
  }
  const SectorPreCommitOnChainInfo& pc = it->second;
  ChainEpoch msd = rt.config.max_prove_commit_duration(pc.info.seal_proof);
  if (rt.epoch > pc.precommit_epoch + msd) {
    return actor_fail(ExitCode::ErrIllegalArgument, "commitment proof for " + std::to_string(params.sector_number) +
                                                        " too late at " + std::to_string(rt.epoch) + ", due " +
                                                        std::to_string(pc.precommit_epoch + msd));
  }
  if (rt.epoch <= rt.config.seed_epoch(pc.precommit_epoch)) {
    return actor_fail(ExitCode::ErrForbidden, "too early to prove sector " + std::to_string(params.sector_number));
  }
  miner.pending_prove_commits[params.sector_number] = params.proof;
  rt.record("prove_commit_received", miner_id, params.sector_number);
  return actor_ok();
}

ActorResult prove_commit_aggregate(ActorRuntime& rt, ActorId miner_id, Address caller, const ProveCommitAggregateParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (!is_control(miner, caller)) {
    return actor_fail(ExitCode::ErrForbidden, "caller " + caller.to_string() + " is not the worker or a control address");
  }
  std::set<SectorNumber> numbers(params.sector_numbers.begin(), params.sector_numbers.end());
  if (numbers.size() > rt.config.max_aggregated_sectors) {
    return actor_fail(ExitCode::ErrIllegalArgument, "too many sectors addressed, addressed " + std::to_string(numbers.size()) +
                                                        " want <= " + std::to_string(rt.config.max_aggregated_sectors));
  }
  if (numbers.size() < rt.config.min_aggregated_sectors) {
    return actor_fail(ExitCode::ErrIllegalArgument, "too few sectors addressed, addressed " + std::to_string(numbers.size()) +
                                                        " want >= " + std::to_string(rt.config.min_aggregated_sectors));
  }
  AggregateSealVerifyInfo aggregate;
  aggregate.aggregate_proof = params.aggregate_proof;
  TokenAmount pledge;
  TokenAmount released_deposits;
  for (SectorNumber n : numbers) {
    auto it = miner.precommits.find(n);
    if (it == miner.precommits.end()) return actor_fail(ExitCode::ErrNotFound, "no precommitted sector " + std::to_string(n));
    const SectorPreCommitOnChainInfo& pc = it->second;
    ChainEpoch msd = rt.config.max_prove_commit_duration(pc.info.seal_proof);
    if (rt.epoch > pc.precommit_epoch + msd) {
      return actor_fail(ExitCode::ErrIllegalArgument, "commitment proof for " + std::to_string(n) + " too late");
    }
    if (rt.epoch <= rt.config.seed_epoch(pc.precommit_epoch)) {
      return actor_fail(ExitCode::ErrForbidden, "too early to prove sector " + std::to_string(n));
    }
    Node32 comm_d{};
    ActorResult cd = market::compute_data_commitment(rt.state, pc.info.seal_proof, pc.info.deal_ids, comm_d);
    if (!cd.ok()) return cd;
    aggregate.seal_proof = pc.info.seal_proof;
    aggregate.infos.push_back(seal_info_for(rt, miner_id, pc, comm_d));
    ActorResult deals = market::verify_deals_for_activation(rt, miner_id, pc.info.deal_ids, pc.info.expiration);
    if (!deals.ok()) return deals;
    pledge += initial_pledge_for(rt.config, pc.info.seal_proof);
    released_deposits += pc.precommit_deposit;
  }
  if (!rt.verifier.verify_aggregate_seals(aggregate)) {
    return actor_fail(ExitCode::ErrIllegalArgument, "aggregate seal verify failed");
  }
  TokenAmount unlocked = available_balance(rt.state, miner_id) + released_deposits;
  if (unlocked < pledge) {
    return actor_fail(ExitCode::ErrInsufficientFunds, "insufficient funds for aggregate initial pledge requirement " + pledge.to_string() +
                                                          ", available: " + unlocked.to_string());
  }
  TokenAmount fee = aggregate_network_fee(numbers.size(), rt.config.base_fee);
  if (unlocked - pledge < fee) {
    return actor_fail(ExitCode::ErrInsufficientFunds, "remaining unlocked funds after prove-commit (" + (unlocked - pledge).to_string() +
                                                          ") are insufficient to pay aggregation fee (" + fee.to_string() + ")");
  }
  for (SectorNumber n : numbers) {
    ActorResult activated = activate_sector(rt, miner_id, n);
    if (!activated.ok()) return activated;  // unreachable: every condition was checked above
  }
  burn(rt.state, miner_id, fee);
  return actor_ok();
}

ActorResult submit_windowed_post(ActorRuntime& rt, ActorId miner_id, Address caller, const SubmitWindowedPoStParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (!is_control(miner, caller)) {
    return actor_fail(ExitCode::ErrForbidden, "caller " + caller.to_string() + " is not the worker or a control address");
  }
  if (params.deadline >= rt.config.wpost_period_deadlines) {
    return actor_fail(ExitCode::ErrIllegalArgument, "invalid deadline " + std::to_string(params.deadline));
  }
  DeadlineInfo dl = deadline_info_at(rt.config, miner.proving_period_offset, rt.epoch);
  if (params.deadline != dl.index) {
    return actor_fail(ExitCode::ErrIllegalArgument, "invalid deadline " + std::to_string(params.deadline) + " at epoch " +
                                                        std::to_string(rt.epoch) + ", expected " + std::to_string(dl.index));
  }
  const Deadline& deadline = miner.deadlines[dl.index];
  WindowPoStVerifyInfo info;
  info.miner = miner_id;
  for (std::uint64_t p : params.partitions) {
    if (p >= deadline.partitions.size()) {
      return actor_fail(ExitCode::ErrNotFound, "no partition " + std::to_string(p) + " in deadline " + std::to_string(dl.index));
    }
    const Partition& partition = deadline.partitions[p];
    for (SectorNumber n : partition.live()) {
      if (partition.faults.count(n) == 0 || partition.recoveries.count(n) != 0) info.sectors.push_back(n);
    }
  }
  std::sort(info.sectors.begin(), info.sectors.end());
  info.randomness = rt.beacon_randomness(DomainSeparationTag::WindowedPoStChallengeSeed, dl.challenge, Address{miner_id}.to_cbor());
  info.proof = params.proof;
  if (!rt.verifier.verify_window_post(info)) return actor_fail(ExitCode::ErrIllegalArgument, "invalid PoSt");
  Deadline& proven = miner.deadlines.mutate(dl.index);
  for (std::uint64_t p : params.partitions) {
    Partition& partition = proven.partitions[p];
    for (SectorNumber n : partition.recoveries) partition.faults.erase(n);
    partition.recoveries.clear();
    proven.proven_partitions.insert(p);
  }
  rt.record("window_post_accepted", miner_id, dl.index);
  return actor_ok();
}

ActorResult declare_faults(ActorRuntime& rt, ActorId miner_id, Address caller, const DeclareFaultsParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (!is_control(miner, caller)) return actor_fail(ExitCode::ErrForbidden, "caller is not the worker or a control address");
  if (params.faults.size() > rt.config.declarations_max) return actor_fail(ExitCode::ErrIllegalArgument, "too many fault declarations");
  for (const SectorDeclaration& d : params.faults) {
    ActorResult check = check_declaration(rt.config, miner, d);
    if (!check.ok()) return check;
    check = check_fault_cutoff(rt.config, miner, rt.epoch, d.deadline);
    if (!check.ok()) return check;
  }
  for (const SectorDeclaration& d : params.faults) {
    Partition& partition = miner.deadlines.mutate(d.deadline).partitions[d.partition];
    for (SectorNumber n : d.sectors) {
      partition.faults.insert(n);
      partition.recoveries.erase(n);
      rt.record("sector_fault_declared", miner_id, n);
    }
  }
  return actor_ok();
}

ActorResult declare_faults_recovered(ActorRuntime& rt, ActorId miner_id, Address caller, const DeclareFaultsRecoveredParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (!is_control(miner, caller)) return actor_fail(ExitCode::ErrForbidden, "caller is not the worker or a control address");
  if (params.recoveries.size() > rt.config.declarations_max) return actor_fail(ExitCode::ErrIllegalArgument, "too many recovery declarations");
  for (const SectorDeclaration& d : params.recoveries) {
    ActorResult check = check_declaration(rt.config, miner, d);
    if (!check.ok()) return check;
    check = check_fault_cutoff(rt.config, miner, rt.epoch, d.deadline);
    if (!check.ok()) return check;
  }
  for (const SectorDeclaration& d : params.recoveries) {
    Partition& partition = miner.deadlines.mutate(d.deadline).partitions[d.partition];
    for (SectorNumber n : d.sectors) {
      if (partition.faults.count(n) == 0) continue;  // only faulty sectors can recover (actors ignore the rest)
      partition.recoveries.insert(n);
      rt.record("sector_recovery_declared", miner_id, n);
    }
  }
  return actor_ok();
}

ActorResult terminate_sectors(ActorRuntime& rt, ActorId miner_id, Address caller, const TerminateSectorsParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (!is_control(miner, caller)) return actor_fail(ExitCode::ErrForbidden, "caller is not the worker or a control address");
  if (params.terminations.size() > rt.config.declarations_max) {
    return actor_fail(ExitCode::ErrIllegalArgument, "too many declarations when terminating sectors");
  }
  std::size_t addressed = 0;
  for (const SectorDeclaration& d : params.terminations) {
    addressed += d.sectors.size();
    ActorResult check = check_declaration(rt.config, miner, d);
    if (!check.ok()) return check;
    if (!deadline_is_mutable(rt.config, miner.proving_period_offset, rt.epoch, d.deadline)) {
      return actor_fail(ExitCode::ErrIllegalArgument, "cannot terminate sectors in immutable deadline " + std::to_string(d.deadline));
    }
  }
  if (addressed > rt.config.addressed_sectors_max) return actor_fail(ExitCode::ErrIllegalArgument, "too many sectors for termination");
  for (const SectorDeclaration& d : params.terminations) {
    Partition& partition = miner.deadlines.mutate(d.deadline).partitions[d.partition];
    for (SectorNumber n : d.sectors) {
      if (!partition.is_live(n)) continue;  // listed twice
      partition.terminated.insert(n);
      partition.faults.erase(n);
      partition.recoveries.erase(n);
      SectorOnChainInfo sector = miner.sectors.at(n);
      miner.sectors.erase(n);
      miner.initial_pledge -= sector.initial_pledge;
      burn(rt.state, miner_id, termination_fee_for(rt.config, sector.initial_pledge));
      market::on_miner_sectors_terminate(rt, miner_id, sector.deal_ids);
      rt.record("sector_terminated", miner_id, n);
    }
  }
  return actor_ok(TerminateSectorsReturn{true});
}

ActorResult withdraw_balance(ActorRuntime& rt, ActorId miner_id, Address caller, const WithdrawMinerBalanceParams& params) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  if (caller != miner.info.owner) return actor_fail(ExitCode::ErrForbidden, "caller is not the owner");
  if (params.amount.is_negative()) return actor_fail(ExitCode::ErrIllegalArgument, "negative fund requested for withdrawal");
  TokenAmount amount = min_amount(params.amount, available_balance(rt.state, miner_id));
  transfer(rt.state, miner_id, miner.info.owner.id, amount);
  return actor_ok();
}

void cron_tick(ActorRuntime& rt, ActorId miner_id) {
  MinerState& miner = *rt.state.find_miner(miner_id);
  // 1. Confirm prove-commits received this epoch (power actor cron → ConfirmSectorProofsValid).
  std::map<SectorNumber, Bytes> pending;
  pending.swap(miner.pending_prove_commits);
  for (const auto& [n, proof] : pending) {
    auto it = miner.precommits.find(n);
    if (it == miner.precommits.end()) continue;  // proven by an aggregate meanwhile
    Node32 comm_d{};
    ActorResult cd = market::compute_data_commitment(rt.state, it->second.info.seal_proof, it->second.info.deal_ids, comm_d);
    if (!cd.ok()) {
      rt.record("prove_commit_rejected", miner_id, n, cd.error);
      continue;
    }
    SealVerifyInfo info = seal_info_for(rt, miner_id, it->second, comm_d);
    info.proof = proof;
    if (!rt.verifier.verify_seal(info)) {
      rt.record("prove_commit_rejected", miner_id, n, "invalid seal proof");
      continue;
    }
    ActorResult activated = activate_sector(rt, miner_id, n);
    if (!activated.ok()) rt.record("prove_commit_rejected", miner_id, n, activated.error);
  }
  // 2. Expired precommits: removed, deposit burnt, number stays allocated. Scanned only when the
  // bound says one can have expired; the scan sets it to the earliest expiry left.
  std::vector<SectorNumber> expired;
  if (rt.epoch >= miner.earliest_precommit_expiry_bound) {
    ChainEpoch earliest_left = kNoEpochBound;
    for (const auto& [n, pc] : miner.precommits) {
      const ChainEpoch expiry = rt.config.precommit_expiry_epoch(pc.precommit_epoch, pc.info.seal_proof);
      if (rt.epoch >= expiry) {
        expired.push_back(n);
      } else {
        earliest_left = std::min(earliest_left, expiry);
      }
    }
    miner.earliest_precommit_expiry_bound = earliest_left;
  }
  for (SectorNumber n : expired) {
    TokenAmount deposit = miner.precommits.at(n).precommit_deposit;
    miner.precommit_deposits -= deposit;
    burn(rt.state, miner_id, deposit);
    miner.precommits.erase(n);
    rt.record("precommit_expired", miner_id, n, "deposit burnt " + deposit.to_string());
  }
  // 3. Deadline close: the last epoch of a challenge window.
  DeadlineInfo dl = deadline_info_at(rt.config, miner.proving_period_offset, rt.epoch);
  if (rt.epoch == dl.close - 1) close_deadline(rt, miner_id, miner, dl);
  // 4. Sector expiration: pledge returned, sector leaves its partition. Only scanned when the
  // bound says a sector can have expired; the scan sets the bound to the earliest one left.
  if (rt.epoch < miner.earliest_expiration_bound) return;
  std::vector<SectorNumber> ended;
  ChainEpoch earliest_left = kNoEpochBound;
  for (const auto& [n, sector] : miner.sectors) {
    if (rt.epoch >= sector.expiration) {
      ended.push_back(n);
    } else {
      earliest_left = std::min(earliest_left, sector.expiration);
    }
  }
  miner.earliest_expiration_bound = earliest_left;
  for (SectorNumber n : ended) {
    SectorLocation loc = miner.locations.at(n);
    Partition& partition = miner.deadlines.mutate(loc.deadline).partitions[loc.partition];
    partition.terminated.insert(n);
    partition.faults.erase(n);
    partition.recoveries.erase(n);
    miner.initial_pledge -= miner.sectors.at(n).initial_pledge;
    miner.sectors.erase(n);
    rt.record("sector_expired", miner_id, n);
  }
}

}  // namespace sealsim::chain::miner
