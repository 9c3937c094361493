// deal_json.hpp: MinerDeal ⇄ JSON for the deal store. The status is written by name
// ("StorageDealStaged"); amounts as decimal attoFIL strings; nil FundsReserved as null.
#pragma once

#include <nlohmann/json.hpp>

#include "sealing/market/miner_deal.hpp"

namespace sealsim::market {

nlohmann::json deal_to_json(const MinerDeal& deal);
// The proposal as the deal record holds it; its dump (keys sorted, so canonical) is also what the
// client signs (proposal_signing_bytes).
nlohmann::json proposal_to_json(const DealProposal& proposal);
// Throws std::runtime_error naming the JSON path and what was expected.
MinerDeal deal_from_json(const nlohmann::json& json);

}  // namespace sealsim::market
