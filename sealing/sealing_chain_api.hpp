// sealing_chain_api.hpp: what the sealing FSM reads from and sends to the chain (Lotus's
// SealingAPI, spec §12.5), owned by sealing/ so the chain mock adapts to it, not the reverse.
// Reads are immediate in the simulation; the one blocking call (StateWaitMsg) takes a continuation.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "model/bytes.hpp"
#include "model/cid.hpp"
#include "model/sector_id.hpp"
#include "sealing/result.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

using TipSetToken = Bytes;

struct ChainHead {
  TipSetToken token;
  ChainEpoch height = 0;
};

// On-chain precommit (miner.SectorPreCommitOnChainInfo).
struct PreCommitOnChainInfo {
  SectorPreCommitInfo info;
  TokenAmount pre_commit_deposit;
  ChainEpoch pre_commit_epoch = 0;
};

// Proven sector (miner.SectorOnChainInfo), the fields the FSM reads.
struct SectorOnChainInfo {
  SectorNumber sector_number = 0;
  RegisteredSealProof seal_proof{};
  Cid sealed_cid;
  ChainEpoch activation = 0;
  ChainEpoch expiration = 0;
  TokenAmount initial_pledge;
};

struct MessageReceipt {
  std::int64_t exit_code = 0;
  Bytes return_value;
  std::int64_t gas_used = 0;
};

struct MessageLookup {
  MessageReceipt receipt;
  TipSetToken tipset;
  ChainEpoch height = 0;
};

struct MinerInfo {
  ActorId owner = 0;
  ActorId worker = 0;
  std::vector<ActorId> control_addresses;
  std::int64_t window_post_proof_type = 0;
};

struct SectorLocation {
  std::uint64_t deadline = 0;
  std::uint64_t partition = 0;
};

// StateSectorPreCommitInfo's "allocated but no precommit" sentinel (ErrSectorAllocated).
inline constexpr const char* kErrSectorAllocated =
    "sectorNumber is allocated, but PreCommit info wasn't found on chain";

enum class RandomnessDomain : std::int64_t { SealRandomness = 5, InteractiveSealChallengeSeed = 6 };

// An empty TipSetToken names the current head (Lotus passes a nil token).
class SealingChainApi {
 public:
  virtual ~SealingChainApi() = default;
  virtual Result<ChainHead> chain_head() = 0;
  virtual Result<bool> state_miner_sector_allocated(SectorNumber number, const TipSetToken& tok) = 0;
  // Absent and unallocated: ok(nullopt). Absent but allocated: fail(kErrSectorAllocated).
  virtual Result<std::optional<PreCommitOnChainInfo>> state_sector_pre_commit_info(
      SectorNumber number, const TipSetToken& tok) = 0;
  virtual Result<std::optional<SectorOnChainInfo>> state_sector_get_info(SectorNumber number,
                                                                         const TipSetToken& tok) = 0;
  virtual Result<Cid> state_compute_data_commitment(RegisteredSealProof proof,
                                                    const std::vector<DealId>& deals,
                                                    const TipSetToken& tok) = 0;
  virtual Result<DealProposal> state_market_storage_deal_proposal(DealId deal,
                                                                  const TipSetToken& tok) = 0;
  virtual Result<Bytes> chain_get_randomness_from_tickets(const TipSetToken& tok,
                                                          RandomnessDomain domain, ChainEpoch epoch,
                                                          const Bytes& entropy) = 0;
  virtual Result<Bytes> chain_get_randomness_from_beacon(const TipSetToken& tok,
                                                         RandomnessDomain domain, ChainEpoch epoch,
                                                         const Bytes& entropy) = 0;
  virtual Result<TokenAmount> state_miner_pre_commit_deposit_for_power(
      const SectorPreCommitInfo& info, const TipSetToken& tok) = 0;
  virtual Result<TokenAmount> state_miner_initial_pledge_collateral(const SectorPreCommitInfo& info,
                                                                    const TipSetToken& tok) = 0;
  virtual Result<MinerInfo> state_miner_info(const TipSetToken& tok) = 0;
  virtual Result<std::int64_t> state_network_version(const TipSetToken& tok) = 0;
  virtual Result<std::optional<SectorLocation>> state_sector_partition(SectorNumber number,
                                                                       const TipSetToken& tok) = 0;
  virtual Result<TokenAmount> chain_base_fee(const TipSetToken& tok) = 0;
  // Pushes a message to the mempool; returns its CID.
  virtual Result<Cid> send_msg(ActorId from, std::uint64_t method, const TokenAmount& value,
                               const TokenAmount& max_fee, const Bytes& params) = 0;
  // Without waiting; ok(nullopt) when the message is not on chain.
  virtual Result<std::optional<MessageLookup>> state_search_msg(const Cid& message) = 0;
  // Calls `done` once the message is included and MessageConfidence (5) epochs deep, or with an
  // error; never synchronously from inside this call.
  virtual void state_wait_msg(const Cid& message, std::function<void(Result<MessageLookup>)> done) = 0;
  // ChainGetMessage of a PublishStorageDeals message, its params decoded: the deal proposals in
  // message order (GetCurrentDealInfo, spec §12.6). Fails when the message is unknown or its params
  // do not decode.
  virtual Result<std::vector<DealProposal>> chain_get_publish_deals_proposals(const Cid& message) = 0;
  // StateLookupID: the ID address of an actor address. Deal clients are carried as IDs in sealsim,
  // so a chain answers with the same id; the call can still fail like any API call.
  virtual Result<ActorId> state_lookup_id(ActorId address, const TipSetToken& tok) = 0;
};

}  // namespace sealsim::sealing
