// market_actor.hpp: the storage market actor (actors v5 semantics, simplified payments): escrow
// and locked balances, PublishStorageDeals with validation (all-or-nothing under network version 13,
// per-deal failure from 14), deal verification and activation at prove-commit, slashing on
// termination, expiry of deals never activated by their start epoch, and settlement at the end.
// Payments are settled once, when a deal ends (expiry or slashing), not per epoch. As in actors v5,
// a deal not activated by its start epoch stays in the state until its first processing epoch
// (deal_process_epoch), when the cron times it out: until then StateMarketStorageDeal still finds it.
#pragma once

#include <span>

#include "chain-mock/actor_runtime.hpp"
#include "chain-mock/message.hpp"

namespace sealsim::chain {

namespace market {

// GenRandNextEpoch (actors v5): the first epoch >= start_epoch that is ≡ deal (mod interval), the
// deal's first cron processing epoch.
ChainEpoch deal_process_epoch(ChainEpoch start_epoch, DealId deal, ChainEpoch interval);

ActorResult add_balance(ActorRuntime& rt, Address caller, TokenAmount value, const AddBalanceParams& params);
ActorResult withdraw_balance(ActorRuntime& rt, Address caller, const WithdrawBalanceParams& params);
ActorResult publish_storage_deals(ActorRuntime& rt, Address caller, const PublishStorageDealsParams& params);

// Called by the miner actor. verify checks that the deals can be activated in a sector expiring at
// `sector_expiration`; activate also marks them active. Failures carry the market's exit code.
ActorResult verify_deals_for_activation(ActorRuntime& rt, ActorId miner, std::span<const DealId> deals,
                                        ChainEpoch sector_expiration);
ActorResult activate_deals(ActorRuntime& rt, ActorId miner, std::span<const DealId> deals,
                           ChainEpoch sector_expiration, SectorNumber sector);
// CommD over the deals' pieces, for a sector of the proof's size. ErrNotFound for unknown deals.
ActorResult compute_data_commitment(const StateTree& state, RegisteredSealProof proof, std::span<const DealId> deals,
                                    Node32& commitment);
void on_miner_sectors_terminate(ActorRuntime& rt, ActorId miner, std::span<const DealId> deals);
// End-of-epoch processing: unactivated deals past their start epoch, activated deals past their end.
void cron_tick(ActorRuntime& rt);

}  // namespace market
}  // namespace sealsim::chain
