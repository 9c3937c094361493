// provider_node.hpp: the chain side of the storage provider (go-fil-markets StorageProviderNode,
// as Lotus's ProviderNodeAdapter implements it): chain head, signatures, collateral bounds,
// escrow, message waits, publish confirmation and the deal's on-chain lifecycle. Synchronous calls
// return a Result; calls that block or subscribe in Go take a callback that the simulation runs
// later (on the simulated clock or a chain event).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "model/piece_size.hpp"
#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/market/miner_deal.hpp"
#include "sealing/result.hpp"

namespace sealsim::market {

using sealing::Result;
using sealing::Unit;

template <class T>
using Callback = std::function<void(Result<T>)>;

struct ChainHead {
  std::string tipset_token;
  ChainEpoch epoch = 0;
};

struct CollateralBounds {
  TokenAmount min;
  TokenAmount max;
};

struct EscrowBalance {
  TokenAmount locked;
  TokenAmount available;
};

struct MessageReceipt {
  std::int64_t exit_code = 0;
  std::string exit_code_text;  // how the node prints the code (go-state-types' ExitCode.String())
};

struct PublishDealsResult {
  DealId deal_id = 0;
  std::string final_cid;  // the publish message CID after reorgs/replacement
};

struct PreCommitOutcome {
  SectorNumber sector = 0;
  bool is_active = false;  // the pre-commit was missed because the deal is already active
};

class ProviderNode {
 public:
  virtual ~ProviderNode() = default;
  virtual Result<ChainHead> get_chain_head() = 0;
  // (valid, error) as Lotus's adapter: a bad signature is reported as an error, not false.
  virtual Result<bool> verify_signature(const std::string& signature, const std::string& signer,
                                        const std::string& plaintext) = 0;
  virtual Result<CollateralBounds> deal_provider_collateral_bounds(PaddedPieceSize size,
                                                                   bool verified) = 0;
  virtual Result<EscrowBalance> get_balance(const std::string& address, const std::string& tipset) = 0;
  // nullopt: the client has no data cap (not verified).
  virtual Result<std::optional<std::uint64_t>> get_data_cap(const std::string& address,
                                                            const std::string& tipset) = 0;
  virtual Result<std::string> get_miner_worker_address(const std::string& miner,
                                                       const std::string& tipset) = 0;
  // The AddBalance message CID when a message was needed, nullopt when the escrow sufficed.
  virtual Result<std::optional<std::string>> reserve_funds(const std::string& wallet,
                                                           const std::string& address,
                                                           TokenAmount amount) = 0;
  virtual Result<Unit> release_funds(const std::string& address, TokenAmount amount) = 0;
  virtual void wait_for_message(const std::string& message_cid, Callback<MessageReceipt> done) = 0;
  virtual void wait_for_publish_deals(const std::string& publish_cid, const DealProposal& proposal,
                                      Callback<PublishDealsResult> done) = 0;
  // Registration errors are returned; the callback fires at most once.
  virtual Result<Unit> on_deal_sector_pre_committed(const std::string& provider, DealId deal_id,
                                                    const DealProposal& proposal,
                                                    const std::string& publish_cid,
                                                    Callback<PreCommitOutcome> done) = 0;
  virtual Result<Unit> on_deal_sector_committed(const std::string& provider, DealId deal_id,
                                                SectorNumber sector, const DealProposal& proposal,
                                                const std::string& publish_cid,
                                                Callback<Unit> done) = 0;
  virtual Result<Unit> on_deal_expired_or_slashed(DealId deal_id, Callback<Unit> expired,
                                                  Callback<ChainEpoch> slashed) = 0;
};

}  // namespace sealsim::market
