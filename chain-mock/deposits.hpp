// deposits.hpp: the mock's collateral formula. Not mainnet-exact (mainnet derives pledge from
// network power and block reward); chosen to be simple, documented and consistent:
//
//   initial_pledge(sector)    = pledge_per_gib × sector_size / 2^30                (attoFIL)
//   precommit_deposit(sector) = initial_pledge × precommit_deposit_percent / 100  (<= pledge)
//   collateral at prove-commit = max(0, initial_pledge − precommit_deposit)      (Lotus §8.14)
//   termination_fee(sector)   = initial_pledge × termination_fee_percent / 100    (burnt)
//   fault_fee(sector)         = initial_pledge × fault_fee_percent / 100 per faulty deadline (burnt)
//   deal provider collateral  = [min, total supply], min = 110/100 × collateral_per_gib × piece / 2^30
//                               (Lotus's StateDealProviderCollateralBounds shape: the policy minimum
//                               with dealProviderCollateralNum/Den = 110/100, max TotalFilecoin;
//                               mainnet derives the policy minimum from circulating supply and power)
//
// Deal weight and verified deals do not change power or pledge in the mock.
#pragma once

#include "chain-mock/chain_config.hpp"
#include "model/piece_size.hpp"
#include "model/token_amount.hpp"
#include "model/registered_seal_proof.hpp"

namespace sealsim::chain {

TokenAmount initial_pledge_for(const ChainConfig& config, RegisteredSealProof proof);
TokenAmount precommit_deposit_for(const ChainConfig& config, RegisteredSealProof proof);
TokenAmount termination_fee_for(const ChainConfig& config, TokenAmount initial_pledge);
TokenAmount fault_fee_for(const ChainConfig& config, TokenAmount initial_pledge);

struct DealCollateralBounds {
  TokenAmount min;
  TokenAmount max;
};
// Total FIL supply (2 billion FIL), the max of the bounds as in Lotus.
inline const TokenAmount kTotalFilecoin = TokenAmount::from_fil(2'000'000'000);
DealCollateralBounds deal_provider_collateral_bounds_for(const ChainConfig& config, PaddedPieceSize piece);

}  // namespace sealsim::chain
