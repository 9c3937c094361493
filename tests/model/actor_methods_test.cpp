// actor_methods_test.cpp: the method numbers against sealing-fsm.md §12.4 (miner actor) and the
// actors v5 market actor's exported methods.
#include "model/actor_methods.hpp"

#include <gtest/gtest.h>

namespace sealsim {
namespace {

TEST(ActorMethods, MinerMethodsMatchSpecTable) {
  EXPECT_EQ(method::kPreCommitSector, 6u);
  EXPECT_EQ(method::kProveCommitSector, 7u);
  EXPECT_EQ(method::kTerminateSectors, 9u);
  EXPECT_EQ(method::kPreCommitSectorBatch, 25u);
  EXPECT_EQ(method::kProveCommitAggregate, 26u);
}

// Market actor v5: Constructor 1, AddBalance 2, WithdrawBalance 3, PublishStorageDeals 4.
TEST(ActorMethods, MarketMethodsFollowTheActorsExports) {
  EXPECT_EQ(method::kAddBalance, 2u);
  EXPECT_EQ(method::kWithdrawBalance, 3u);
  EXPECT_EQ(method::kPublishStorageDeals, 4u);
}

}  // namespace
}  // namespace sealsim
