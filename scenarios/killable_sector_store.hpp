// killable_sector_store.hpp: the store as a killed process leaves it. A `restart` with `after_push`
// kills the miner process in the middle of a driver step, right after a message push; the rest of
// that step still runs (the simulation is single-threaded) but belongs to a dead process, so its
// writes must not reach the file. Reads pass through.
#pragma once

#include <functional>
#include <memory>
#include <utility>

#include "sealing/sector_store.hpp"

namespace sealsim::scenarios {

class KillableSectorStore final : public sealing::SectorStore {
 public:
  KillableSectorStore(std::unique_ptr<sealing::SectorStore> inner, std::function<bool()> killed)
      : inner_(std::move(inner)), killed_(std::move(killed)) {}
  std::optional<sealing::SectorInfo> load(SectorNumber number) override { return inner_->load(number); }
  std::vector<SectorNumber> list() override { return inner_->list(); }
  void save(SectorNumber number, const sealing::SectorInfo& info) override {
    if (!killed_()) inner_->save(number, info);
  }

 private:
  std::unique_ptr<sealing::SectorStore> inner_;
  std::function<bool()> killed_;
};

}  // namespace sealsim::scenarios
