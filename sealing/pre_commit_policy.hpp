// pre_commit_policy.hpp: Lotus's BasicPreCommitPolicy (spec §12.3): the expiration a new sector
// asks for, from its deals' end epochs, aligned to the miner's proving period boundary.
#pragma once

#include <vector>

#include "sealing/chain_constants.hpp"
#include "sealing/result.hpp"
#include "sealing/sealing_chain_api.hpp"
#include "sealing/sector_info.hpp"

namespace sealsim::sealing {

struct BasicPreCommitPolicy {
  ChainEpoch duration = NetworkConstants{}.default_pre_commit_policy_duration();
  ChainEpoch proving_boundary = 0;  // PeriodStart mod WPoStProvingPeriod of the miner
  ChainEpoch proving_period = NetworkConstants{}.wpost_proving_period;

  // The miner's policy: duration MaxSectorExpirationExtension − 2 × WPoStProvingPeriod.
  static BasicPreCommitPolicy for_network(const NetworkConstants& network, ChainEpoch proving_boundary) {
    return BasicPreCommitPolicy{network.default_pre_commit_policy_duration(), proving_boundary,
                                network.wpost_proving_period};
  }

  // Expiration(pieces): the latest end epoch of the deals not yet ended at the head (head +
  // duration without one), moved to the epoch before the next proving boundary. A value already on
  // a boundary still moves a full period forward, as in Lotus.
  Result<ChainEpoch> expiration(SealingChainApi& api, const std::vector<Piece>& pieces) const;
};

}  // namespace sealsim::sealing
