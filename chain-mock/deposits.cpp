// deposits.cpp: the collateral formula of deposits.hpp.
#include "chain-mock/deposits.hpp"

namespace sealsim::chain {

TokenAmount initial_pledge_for(const ChainConfig& config, RegisteredSealProof proof) {
  auto size = static_cast<TokenAmount::Rep>(seal_proof_info(proof).sector_size);
  return TokenAmount(config.pledge_per_gib.atto() * size / (TokenAmount::Rep{1} << 30));
}

TokenAmount precommit_deposit_for(const ChainConfig& config, RegisteredSealProof proof) {
  return initial_pledge_for(config, proof) * config.precommit_deposit_percent / 100;
}

TokenAmount termination_fee_for(const ChainConfig& config, TokenAmount initial_pledge) {
  return initial_pledge * config.termination_fee_percent / 100;
}

TokenAmount fault_fee_for(const ChainConfig& config, TokenAmount initial_pledge) {
  return initial_pledge * config.fault_fee_percent / 100;
}

DealCollateralBounds deal_provider_collateral_bounds_for(const ChainConfig& config, PaddedPieceSize piece) {
  const auto size = static_cast<TokenAmount::Rep>(piece.bytes());
  const TokenAmount policy_min(config.deal_provider_collateral_per_gib.atto() * size / (TokenAmount::Rep{1} << 30));
  return DealCollateralBounds{policy_min * 110 / 100, kTotalFilecoin};
}

}  // namespace sealsim::chain
