// provider_entry_functions.hpp: the provider's entry functions (go-fil-markets v1.6.2
// providerstates/provider_states.go, market-fsm §3), one per status with ProviderRole::Entry.
#pragma once

#include "sealing/market/deal_status_list.hpp"
#include "sealing/market/provider_deals.hpp"

namespace sealsim::market {

// Runs the entry function of `status` (none for Wait/Final/ClientOnly statuses).
void run_provider_entry_function(DealStatus status, EntryContext& ctx);

}  // namespace sealsim::market
