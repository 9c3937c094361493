// batcher_api.hpp: what the three batchers (spec §11) read from and send to the chain, each
// through its own narrow interface as in Lotus (PreCommitBatcherApi, CommitBatcherApi,
// TerminateBatcherApi), plus the address selector, the aggregate prover and the chain policy
// constants and fee formula the batchers use (spec §12.4).
//
// Each API is bound to one miner actor (Lotus passes the same maddr to every call), so the calls
// name no miner. Messages carry typed parameters (sealsim has no CBOR layer; chain-mock's messages
// are typed the same way), so an adapter maps them one-to-one and tests can assert what was sent.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <variant>
#include <vector>

#include "model/actor_methods.hpp"
#include "model/bytes.hpp"
#include "model/cid.hpp"
#include "model/network_constants.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/address_selector.hpp"
#include "sealing/clock.hpp"
#include "sealing/result.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

// --- chain policy of v1.11.0 / actors v5 used by the batchers (spec §12.4) ---
// Mainnet's network constants: of those the batchers read, only the block delay differs on the 2k
// devnet, and the batchers take that one from their owner.
inline constexpr NetworkConstants kBatcherNetwork = NetworkConstants::mainnet();
inline constexpr SimSeconds kBlockDelaySeconds = kBatcherNetwork.block_delay_seconds;
inline constexpr std::int64_t kSnarkPackV1 = 0;  // abi.RegisteredAggregationProof_SnarkPackV1


// policy.AggregateNetworkFee (actors v5, network version 13): max(baseFee, 2 nanoFIL) ×
// EstimatedSingleProofGasUsage (65,733,297) × n × BatchDiscount (1/20); zero before version 13.
inline TokenAmount aggregate_network_fee(std::int64_t network_version, std::uint64_t sectors,
                                         TokenAmount base_fee) {
  if (network_version < 13) {
    return TokenAmount{};
  }
  const TokenAmount effective = max_amount(base_fee, TokenAmount::from_nano(2));
  return effective * 65'733'297 * static_cast<std::int64_t>(sectors) / 20;
}

// --- typed message parameters (miner actor v5) ---
struct PreCommitSectorBatchParams {
  std::vector<SectorPreCommitInfo> sectors;
  friend bool operator==(const PreCommitSectorBatchParams&, const PreCommitSectorBatchParams&) = default;
};
struct ProveCommitSectorParams {
  SectorNumber sector_number = 0;
  Bytes proof;
  friend bool operator==(const ProveCommitSectorParams&, const ProveCommitSectorParams&) = default;
};
struct ProveCommitAggregateParams {
  std::set<SectorNumber> sector_numbers;  // the bitfield
  Bytes aggregate_proof;
  friend bool operator==(const ProveCommitAggregateParams&, const ProveCommitAggregateParams&) = default;
};
struct TerminationDeclaration {
  std::uint64_t deadline = 0;
  std::uint64_t partition = 0;
  std::set<SectorNumber> sectors;
  friend bool operator==(const TerminationDeclaration&, const TerminationDeclaration&) = default;
};
struct TerminateSectorsParams {
  std::vector<TerminationDeclaration> terminations;
  friend bool operator==(const TerminateSectorsParams&, const TerminateSectorsParams&) = default;
};

using BatcherMessageParams = std::variant<PreCommitSectorBatchParams, ProveCommitSectorParams,
                                          ProveCommitAggregateParams, TerminateSectorsParams>;

// A message to the miner actor: SendMsg(from, maddr, method, value, maxFee, params).
struct BatcherMessage {
  ActorId from = 0;
  std::uint64_t method = 0;
  TokenAmount value;
  TokenAmount max_fee;
  BatcherMessageParams params;
};

// --- what the chain answers about partitions and deadlines ---
// api.Partition, the part the terminate batcher reads.
struct MinerPartition {
  std::set<SectorNumber> live_sectors;
};

// dline.Info, the part the terminate batcher reads.
struct ProvingDeadline {
  ChainEpoch current_epoch = 0;
  ChainEpoch period_start = 0;
  std::uint64_t index = 0;  // the deadline currently being proven, 0..47
};

// Address selection: AddressUse and AddressSelector (sealing/address_selector.hpp).

// --- the three batcher APIs ---
// What every batcher sends its message through: the miner's info (address selection reads it) and
// SendMsg. Each batcher API extends it (sealing/batcher_send.hpp sends through it).
class BatcherMessageApi {
 public:
  virtual ~BatcherMessageApi() = default;
  virtual Result<MinerInfo> state_miner_info() = 0;
  virtual Result<Cid> send_msg(const BatcherMessage& message) = 0;
};

class PreCommitBatcherApi : public BatcherMessageApi {
 public:
  virtual Result<ChainHead> chain_head() = 0;
};

class CommitBatcherApi : public BatcherMessageApi {
 public:
  virtual Result<ChainHead> chain_head() = 0;
  virtual Result<TokenAmount> chain_base_fee(const TipSetToken& tok) = 0;
  // ok(nullopt): no precommit on chain (Lotus returns a nil pointer without an error).
  virtual Result<std::optional<PreCommitOnChainInfo>> state_sector_pre_commit_info(
      SectorNumber number, const TipSetToken& tok) = 0;
  virtual Result<TokenAmount> state_miner_initial_pledge_collateral(const SectorPreCommitInfo& info,
                                                                    const TipSetToken& tok) = 0;
  virtual Result<std::int64_t> state_network_version(const TipSetToken& tok) = 0;
};

// proof5.AggregateSealVerifyInfo.
struct AggregateSealVerifyInfo {
  SectorNumber number = 0;
  Bytes randomness;              // ticket
  Bytes interactive_randomness;  // seed
  Cid sealed_cid;
  Cid unsealed_cid;
  friend bool operator==(const AggregateSealVerifyInfo&, const AggregateSealVerifyInfo&) = default;
};

// proof5.AggregateSealVerifyProofAndInfos.
struct AggregateSealRequest {
  ActorId miner = 0;
  RegisteredSealProof seal_proof{};
  std::int64_t aggregate_proof = kSnarkPackV1;
  std::vector<AggregateSealVerifyInfo> infos;  // by sector number
};

// ffiwrapper.Prover's AggregateSealProofs.
class AggregateProver {
 public:
  virtual ~AggregateProver() = default;
  virtual Result<Bytes> aggregate_seal_proofs(const AggregateSealRequest& request,
                                              const std::vector<Bytes>& proofs) = 0;
};

class TerminateBatcherApi : public BatcherMessageApi {
 public:
  virtual Result<std::optional<SectorLocation>> state_sector_partition(SectorNumber number) = 0;
  virtual Result<std::vector<MinerPartition>> state_miner_partitions(std::uint64_t deadline) = 0;
  virtual Result<ProvingDeadline> state_miner_proving_deadline() = 0;
};

}  // namespace sealsim::sealing
