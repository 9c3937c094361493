// address_selector.cpp: AddressFor and pickAddress of Lotus v1.11.0, and the batchers' selector.
#include "sealing/address_selector.hpp"

#include <algorithm>
#include <set>

namespace sealsim::sealing {

namespace {

std::vector<ActorId> candidates(const MinerInfo& miner, const AddressConfig& config, AddressUse use) {
  std::vector<ActorId> out;
  switch (use) {
    case AddressUse::PreCommit:
      out = config.pre_commit_control;
      break;
    case AddressUse::Commit:
      out = config.commit_control;
      break;
    case AddressUse::Terminate:
      out = config.terminate_control;
      break;
    case AddressUse::Other: {
      // The miner's control addresses not reserved for one use. Lotus iterates a Go map here; the
      // simulation takes them in ascending id order (spec §16.1: a fixed, documented tie-break).
      std::set<ActorId> free(miner.control_addresses.begin(), miner.control_addresses.end());
      free.erase(miner.owner);
      free.erase(miner.worker);
      for (const auto* reserved : {&config.pre_commit_control, &config.commit_control, &config.terminate_control}) {
        for (ActorId id : *reserved) {
          free.erase(id);
        }
      }
      out.assign(free.begin(), free.end());
      break;
    }
  }
  if (out.empty() || !config.disable_worker_fallback) {
    out.push_back(miner.worker);
  }
  if (!config.disable_owner_fallback) {
    out.push_back(miner.owner);
  }
  return out;
}

}  // namespace

AddressChoice select_address(const MinerInfo& miner, const AddressConfig& config, AddressUse use,
                             const TokenAmount& good_funds, const TokenAmount& min_funds,
                             const WalletBalanceLookup& balance) {
  AddressChoice least_bad{miner.worker, min_funds};
  std::set<ActorId> control(miner.control_addresses.begin(), miner.control_addresses.end());
  control.insert(miner.owner);
  control.insert(miner.worker);
  for (ActorId address : candidates(miner, config, use)) {
    if (control.count(address) == 0) {
      continue;  // "non-control address configured for sending messages"
    }
    // Without a balance lookup wallets are not modelled and every address counts as funded.
    const Result<TokenAmount> funds = balance ? balance(address) : Result<TokenAmount>::ok(good_funds);
    if (!funds) {
      continue;
    }
    if (*funds >= good_funds) {
      return AddressChoice{address, *funds};
    }
    if (*funds > least_bad.available) {
      least_bad = AddressChoice{address, *funds};
    }
  }
  return least_bad;
}

Result<ActorId> ConfiguredAddressSelector::select(const MinerInfo& miner, AddressUse use, TokenAmount good_funds,
                                                  TokenAmount min_funds) {
  return Result<ActorId>::ok(select_address(miner, config_, use, good_funds, min_funds, balance_).address);
}

}  // namespace sealsim::sealing
