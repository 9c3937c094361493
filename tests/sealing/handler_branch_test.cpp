// handler_branch_test.cpp: the handler-branch list (sealing/handler_branch_list.hpp) holds an id
// for every branch the spec's §9.4 matrix and §8.18 failure handlers name, ids are unique and
// derived from the list, and the handlers report the branch they take through HandlerEnv.
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "sealing/handler_branch_list.hpp"
#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::HandlerRig;
using test::kStart;

constexpr SectorNumber kSector = 7;

TEST(HandlerBranchList, IdsAreUniqueAndDerivedFromHandlerAndBranch) {
  std::set<std::string_view> ids;
  for (std::size_t i = 0; i < kHandlerBranches.size(); ++i) {
    const auto& info = kHandlerBranches[i];
    EXPECT_EQ(static_cast<std::size_t>(info.branch), i) << info.id;
    EXPECT_TRUE(ids.insert(info.id).second) << "duplicate id " << info.id;
    ASSERT_GT(info.id.size(), info.handler.size() + 1) << info.id;
    EXPECT_EQ(info.id.substr(0, info.handler.size() + 1), std::string(info.handler) + ".") << info.id;
    EXPECT_EQ(info.spec.rfind("§", 0), 0u) << info.id << ": the spec reference starts with §";
    EXPECT_FALSE(info.what.empty()) << info.id;
    EXPECT_EQ(branch_from_id(info.id), info.branch) << info.id;
  }
  EXPECT_FALSE(branch_from_id("CommitFailed.NoSuchBranch"));
}

// Typed from sealing-fsm.md, not from the list: every cell of the §9.4 columns PreCommitFailed and
// CommitFailed that sends an event or stalls, and every outcome of the §8.18 cooldown handlers.
TEST(HandlerBranchList, NamesEveryBranchOfTheSpecsFailureHandlers) {
  for (const char* id : {
           // §9.4 PreCommitFailed column and §8.18 handlePreCommitFailed steps 1-5.
           "PreCommitFailed.HeadStall", "PreCommitFailed.SearchError", "PreCommitFailed.MessageNotFound",
           "PreCommitFailed.MessageLanded", "PreCommitFailed.OutOfGas", "PreCommitFailed.BadCommD",
           "PreCommitFailed.ExpiredTicket", "PreCommitFailed.BadTicket", "PreCommitFailed.InvalidDeals",
           "PreCommitFailed.ExpiredDeals", "PreCommitFailed.NoPrecommit", "PreCommitFailed.CheckStall",
           "PreCommitFailed.LandedWithoutMessage", "PreCommitFailed.SealedCidMismatch",
           "PreCommitFailed.RetryWaitSeed", "PreCommitFailed.RetryPreCommit",
           // §9.4 CommitFailed column and §8.18 handleCommitFailed.
           "CommitFailed.HeadStall", "CommitFailed.SearchError", "CommitFailed.MessageNotFound",
           "CommitFailed.MessageLanded", "CommitFailed.OutOfGas", "CommitFailed.BadSeed",
           "CommitFailed.InvalidProofRetry", "CommitFailed.InvalidProofReseal", "CommitFailed.NoPrecommit",
           "CommitFailed.InvalidDeals", "CommitFailed.ExpiredDeals", "CommitFailed.CommitWaitFailed",
           "CommitFailed.CheckStall", "CommitFailed.ProofChecksOut",
           // §9.4 PreCommit1 and preCommitParams columns.
           "PreCommit1.InvalidDeals", "PreCommit1.ExpiredDeals", "PreCommit1.CheckStall",
           "PreCommitParams.CheckApi", "PreCommitParams.BadCommD", "PreCommitParams.ExpiredTicket",
           "PreCommitParams.BadTicket", "PreCommitParams.InvalidDeals", "PreCommitParams.ExpiredDeals",
           "PreCommitParams.PrecommitOnChain", "PreCommitParams.SectorNumberAllocated", "PreCommitParams.CheckOther",
           // §8.18 cooldown handlers.
           "SealPreCommit1Failed.Retry", "SealPreCommit2Failed.RetryPc2", "SealPreCommit2Failed.RetryPc1",
           "ComputeProofFailed.Retry", "ComputeProofFailed.Reseal", "FinalizeFailed.Retry", "RemoveFailed.Retry",
           "TerminateFailed.PrecommittedStall", "TerminateFailed.Retry", "DealsExpired.ApiStall",
           "DealsExpired.CommittedStall", "DealsExpired.Remove"}) {
    EXPECT_TRUE(branch_from_id(id)) << id << " is not in handler_branch_list.hpp";
  }
}

TEST(HandlerBranchList, TheSpecsUnreachableBranchesSayWhy) {
  EXPECT_NE(branch_info(HandlerBranch::PreCommitFailedNoPrecommit).unreachable.find("§9.4"), std::string_view::npos);
  EXPECT_NE(branch_info(HandlerBranch::FaultReportedFaultedFinal).unreachable.find("§3.2"), std::string_view::npos);
  EXPECT_TRUE(branch_info(HandlerBranch::CommitFailedBadSeed).unreachable.empty());
}

TEST(HandlerBranchCoverage, TheHandlerReportsTheBranchItTakes) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.seed_value = Bytes(32, 0x99);  // checkCommit: ErrBadSeed "seed has changed"
  rig.force(kSector, SectorState::CommitFailed, base);
  EXPECT_TRUE(rig.in(kSector, SectorState::WaitSeed));
  EXPECT_EQ(rig.branches.count(HandlerBranch::CommitFailedBadSeed), 1u);
  EXPECT_EQ(rig.branches.count(HandlerBranch::CommitFailedProofChecksOut), 0u);
  EXPECT_EQ(rig.branches.count(HandlerBranch::WaitSeedSeedReady), 0u) << "the seed height is not reached yet";
}

TEST(HandlerBranchCoverage, ACooldownBranchIsCountedOnceWhenTaken) {
  HandlerRig rig;
  SectorInfo base = rig.commit_ready_sector(kSector);
  base.pre_commit2_fails = 4;
  rig.force(kSector, SectorState::SealPreCommit2Failed, base);
  EXPECT_EQ(rig.branches.count(HandlerBranch::SealPreCommit2FailedRetryPc1), 1u);
  EXPECT_EQ(rig.branches.count(HandlerBranch::SealPreCommit2FailedRetryPc2), 0u);
  rig.clock.advance_to(kStart + 60);
  EXPECT_TRUE(rig.in(kSector, SectorState::PreCommit1));
  EXPECT_EQ(rig.branches.count(HandlerBranch::SealPreCommit2FailedRetryPc1), 1u);
  const auto never = rig.branches.never_hit();
  EXPECT_NE(std::find(never.begin(), never.end(), HandlerBranch::CommitFailedBadSeed), never.end());
  EXPECT_EQ(std::find(never.begin(), never.end(), HandlerBranch::SealPreCommit2FailedRetryPc1), never.end());
}

}  // namespace
}  // namespace sealsim::sealing
