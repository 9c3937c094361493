// chain_config.cpp: presets and derived policy values.
#include "chain-mock/chain_config.hpp"

namespace sealsim::chain {

ChainConfig ChainConfig::mainnet() { return ChainConfig{}; }

ChainConfig ChainConfig::devnet_2k() {
  ChainConfig config;
  static_cast<NetworkConstants&>(config) = NetworkConstants::devnet_2k();
  return config;
}

ChainEpoch ChainConfig::precommit_expiry_epoch(ChainEpoch precommit_epoch, RegisteredSealProof proof) const {
  return precommit_epoch + max_prove_commit_duration(proof) + 1;
}

}  // namespace sealsim::chain
