// provider_table_groups.hpp: entry points of the four provider table machines (one translation
// unit each, see provider_machine_msm.hpp); provider_machine.cpp picks one by the status's
// ProviderTableGroup from the status list.
#pragma once

#include <vector>

#include "sealing/market/provider_machine.hpp"

namespace sealsim::market::table {

TransitionResult evaluate_negotiation(DealStatus from, const ProviderEvent& event, MinerDeal& deal);
TransitionResult evaluate_transfer(DealStatus from, const ProviderEvent& event, MinerDeal& deal);
TransitionResult evaluate_funding_publish(DealStatus from, const ProviderEvent& event, MinerDeal& deal);
TransitionResult evaluate_completion(DealStatus from, const ProviderEvent& event, MinerDeal& deal);

void collect_negotiation_rows(std::vector<ProviderTableRow>& out);
void collect_transfer_rows(std::vector<ProviderTableRow>& out);
void collect_funding_publish_rows(std::vector<ProviderTableRow>& out);
void collect_completion_rows(std::vector<ProviderTableRow>& out);

}  // namespace sealsim::market::table
