// provider_event_apply.hpp: each provider event's action (market-fsm §2 "action on the deal
// record"), declared for every listed event. The action runs before the state is overwritten.
#pragma once

#include "sealing/market/miner_deal.hpp"
#include "sealing/market/provider_event_list.hpp"

namespace sealsim::market {

#define SEALSIM_EVENT_APPLY_DECL(id, number, name, payload, any, reg) \
  void apply_action(const ev::id& event, MinerDeal& deal);
SEALSIM_PROVIDER_EVENTS(SEALSIM_EVENT_APPLY_DECL)
#undef SEALSIM_EVENT_APPLY_DECL

}  // namespace sealsim::market
