// current_deal_info.cpp: GetCurrentDealInfo and CheckDealEquality with Lotus v1.11.0's error
// texts.
#include "sealing/current_deal_info.hpp"

#include <vector>

#include "sealing/actor_cbor.hpp"
#include "sealing/chain_constants.hpp"

namespace sealsim::sealing {

namespace {

// CheckDealEquality: a lookup error aborts the comparison.
Result<bool> deals_equal(SealingChainApi& chain, const TipSetToken& tok, const DealProposal& a,
                         const DealProposal& b) {
  const Result<ActorId> a_client = chain.state_lookup_id(a.client, tok);
  if (!a_client) {
    return Result<bool>::fail(a_client.error());
  }
  const Result<ActorId> b_client = chain.state_lookup_id(b.client, tok);
  if (!b_client) {
    return Result<bool>::fail(b_client.error());
  }
  return Result<bool>::ok(a.piece == b.piece && a.verified_deal == b.verified_deal &&
                          a.label == b.label && a.start_epoch == b.start_epoch &&
                          a.end_epoch == b.end_epoch && a.provider == b.provider &&
                          *a_client == *b_client);
}

CurrentDealInfoOutcome failed(std::string error) {
  CurrentDealInfoOutcome out;
  out.error = std::move(error);
  return out;
}

CurrentDealInfoOutcome crashed(std::string message) {
  CurrentDealInfoOutcome out;
  out.crash = std::move(message);
  return out;
}

// dealIDFromPublishDealsMsg: the deal id, and the tipset of the publish message.
CurrentDealInfoOutcome deal_id_from_publish_message(SealingChainApi& chain, const TipSetToken& tok,
                                                    const std::optional<DealProposal>& proposal,
                                                    const Cid& publish_cid) {
  const std::string message = publish_cid.to_string();
  const auto lookup = chain.state_search_msg(publish_cid);
  if (!lookup) {
    return failed("looking for publish deal message " + message +
                  ": search msg failed: " + lookup.error());
  }
  if (!lookup->has_value()) {
    // v1.11.0 reads lookup.Receipt without checking for nil.
    return crashed("GetCurrentDealInfo: nil pointer dereference: publish deal message " + message +
                   " not found by StateSearchMsg");
  }
  const MessageLookup& found = **lookup;
  if (found.receipt.exit_code != kExitOk) {
    return failed("looking for publish deal message " + message +
                  ": non-ok exit code: " + std::to_string(found.receipt.exit_code));
  }
  const Result<std::vector<DealId>> ids = decode_publish_storage_deals_return(found.receipt.return_value);
  if (!ids) {
    return failed("looking for publish deal message " + message +
                  ": unmarshalling message return: " + ids.error());
  }

  CurrentDealInfoOutcome out;
  out.publish_message_tipset = found.tipset;
  if (!proposal) {
    // Publish messages used to carry one deal, and older sectors hold no proposal to compare.
    if (ids->size() > 1) {
      return failed("getting deal ID from publish deal message " + message +
                    ": no deal proposal supplied but message return value has more than one "
                    "deal (" + std::to_string(ids->size()) + " deals)");
    }
    if (ids->empty()) {
      // v1.11.0 indexes retval.IDs[0] unguarded.
      return crashed("GetCurrentDealInfo: index out of range [0] with length 0: publish deal "
                     "message " + message + " returned no deal ids");
    }
    out.deal_id = ids->front();
    return out;
  }

  const Result<std::vector<DealProposal>> params = chain.chain_get_publish_deals_proposals(publish_cid);
  if (!params) {
    return failed("getting publish deal message " + message + ": " + params.error());
  }
  std::optional<std::size_t> index;
  for (std::size_t i = 0; i < params->size(); ++i) {
    const Result<bool> equal = deals_equal(chain, tok, *proposal, (*params)[i]);
    if (!equal) {
      return failed("comparing publish deal message " + message +
                    " proposal to deal proposal: " + equal.error());
    }
    if (*equal) {
      index = i;
      break;
    }
  }
  if (!index) {
    return failed("could not find deal in publish deals message " + message);
  }
  if (*index >= ids->size()) {
    return failed("deal index " + std::to_string(*index) + " out of bounds of deals (len " +
                  std::to_string(ids->size()) + ") in publish deals message " + message);
  }
  out.deal_id = (*ids)[*index];
  return out;
}

}  // namespace

CurrentDealInfoOutcome get_current_deal_info(SealingChainApi& chain, const TipSetToken& tok,
                                             const std::optional<DealProposal>& proposal,
                                             const Cid& publish_cid) {
  CurrentDealInfoOutcome out = deal_id_from_publish_message(chain, tok, proposal, publish_cid);
  if (out.crash || !out.error.empty()) {
    return out;
  }
  const Result<DealProposal> market_deal = chain.state_market_storage_deal_proposal(out.deal_id, tok);
  if (!market_deal) {
    // Lotus returns the id it found together with the lookup error.
    out.error = market_deal.error();
    return out;
  }
  if (proposal) {
    const Result<bool> equal = deals_equal(chain, tok, *proposal, *market_deal);
    if (!equal) {
      return failed(equal.error());
    }
    if (!*equal) {
      return failed("Deal proposals for publish message " + publish_cid.to_string() +
                    " did not match");
    }
  }
  out.market_deal = *market_deal;
  return out;
}

}  // namespace sealsim::sealing
