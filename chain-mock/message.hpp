// message.hpp: messages of the simulated chain as typed values (no CBOR): addresses, nonce, value,
// gas, method number (builtin-actors numbering) and the parameters as a variant of typed structs.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "chain-mock/address.hpp"
#include "chain-mock/tipset.hpp"
#include "model/token_amount.hpp"
#include "model/actor_methods.hpp"
#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "model/registered_seal_proof.hpp"
#include "model/sector_id.hpp"

namespace sealsim::chain {

using MethodNumber = std::uint64_t;

// The actors' method numbers: model/actor_methods.hpp, shared with the sealing side.
namespace method = sealsim::method;

struct SectorPreCommitInfo {
  RegisteredSealProof seal_proof = RegisteredSealProof::StackedDrg2KiBV1_1;
  SectorNumber sector_number = 0;
  Node32 sealed_cid{};  // raw CommR
  ChainEpoch seal_rand_epoch = 0;
  std::vector<DealId> deal_ids;
  ChainEpoch expiration = 0;

  friend bool operator==(const SectorPreCommitInfo&, const SectorPreCommitInfo&) = default;
};

using PreCommitSectorParams = SectorPreCommitInfo;

struct PreCommitSectorBatchParams {
  std::vector<SectorPreCommitInfo> sectors;
};

struct ProveCommitSectorParams {
  SectorNumber sector_number = 0;
  Bytes proof;
};

struct ProveCommitAggregateParams {
  std::vector<SectorNumber> sector_numbers;
  Bytes aggregate_proof;
};

// One (deadline, partition, sectors) entry of TerminateSectors / DeclareFaults /
// DeclareFaultsRecovered.
struct SectorDeclaration {
  std::uint64_t deadline = 0;
  std::uint64_t partition = 0;
  std::vector<SectorNumber> sectors;
};

struct TerminateSectorsParams {
  std::vector<SectorDeclaration> terminations;
};
struct DeclareFaultsParams {
  std::vector<SectorDeclaration> faults;
};
struct DeclareFaultsRecoveredParams {
  std::vector<SectorDeclaration> recoveries;
};

struct SubmitWindowedPoStParams {
  std::uint64_t deadline = 0;
  std::vector<std::uint64_t> partitions;
  Bytes proof;
};

struct WithdrawMinerBalanceParams {
  TokenAmount amount;
};

struct DealProposal {
  Node32 piece_cid{};  // raw CommP
  PaddedPieceSize piece_size;
  bool verified_deal = false;
  Address client;
  Address provider;
  std::string label;
  ChainEpoch start_epoch = 0;
  ChainEpoch end_epoch = 0;
  TokenAmount storage_price_per_epoch;
  TokenAmount provider_collateral;
  TokenAmount client_collateral;

  ChainEpoch duration() const { return end_epoch - start_epoch; }
  TokenAmount total_storage_fee() const { return storage_price_per_epoch * duration(); }
  TokenAmount client_balance_requirement() const { return client_collateral + total_storage_fee(); }

  friend bool operator==(const DealProposal&, const DealProposal&) = default;
};

struct ClientDealProposal {
  DealProposal proposal;
  bool signature_valid = true;  // the mock has no keys; scenarios mark forged signatures here
};

struct PublishStorageDealsParams {
  std::vector<ClientDealProposal> deals;
};

struct AddBalanceParams {
  Address address;
};

struct WithdrawBalanceParams {
  Address address;
  TokenAmount amount;
};

using MessageParams =
    std::variant<std::monostate, PreCommitSectorParams, PreCommitSectorBatchParams, ProveCommitSectorParams,
                 ProveCommitAggregateParams, TerminateSectorsParams, DeclareFaultsParams,
                 DeclareFaultsRecoveredParams, SubmitWindowedPoStParams, WithdrawMinerBalanceParams,
                 PublishStorageDealsParams, AddBalanceParams, WithdrawBalanceParams>;

struct Message {
  Address from;
  Address to;
  std::uint64_t nonce = 0;
  TokenAmount value;
  std::int64_t gas_limit = 0;
  TokenAmount gas_fee_cap;
  TokenAmount gas_premium;
  MethodNumber method = method::kSend;
  MessageParams params;

  TokenAmount max_gas_cost() const { return gas_fee_cap * gas_limit; }
  TokenAmount required_funds() const { return value + max_gas_cost(); }
};

// The CID of a message: SHA-256 over its canonical JSON (chain_json.hpp, which defines it).
MessageCid message_cid(const Message& message);

}  // namespace sealsim::chain
