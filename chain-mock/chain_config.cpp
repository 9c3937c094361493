// chain_config.cpp: presets and derived policy values.
#include "chain-mock/chain_config.hpp"

namespace sealsim::chain {

ChainConfig ChainConfig::mainnet() { return ChainConfig{}; }

ChainConfig ChainConfig::devnet_2k() {
  ChainConfig config;
  config.block_delay_seconds = 4;
  config.precommit_challenge_delay = 10;
  return config;
}

ChainEpoch ChainConfig::max_prove_commit_duration(RegisteredSealProof proof) const {
  return seal_proof_info(proof).api_version == ProofsApiVersion::V1_1 ? max_prove_commit_duration_v1_1
                                                                       : max_prove_commit_duration_v1;
}

ChainEpoch ChainConfig::precommit_expiry_epoch(ChainEpoch precommit_epoch, RegisteredSealProof proof) const {
  return precommit_epoch + max_prove_commit_duration(proof) + 1;
}

}  // namespace sealsim::chain
