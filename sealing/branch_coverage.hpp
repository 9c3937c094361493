// branch_coverage.hpp: the narrow interface through which a handler reports the branch it took
// (HandlerEnv::branches, handler_branch_list.hpp), and the counter a run or campaign keeps beside
// the planner-row counts (row_coverage.hpp), so a report can show the branches never taken.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sealing/handler_branch_list.hpp"

namespace sealsim::sealing {

class BranchRecorder {
 public:
  virtual ~BranchRecorder() = default;
  virtual void hit(HandlerBranch branch) = 0;
};

class BranchCoverage final : public BranchRecorder {
 public:
  void hit(HandlerBranch branch) override { ++counts_[static_cast<std::size_t>(branch)]; }
  std::uint64_t count(HandlerBranch branch) const { return counts_[static_cast<std::size_t>(branch)]; }
  std::vector<HandlerBranch> never_hit() const {
    std::vector<HandlerBranch> out;
    for (const auto& info : kHandlerBranches) {
      if (count(info.branch) == 0) out.push_back(info.branch);
    }
    return out;
  }

 private:
  std::array<std::uint64_t, kHandlerBranchCount> counts_{};
};

}  // namespace sealsim::sealing
