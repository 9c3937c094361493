// deal_store.hpp: where provider deal records live between events and across restarts (the
// provider's datastore under /deals/provider). The status is stored by name, never by number or
// MSM ordinal, so a record survives reordering of the status list.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sealing/market/miner_deal.hpp"

namespace sealsim::market {

class DealStore {
 public:
  virtual ~DealStore() = default;
  virtual std::optional<MinerDeal> load(const std::string& proposal_cid) = 0;
  // Every stored proposal CID, ascending (the restart pass walks them in this order).
  virtual std::vector<std::string> list() = 0;
  // Replaces the record atomically: after a kill the store holds the old or the new record.
  virtual void save(const MinerDeal& deal) = 0;
};

class MemoryDealStore final : public DealStore {
 public:
  std::optional<MinerDeal> load(const std::string& proposal_cid) override {
    const auto it = deals_.find(proposal_cid);
    if (it == deals_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  std::vector<std::string> list() override {
    std::vector<std::string> out;
    for (const auto& [cid, deal] : deals_) {
      out.push_back(cid);
    }
    return out;
  }
  void save(const MinerDeal& deal) override { deals_[deal.proposal_cid] = deal; }

 private:
  std::map<std::string, MinerDeal> deals_;
};

}  // namespace sealsim::market
