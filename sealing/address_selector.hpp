// address_selector.hpp: Lotus v1.11.0's AddressSelector (storage/addresses.go): which of the
// miner's control, worker and owner addresses sends a message, judged by wallet balances. It never
// fails: without an address holding goodFunds it falls back to the best funded one above
// minFunds, else the worker.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "model/sector_id.hpp"
#include "model/token_amount.hpp"
#include "sealing/result.hpp"
#include "sealing/sealing_chain_api.hpp"

namespace sealsim::sealing {

// api.AddrUse.
enum class AddressUse { PreCommit, Commit, Terminate, Other };

// api.AddressConfig ([Addresses] of the miner config); the defaults configure nothing.
struct AddressConfig {
  std::vector<ActorId> pre_commit_control;
  std::vector<ActorId> commit_control;
  std::vector<ActorId> terminate_control;
  bool disable_owner_fallback = false;
  bool disable_worker_fallback = false;
};

// WalletBalance of an address; an error skips the address (Lotus logs it). Every address of the
// simulation is an ID address whose key the node holds, so StateLookupID/WalletHas always succeed.
// An empty lookup means wallets are not modelled: every address counts as funded (the selector
// then takes its first candidate, the worker when no control address is configured).
using WalletBalanceLookup = std::function<Result<TokenAmount>(ActorId)>;

struct AddressChoice {
  ActorId address = 0;
  TokenAmount available;  // its balance, or min_funds when nothing better was found
  friend bool operator==(const AddressChoice&, const AddressChoice&) = default;
};

AddressChoice select_address(const MinerInfo& miner, const AddressConfig& config, AddressUse use,
                             const TokenAmount& good_funds, const TokenAmount& min_funds,
                             const WalletBalanceLookup& balance);

// AddrSel(ctx, minerInfo, use, goodFunds, minFunds) as the batchers call it: an interface, so a
// batcher test can fix the sender (tests/sealing/fake_batcher_api.hpp).
class AddressSelector {
 public:
  virtual ~AddressSelector() = default;
  virtual Result<ActorId> select(const MinerInfo& miner, AddressUse use, TokenAmount good_funds,
                                 TokenAmount min_funds) = 0;
};

// The node's selector: select_address over the configured addresses and wallet balances. Lotus's
// never fails, so neither does this one.
class ConfiguredAddressSelector final : public AddressSelector {
 public:
  explicit ConfiguredAddressSelector(AddressConfig config = {}, WalletBalanceLookup balance = {})
      : config_(std::move(config)), balance_(std::move(balance)) {}
  Result<ActorId> select(const MinerInfo& miner, AddressUse use, TokenAmount good_funds,
                         TokenAmount min_funds) override;

 private:
  AddressConfig config_;
  WalletBalanceLookup balance_;
};

}  // namespace sealsim::sealing
