// miner_deal.hpp: the provider's deal record (go-fil-markets storagemarket.MinerDeal, v1.6.2) and
// the deal proposal it carries. The record is the single source of truth of a deal: its status
// is persisted by name and the machine is rebuilt from it for every event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/piece_size.hpp"
#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/market/deal_status_list.hpp"

namespace sealsim::market {

// market.DealProposal (actors v5). Addresses are their string form ("t01000").
struct DealProposal {
  std::string piece_cid;  // CID string; "" = undefined
  PaddedPieceSize piece_size;
  bool verified_deal = false;
  std::string client;
  std::string provider;
  std::string label;
  ChainEpoch start_epoch = 0;
  ChainEpoch end_epoch = 0;
  TokenAmount storage_price_per_epoch;
  TokenAmount provider_collateral;
  TokenAmount client_collateral;

  ChainEpoch duration() const { return end_epoch - start_epoch; }
  // ClientCollateral + Duration × StoragePricePerEpoch (market.DealProposal.ClientBalanceRequirement).
  TokenAmount client_balance_requirement() const {
    return client_collateral + storage_price_per_epoch * duration();
  }
  friend bool operator==(const DealProposal&, const DealProposal&) = default;
};

// The bytes a client signs and the node verifies. sealsim's stand-in for the proposal's CBOR: a
// canonical JSON serialization (the proposal CID is derived from it as well).
std::string proposal_signing_bytes(const DealProposal& proposal);

struct ClientDealProposal {
  DealProposal proposal;
  std::string client_signature;  // hex, produced by a Signer
  friend bool operator==(const ClientDealProposal&, const ClientDealProposal&) = default;
};

// CID of a signed proposal: CIDv1 dag-cbor / sha2-256 over the signing bytes and the signature.
std::string proposal_cid(const ClientDealProposal& proposal);

inline constexpr std::string_view kTransferTypeGraphsync = "graphsync";
inline constexpr std::string_view kTransferTypeManual = "manual";

// storagemarket.DataRef: how the payload reaches the provider.
struct DataRef {
  std::string transfer_type = std::string(kTransferTypeGraphsync);
  std::string root;        // payload root CID (raw bytes in sealsim: a label of the payload)
  std::string piece_cid;   // optional, as given by the client
  std::uint64_t piece_size = 0;  // unpadded, optional
  bool is_manual() const { return transfer_type == kTransferTypeManual; }
  friend bool operator==(const DataRef&, const DataRef&) = default;
};

struct MinerDeal {
  ClientDealProposal client_deal_proposal;
  std::string proposal_cid;
  std::string add_funds_cid;
  std::string publish_cid;
  std::string miner_peer;
  std::string client_peer;
  DealStatus state = DealStatus::Unknown;
  std::string piece_path;
  std::string metadata_path;
  ChainEpoch slash_epoch = 0;
  bool fast_retrieval = false;
  std::string message;
  // nil until the first FundsReserved (market-fsm §8.5 distinguishes nil from 0).
  std::optional<TokenAmount> funds_reserved;
  DataRef ref;
  bool available_for_retrieval = false;
  DealId deal_id = 0;
  std::string transfer_channel_id;
  SectorNumber sector_number = 0;
  std::optional<std::uint64_t> store_id;  // multistore (staging) id of an online deal
  std::int64_t creation_time = 0;         // simulated seconds

  const DealProposal& proposal() const { return client_deal_proposal.proposal; }
  friend bool operator==(const MinerDeal&, const MinerDeal&) = default;
};

}  // namespace sealsim::market
