// provider_event_apply.cpp: the actions of provider_fsm.go (v1.6.2), one per event, as market-fsm
// §2 lists them. Events without an action still get one (empty) so the list stays the source.
#include "sealing/market/provider_event_apply.hpp"

namespace sealsim::market {

#define SEALSIM_NO_ACTION(id) \
  void apply_action(const ev::id&, MinerDeal&) {}
SEALSIM_NO_ACTION(Open)
SEALSIM_NO_ACTION(DealDeciding)
SEALSIM_NO_ACTION(RejectionSent)
SEALSIM_NO_ACTION(DealAccepted)
SEALSIM_NO_ACTION(InsufficientFunds)
SEALSIM_NO_ACTION(Funded)
SEALSIM_NO_ACTION(DataRequested)
SEALSIM_NO_ACTION(DataTransferCompleted)
SEALSIM_NO_ACTION(ManualDataReceived)
SEALSIM_NO_ACTION(DealActivated)
SEALSIM_NO_ACTION(DealExpired)
SEALSIM_NO_ACTION(Failed)
SEALSIM_NO_ACTION(Restart)
SEALSIM_NO_ACTION(DataTransferRestartFailed)
#undef SEALSIM_NO_ACTION

#define SEALSIM_MESSAGE_ACTION(id, prefix) \
  void apply_action(const ev::id& e, MinerDeal& deal) { deal.message = prefix + e.error; }
SEALSIM_MESSAGE_ACTION(NodeErrored, "error calling node: ")
SEALSIM_MESSAGE_ACTION(DealRejected, "deal rejected: ")
SEALSIM_MESSAGE_ACTION(DataTransferFailed, "error transferring data: ")
SEALSIM_MESSAGE_ACTION(SendResponseFailed, "sending response to deal: ")
SEALSIM_MESSAGE_ACTION(DealPublishError, "PublishStorageDeal error: ")
SEALSIM_MESSAGE_ACTION(FileStoreErrored, "accessing file store: ")
SEALSIM_MESSAGE_ACTION(DealHandoffFailed, "handing off deal to node: ")
SEALSIM_MESSAGE_ACTION(DealPrecommitFailed, "error awaiting deal pre-commit: ")
SEALSIM_MESSAGE_ACTION(DealActivationFailed, "error activating deal: ")
SEALSIM_MESSAGE_ACTION(PieceStoreErrored, "recording piece for retrieval: ")
SEALSIM_MESSAGE_ACTION(DealCompletionFailed, "error waiting for deal completion: ")
SEALSIM_MESSAGE_ACTION(MultistoreErrored, "operating on multistore: ")
SEALSIM_MESSAGE_ACTION(TrackFundsFailed, "error tracking deal funds: ")
#undef SEALSIM_MESSAGE_ACTION

void apply_action(const ev::FundsReserved& e, MinerDeal& deal) {
  // Sets on the first reservation, adds on later ones: a restart in ReserveProviderFunds grows it.
  deal.funds_reserved = deal.funds_reserved ? *deal.funds_reserved + e.amount : e.amount;
}

void apply_action(const ev::FundsReleased& e, MinerDeal& deal) {
  deal.funds_reserved = deal.funds_reserved.value_or(TokenAmount{}) - e.amount;
}

void apply_action(const ev::FundingInitiated& e, MinerDeal& deal) { deal.add_funds_cid = e.message_cid; }

void apply_action(const ev::DataTransferInitiated& e, MinerDeal& deal) {
  deal.transfer_channel_id = e.channel_id;
}

void apply_action(const ev::DataTransferRestarted& e, MinerDeal& deal) {
  deal.transfer_channel_id = e.channel_id;
  deal.message.clear();
}

void apply_action(const ev::DataVerificationFailed& e, MinerDeal& deal) {
  deal.piece_path = e.piece_path;
  deal.metadata_path = e.metadata_path;
  deal.message = "deal data verification failed: " + e.error;
}

void apply_action(const ev::VerifiedData& e, MinerDeal& deal) {
  deal.piece_path = e.piece_path;
  deal.metadata_path = e.metadata_path;
}

void apply_action(const ev::DealPublishInitiated& e, MinerDeal& deal) { deal.publish_cid = e.message_cid; }

void apply_action(const ev::DealPublished& e, MinerDeal& deal) {
  deal.deal_id = e.deal_id;
  deal.publish_cid = e.final_cid;
}

void apply_action(const ev::DealHandedOff&, MinerDeal& deal) { deal.available_for_retrieval = true; }

void apply_action(const ev::DealPrecommitted& e, MinerDeal& deal) { deal.sector_number = e.sector; }

void apply_action(const ev::Finalized&, MinerDeal& deal) { deal.store_id.reset(); }

void apply_action(const ev::DealSlashed& e, MinerDeal& deal) { deal.slash_epoch = e.epoch; }

void apply_action(const ev::DataTransferStalled&, MinerDeal& deal) {
  deal.message = "data transfer appears to be stalled, awaiting reconnect from client";
}

void apply_action(const ev::DataTransferCancelled&, MinerDeal& deal) {
  deal.message = "data transfer cancelled";
}

}  // namespace sealsim::market
