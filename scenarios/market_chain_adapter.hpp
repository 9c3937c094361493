// market_chain_adapter.hpp: the storage provider's chain side over chain-mock, for one miner:
// market::ProviderNode as Lotus's ProviderNodeAdapter implements it (markets/storageadapter,
// market-fsm §3.4–§3.12) and the DealPublisher's PublishMessageSender. Messages (AddBalance,
// PublishStorageDeals) really go on the mock chain through ChainAdapter; deal ids come from the
// PublishStorageDeals receipt; escrow from the market actor's balances; pre-commit, activation,
// expiry and slashing are observed in chain state on every head change.
//
// Simplifications, stated: the watches read the head's state (Lotus waits MessageConfidence + 1
// epochs on the messages that change it, §3.9), so a callback comes up to 6 epochs earlier than in
// Lotus and a reverted pre-commit is not taken back (Lotus only logs reverts too). chain-mock has
// no verified registry: the data caps are the ones the scenario grants (grant_data_cap). Every
// callback runs on the sealing clock, never inside the call or the chain's head change.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "scenarios/chain_adapter.hpp"
#include "sealing/market/deal_publisher.hpp"
#include "sealing/market/provider_node.hpp"

namespace sealsim::scenarios {

// "t01000" / "f01000" → the ID address; nullopt for anything else (chain-mock has ID addresses only).
std::optional<chain::Address> parse_id_address(const std::string& text);
// The market's proposal (string CIDs and addresses) as chain-mock's typed proposal. Fails naming
// the field that does not convert.
sealing::Result<chain::DealProposal> to_chain_proposal(const market::DealProposal& proposal);

struct MarketChainOptions {
  TokenAmount max_publish_deals_fee;      // MaxPublishDealsFee
  TokenAmount max_market_balance_add_fee;  // MaxMarketBalanceAddFee
  std::int64_t max_provider_collateral_multiplier = 2;  // Lotus [Dealmaking] default
};

// Lotus's FundManager reservations per address. Lotus keeps them in the miner's datastore, so they
// outlive a process restart: the owner passes the same map to every adapter it builds.
using FundReservations = std::map<ActorId, TokenAmount>;

class MarketChainAdapter final : public market::ProviderNode, public market::PublishMessageSender {
 public:
  MarketChainAdapter(ChainAdapter& chain, sealing::Clock& clock, MarketChainOptions options,
                     FundReservations& reservations);
  ~MarketChainAdapter() override;
  MarketChainAdapter(const MarketChainAdapter&) = delete;
  MarketChainAdapter& operator=(const MarketChainAdapter&) = delete;

  // The verified registry's data cap of a client (chain-mock has none; the scenario grants it).
  void grant_data_cap(chain::Address client, std::uint64_t bytes) { data_caps_[client.id] += bytes; }

  // ProviderNode (and PublishMessageSender::get_chain_head).
  market::Result<market::ChainHead> get_chain_head() override;
  market::Result<bool> verify_signature(const std::string& signature, const std::string& signer,
                                        const std::string& plaintext) override;
  market::Result<market::CollateralBounds> deal_provider_collateral_bounds(PaddedPieceSize size,
                                                                           bool verified) override;
  market::Result<market::EscrowBalance> get_balance(const std::string& address, const std::string& tipset) override;
  market::Result<std::optional<std::uint64_t>> get_data_cap(const std::string& address,
                                                            const std::string& tipset) override;
  market::Result<std::string> get_miner_worker_address(const std::string& miner, const std::string& tipset) override;
  market::Result<std::optional<std::string>> reserve_funds(const std::string& wallet, const std::string& address,
                                                           TokenAmount amount) override;
  market::Result<market::Unit> release_funds(const std::string& address, TokenAmount amount) override;
  void wait_for_message(const std::string& message_cid, market::Callback<market::MessageReceipt> done) override;
  void wait_for_publish_deals(const std::string& publish_cid, const market::DealProposal& proposal,
                              market::Callback<market::PublishDealsResult> done) override;
  market::Result<market::Unit> on_deal_sector_pre_committed(const std::string& provider, DealId deal_id,
                                                            const market::DealProposal& proposal,
                                                            const std::string& publish_cid,
                                                            market::Callback<market::PreCommitOutcome> done) override;
  market::Result<market::Unit> on_deal_sector_committed(const std::string& provider, DealId deal_id,
                                                        SectorNumber sector, const market::DealProposal& proposal,
                                                        const std::string& publish_cid,
                                                        market::Callback<market::Unit> done) override;
  market::Result<market::Unit> on_deal_expired_or_slashed(DealId deal_id, market::Callback<market::Unit> expired,
                                                          market::Callback<ChainEpoch> slashed) override;

  // PublishMessageSender.
  market::Result<std::string> worker_address() override;
  market::Result<std::string> push(const market::PublishStorageDealsMessage& message) override;

 private:
  // A condition checked on every head change (and once at registration): true when it is done
  // (it has scheduled its callback), and then it is dropped.
  using Watch = std::function<bool(ChainEpoch head)>;
  void add_watch(Watch watch);
  void on_head_change();
  // Runs `fn` on the sealing clock now, unless this adapter is gone by then.
  void later(std::function<void()> fn);
  // StateWaitMsg with the deals layer's confidence (2 × MessageConfidence, §3.5, §3.7).
  void wait(const std::string& message_cid, std::function<void(sealing::Result<chain::MsgLookup>)> done);
  // GetCurrentDealInfo over a publish message: the deal id of `proposal` in it.
  sealing::Result<DealId> deal_id_in_publish(const chain::MsgLookup& lookup, const market::DealProposal& proposal);
  // The deal's on-chain record, live or closed (nullopt: never published).
  std::optional<chain::MarketDeal> find_deal(DealId deal) const;

  ChainAdapter& chain_;
  sealing::Clock& clock_;
  MarketChainOptions options_;
  FundReservations& reserved_;
  std::map<ActorId, std::vector<chain::MessageCid>> add_balance_messages_;
  std::map<ActorId, std::uint64_t> data_caps_;
  std::map<std::uint64_t, Watch> watches_;
  std::uint64_t next_watch_ = 0;
  std::uint64_t subscription_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace sealsim::scenarios
