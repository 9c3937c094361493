// actor_state.cpp: lookups in the world state.
#include "chain-mock/actor_state.hpp"

namespace sealsim::chain {

std::set<SectorNumber> Partition::live() const {
  std::set<SectorNumber> out;
  for (SectorNumber n : sectors) {
    if (terminated.count(n) == 0) out.insert(n);
  }
  return out;
}

std::size_t Partition::live_count() const {
  std::size_t live = sectors.size();
  for (SectorNumber n : terminated) live -= sectors.count(n);
  return live;
}

std::set<SectorNumber> Partition::active() const {
  std::set<SectorNumber> out;
  for (SectorNumber n : sectors) {
    if (terminated.count(n) == 0 && faults.count(n) == 0) out.insert(n);
  }
  return out;
}

const ActorEntry* StateTree::find_actor(ActorId id) const {
  auto it = actors.find(id);
  return it == actors.end() ? nullptr : &it->second;
}

ActorEntry* StateTree::find_actor(ActorId id) {
  auto it = actors.find(id);
  return it == actors.end() ? nullptr : &it->second;
}

const MinerState* StateTree::find_miner(ActorId id) const {
  auto it = miners.find(id);
  return it == miners.end() ? nullptr : &it->second;
}

MinerState* StateTree::find_miner(ActorId id) {
  auto it = miners.find(id);
  return it == miners.end() ? nullptr : &it->second;
}

TokenAmount& StateTree::burnt() { return actors[kBurntFundsActor.id].balance; }

}  // namespace sealsim::chain
