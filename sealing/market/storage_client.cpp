// storage_client.cpp: proposal building, mock signatures and the client's deal flow.
#include "sealing/market/storage_client.hpp"

#include "model/cid.hpp"
#include "model/model_error.hpp"
#include "model/piece_commitment.hpp"
#include "model/sha256_trunc254.hpp"

namespace sealsim::market {

namespace {
ByteSpan text_span(const std::string& s) {
  return ByteSpan(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}
}  // namespace

std::string MockSigner::sign(const std::string& address, const std::string& message) {
  static const std::string kDomain = "sealsim-mock-signature";
  const Node32 digest = sha256_of_parts({text_span(kDomain), text_span(address), text_span(message)});
  return to_hex(as_span(digest));
}

bool MockSigner::verify(const std::string& signature, const std::string& address,
                        const std::string& message) {
  return signature == sign(address, message);
}

PreparedDeal prepare_deal(const ClientDealParams& params) {
  const PieceCommitment commitment = compute_piece_commitment(params.payload);
  const PaddedPieceSize size =
      params.piece_size.bytes() == 0 ? commitment.piece_size : params.piece_size;
  if (size < commitment.piece_size) {
    throw ModelError("payload of " + std::to_string(params.payload.size()) +
                     " bytes does not fit a piece of " + std::to_string(size.bytes()) + " bytes");
  }
  const Node32 comm = commitment.piece_size < size
                          ? zero_pad_piece_commitment(commitment.commitment, commitment.piece_size, size)
                          : commitment.commitment;
  PreparedDeal deal;
  DealProposal& p = deal.proposal.proposal;
  p.piece_cid = commitment_to_cid(CommitmentKind::Unsealed, comm).to_string();
  p.piece_size = size;
  p.verified_deal = params.verified;
  p.client = params.client;
  p.provider = params.provider;
  p.label = params.label;
  p.start_epoch = params.start_epoch;
  p.end_epoch = params.end_epoch;
  p.storage_price_per_epoch = params.price_per_epoch;
  p.provider_collateral = params.provider_collateral;
  p.client_collateral = params.client_collateral;
  deal.proposal.client_signature = MockSigner::sign(p.client, proposal_signing_bytes(p));
  deal.ref.transfer_type = std::string(params.offline ? kTransferTypeManual : kTransferTypeGraphsync);
  deal.ref.root = "payload-" + p.piece_cid;
  deal.ref.piece_cid = p.piece_cid;
  deal.ref.piece_size = size.unpadded().bytes();
  deal.proposal_cid = proposal_cid(deal.proposal);
  return deal;
}

ReceivedDeal StorageClient::make_deal(const ClientDealParams& params, std::size_t chunk_bytes,
                                      sealing::SimSeconds chunk_interval) {
  const PreparedDeal prepared = prepare_deal(params);
  escrow_.add_funds(params.client, prepared.proposal.proposal.client_balance_requirement());
  const ReceivedDeal received =
      provider_.receive_deal(prepared.proposal, prepared.ref, params.fast_retrieval, params.client);
  if (received.already_tracked) {
    return received;
  }
  const auto deal = provider_.deal(received.proposal_cid);
  if (!deal || deal->state != DealStatus::WaitingForData) {
    return received;  // rejected: nothing to send
  }
  if (params.offline) {
    (void)provider_.import_data_for_deal(received.proposal_cid, params.payload);
  } else if (deal->store_id) {
    transfers_.push(received.proposal_cid, *deal->store_id, params.payload, chunk_bytes,
                    chunk_interval);
  }
  return received;
}

}  // namespace sealsim::market
