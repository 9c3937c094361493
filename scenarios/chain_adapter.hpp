// chain_adapter.hpp: sealing's chain interfaces (SealingChainApi, SealingEvents) over chain-mock's
// MockChain for one miner. ChainError becomes a Result error (ErrSectorAllocated's text for
// SectorAllocated); send_msg decodes the handlers' CBOR parameters (message_param_decoding.hpp);
// continuations (StateWaitMsg, ChainAt) are delivered through the sealing clock
// on the next driver step, never from inside the call, as the interfaces require.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "chain-mock/mock_chain.hpp"
#include "sealing/clock.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sealing_events.hpp"

namespace sealsim::scenarios {

// Message CIDs cross the interface as Cid (dag-cbor, blake2b-256 over the mock's 32-byte id).
Cid message_cid_to_cid(const chain::MessageCid& cid);
std::optional<chain::MessageCid> cid_to_message_cid(const Cid& cid);
// The on-chain precommit parameters of sealing's record (CommR as the raw commitment).
chain::SectorPreCommitInfo to_chain_precommit(const sealing::SectorPreCommitInfo& info);

class ChainAdapter final : public sealing::SealingChainApi, public sealing::SealingEvents {
 public:
  ChainAdapter(chain::MockChain& chain, sealing::Clock& clock, chain::Address miner)
      : chain_(chain), clock_(clock), miner_(miner) {}

  sealing::Result<sealing::ChainHead> chain_head() override;
  sealing::Result<bool> state_miner_sector_allocated(SectorNumber number, const sealing::TipSetToken& tok) override;
  sealing::Result<std::optional<sealing::PreCommitOnChainInfo>> state_sector_pre_commit_info(
      SectorNumber number, const sealing::TipSetToken& tok) override;
  sealing::Result<std::optional<sealing::SectorOnChainInfo>> state_sector_get_info(
      SectorNumber number, const sealing::TipSetToken& tok) override;
  sealing::Result<Cid> state_compute_data_commitment(RegisteredSealProof proof, const std::vector<DealId>& deals,
                                                     const sealing::TipSetToken& tok) override;
  sealing::Result<sealing::DealProposal> state_market_storage_deal_proposal(DealId deal,
                                                                            const sealing::TipSetToken& tok) override;
  sealing::Result<Bytes> chain_get_randomness_from_tickets(const sealing::TipSetToken& tok,
                                                           sealing::RandomnessDomain domain, ChainEpoch epoch,
                                                           const Bytes& entropy) override;
  sealing::Result<Bytes> chain_get_randomness_from_beacon(const sealing::TipSetToken& tok,
                                                          sealing::RandomnessDomain domain, ChainEpoch epoch,
                                                          const Bytes& entropy) override;
  sealing::Result<TokenAmount> state_miner_pre_commit_deposit_for_power(const sealing::SectorPreCommitInfo& info,
                                                                        const sealing::TipSetToken& tok) override;
  sealing::Result<TokenAmount> state_miner_initial_pledge_collateral(const sealing::SectorPreCommitInfo& info,
                                                                     const sealing::TipSetToken& tok) override;
  sealing::Result<sealing::MinerInfo> state_miner_info(const sealing::TipSetToken& tok) override;
  sealing::Result<std::int64_t> state_network_version(const sealing::TipSetToken& tok) override;
  sealing::Result<std::optional<sealing::SectorLocation>> state_sector_partition(
      SectorNumber number, const sealing::TipSetToken& tok) override;
  sealing::Result<TokenAmount> chain_base_fee(const sealing::TipSetToken& tok) override;
  sealing::Result<Cid> send_msg(ActorId from, std::uint64_t method, const TokenAmount& value,
                                const TokenAmount& max_fee, const Bytes& params) override;
  sealing::Result<std::optional<sealing::MessageLookup>> state_search_msg(const Cid& message) override;
  sealing::Result<std::vector<sealing::DealProposal>> chain_get_publish_deals_proposals(const Cid& message) override;
  sealing::Result<ActorId> state_lookup_id(ActorId address, const sealing::TipSetToken& tok) override;
  void state_wait_msg(const Cid& message, std::function<void(sealing::Result<sealing::MessageLookup>)> done) override;

  sealing::Result<sealing::Unit> chain_at(ApplyCallback apply, RevertCallback revert, int confidence,
                                          ChainEpoch height) override;

  // Pushes a typed message from the miner's worker (the pass-through batchers).
  sealing::Result<Cid> push_typed(chain::MethodNumber method, chain::MessageParams params, const TokenAmount& value,
                                  const TokenAmount& max_fee);
  // Pushes a typed message from `from` to the miner actor (send_msg after decoding; the batchers'
  // typed messages).
  sealing::Result<Cid> push_from(chain::Address from, chain::MethodNumber method, chain::MessageParams params,
                                 const TokenAmount& value, const TokenAmount& max_fee);
  // Pushes a typed message from `from` to the storage market actor (the deals layer's AddBalance
  // and PublishStorageDeals); counted in take_pushed like the sealing side's messages.
  sealing::Result<Cid> push_to_market(chain::Address from, chain::MethodNumber method, chain::MessageParams params,
                                      const TokenAmount& value, const TokenAmount& max_fee);
  chain::MockChain& chain() { return chain_; }
  chain::Address miner() const { return miner_; }
  // Messages pushed through this adapter since the last call (for the engine's invariants).
  std::vector<chain::MessageCid> take_pushed() { return std::exchange(pushed_, {}); }

  // The process dies right after it next pushes a message to `to` with `method` (the message
  // stays in the mempool). From then on until revive() every push is refused: a dead process
  // sends nothing.
  void kill_after_push(chain::Address to, chain::MethodNumber method) { kill_on_ = KillOn{to, method}; }
  // The message whose push killed the process, once it has.
  const std::optional<chain::MessageCid>& killed_by() const { return killed_by_; }
  bool killed() const { return killed_by_.has_value(); }
  void revive() { killed_by_.reset(); }

 private:
  sealing::Result<Cid> push(chain::Address from, chain::Address to, chain::MethodNumber method,
                            chain::MessageParams params, const TokenAmount& value, const TokenAmount& max_fee);

  chain::MockChain& chain_;
  sealing::Clock& clock_;
  chain::Address miner_;
  std::vector<chain::MessageCid> pushed_;
  struct KillOn {
    chain::Address to;
    chain::MethodNumber method;
  };
  std::optional<KillOn> kill_on_;
  std::optional<chain::MessageCid> killed_by_;
};

}  // namespace sealsim::scenarios
