// miner_actor.hpp: the storage miner actor (actors v5 checks, simplified power and rewards):
// PreCommitSector(Batch), ProveCommitSector (verified by the end-of-epoch cron, as the power
// actor's cron confirms proofs) and ProveCommitAggregate (verified at once), precommit expiry with
// deposit burn, sectors in deadlines and partitions, WindowPoSt submission and missed-deadline
// faults, DeclareFaults(Recovered), TerminateSectors, withdrawals. Collateral: deposits.hpp.
#pragma once

#include "chain-mock/actor_runtime.hpp"
#include "chain-mock/message.hpp"

namespace sealsim::chain::miner {

// Largest accepted ProveCommitSector proof (actors MaxProveCommitSize... bounds a single proof).
inline constexpr std::size_t kMaxProveCommitSize = 10240;

// Creates the miner's state; the caller has registered the actor entry.
MinerState make_miner_state(const ChainConfig& config, const MinerInfo& info, ChainEpoch proving_period_offset);

ActorResult pre_commit_sectors(ActorRuntime& rt, ActorId miner, Address caller, const std::vector<SectorPreCommitInfo>& sectors,
                               bool batch);
ActorResult prove_commit_sector(ActorRuntime& rt, ActorId miner, const ProveCommitSectorParams& params);
ActorResult prove_commit_aggregate(ActorRuntime& rt, ActorId miner, Address caller, const ProveCommitAggregateParams& params);
ActorResult submit_windowed_post(ActorRuntime& rt, ActorId miner, Address caller, const SubmitWindowedPoStParams& params);
ActorResult declare_faults(ActorRuntime& rt, ActorId miner, Address caller, const DeclareFaultsParams& params);
ActorResult declare_faults_recovered(ActorRuntime& rt, ActorId miner, Address caller, const DeclareFaultsRecoveredParams& params);
ActorResult terminate_sectors(ActorRuntime& rt, ActorId miner, Address caller, const TerminateSectorsParams& params);
ActorResult withdraw_balance(ActorRuntime& rt, ActorId miner, Address caller, const WithdrawMinerBalanceParams& params);

// End-of-epoch processing: confirm pending prove-commits, expire precommits, close deadlines
// (missed WindowPoSt → faults), expire sectors.
void cron_tick(ActorRuntime& rt, ActorId miner);

// Balance not locked as precommit deposits or pledge.
TokenAmount available_balance(const StateTree& state, ActorId miner);
// AggregateNetworkFee of network version 13: max(baseFee, 2 nanoFIL) × 65733297 × n / 20.
TokenAmount aggregate_network_fee(std::size_t sectors, TokenAmount base_fee);

}  // namespace sealsim::chain::miner
