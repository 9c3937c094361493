// storage_client.hpp: a compact storage client, enough to drive scenarios: it builds a deal
// proposal for a payload (CommP padded to the requested piece size), signs it with the mock
// signer, funds its market escrow with the proposal's ClientBalanceRequirement and proposes the
// deal to a provider, then pushes the payload online or imports it offline. The client's own
// state machine (market-fsm §7) is not modelled.
#pragma once

#include <string>

#include "model/bytes.hpp"
#include "model/piece_size.hpp"
#include "model/token_amount.hpp"
#include "sealing/market/data_transfer.hpp"
#include "sealing/market/miner_deal.hpp"
#include "sealing/market/provider_deals.hpp"

namespace sealsim::market {

// Stand-in signatures: hex SHA-256 over a domain tag, the signer's address and the message, so a
// proposal signed for one client does not verify for another and any change to it breaks it.
struct MockSigner {
  static std::string sign(const std::string& address, const std::string& message);
  static bool verify(const std::string& signature, const std::string& address,
                     const std::string& message);
};

struct ClientDealParams {
  std::string client;
  std::string provider;
  Bytes payload;
  PaddedPieceSize piece_size;  // 0: the smallest piece that holds the payload
  TokenAmount price_per_epoch;
  TokenAmount provider_collateral;
  TokenAmount client_collateral;
  ChainEpoch start_epoch = 0;
  ChainEpoch end_epoch = 0;
  bool verified = false;
  bool offline = false;
  bool fast_retrieval = true;
  std::string label;
};

struct PreparedDeal {
  ClientDealProposal proposal;
  DataRef ref;
  std::string proposal_cid;
};

// Throws sealsim::ModelError when the payload does not fit the requested piece size.
PreparedDeal prepare_deal(const ClientDealParams& params);

// Where the client's escrow lives (the market actor, or a test's fake).
class ClientEscrow {
 public:
  virtual ~ClientEscrow() = default;
  virtual void add_funds(const std::string& address, TokenAmount amount) = 0;
};

class StorageClient {
 public:
  StorageClient(ClientEscrow& escrow, ProviderDeals& provider, OnlineTransfers& transfers)
      : escrow_(escrow), provider_(provider), transfers_(transfers) {}
  // Funds escrow, proposes, and starts the transfer (online: chunks of `chunk_bytes` every
  // `chunk_interval`; offline: ImportDataForDeal right after the proposal).
  ReceivedDeal make_deal(const ClientDealParams& params, std::size_t chunk_bytes = 1 << 16,
                         sealing::SimSeconds chunk_interval = 1);

 private:
  ClientEscrow& escrow_;
  ProviderDeals& provider_;
  OnlineTransfers& transfers_;
};

}  // namespace sealsim::market
