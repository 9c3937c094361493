// current_deal_info.hpp: Lotus's GetCurrentDealInfo (spec §12.6, currentdealinfo.go), which
// RecoverDealIDs uses to re-derive a piece's deal id from the publish message after the id it
// holds stopped matching the chain (e.g. after a reorg re-numbered the deals).
#pragma once

#include <optional>
#include <string>

#include "model/cid.hpp"
#include "sealing/sealing_chain_api.hpp"

namespace sealsim::sealing {

struct CurrentDealInfoOutcome {
  // The deal id found. Set together with `error` in one case, as in Lotus: the id came out of
  // the publish message but loading the market deal failed.
  DealId deal_id = 0;
  std::optional<DealProposal> market_deal;  // the loaded deal's proposal
  TipSetToken publish_message_tipset;
  std::string error;  // Lotus's error text; empty on success
  // Set where Lotus v1.11.0 panics instead (Q10: the publish message is not found, a nil
  // dereference; no proposal and an empty return, an index out of range): the text for a
  // NodeCrash finding. Nothing else of the outcome is meaningful then.
  std::optional<std::string> crash;
};

// GetCurrentDealInfo(tok, proposal, publishCid). Deal equality (CheckDealEquality) compares every
// field sealsim's DealProposal carries, the clients after StateLookupID: PieceCID, PieceSize,
// VerifiedDeal, Label, Start/EndEpoch, Provider, client id. (Lotus also compares the price and
// both collaterals, which sealsim's deal record does not hold.)
CurrentDealInfoOutcome get_current_deal_info(SealingChainApi& chain, const TipSetToken& tok,
                                             const std::optional<DealProposal>& proposal,
                                             const Cid& publish_cid);

}  // namespace sealsim::sealing
