// handler_restart_test.cpp: a handler continuation that outlives its node (a simulated process
// restart destroys the sector state group, then the handler environment) must check
// HandlerRun::alive() before it touches the environment: it neither starts the next task nor asks
// the chain, as the dead process would not (sealing/handler_support.hpp, handlers_*.cpp).
#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "sealing/handlers.hpp"
#include "sealing/sector_store_memory.hpp"
#include "tests/sealing/handler_rig.hpp"

namespace sealsim::sealing {
namespace {

using test::kMiner;
using test::kPreCommitEpoch;
using test::kSeedEpoch;
using test::kStart;

constexpr SectorNumber kSector = 3;

// The handler rig's fakes with a group that a test can destroy while the handler environment and
// the simulated world (clock, chain, sector manager) live on.
struct RestartRig {
  RestartRig()
      : handlers(HandlerEnv{sealer, clock, chain, events, verifier, batchers, batchers, batchers, {}, {}, kMiner}),
        group(std::make_unique<SectorStateGroup>(store, clock, handlers)) {}

  void force(SectorState state, SectorInfo base) {
    base.sector_number = kSector;
    store.save(kSector, base);
    group->send(kSector, SectorForceState{std::string(state_name(state))});
  }
  void restart() { group.reset(); }
  bool called(const std::string& operation) const {
    return std::find(sealer.calls.begin(), sealer.calls.end(), operation) != sealer.calls.end();
  }

  test::FakeClock clock{kStart};
  test::FakeSectorManager sealer{clock};
  test::FakeChainApi chain{clock};
  test::FakeChainEvents events{clock, chain.head.height};
  test::FakeProofVerifier verifier;
  test::FakeBatcherQueues batchers{clock};
  MemorySectorStore store;
  SealingHandlers handlers;
  std::unique_ptr<SectorStateGroup> group;
};

// A 2 KiB sector ready to prove: precommitted on chain, seed drawn (as HandlerRig's fixture).
SectorInfo commit_ready(RestartRig& rig) {
  test::HandlerRig fixture;  // only for its sector fixture, copied onto this rig's chain
  SectorInfo info = fixture.commit_ready_sector(kSector);
  rig.chain.pre_commits = fixture.chain.pre_commits;
  rig.chain.allocated = fixture.chain.allocated;
  info.ticket_value = rig.chain.ticket_randomness;
  info.seed_value = rig.chain.beacon_randomness;
  rig.sealer.pieces[kSector] = {};
  return info;
}

TEST(HandlerRestart, ACommit1AnswerAfterARestartStartsNoCommit2) {
  RestartRig rig;
  rig.force(SectorState::Committing, commit_ready(rig));
  ASSERT_TRUE(rig.called("c1"));
  rig.restart();
  rig.clock.advance_to(kStart + 100);  // the C1 answer arrives
  EXPECT_FALSE(rig.called("c2")) << "the dead run's continuation used the handler environment";
}

TEST(HandlerRestart, ACommit1AnswerWithoutARestartGoesOnToCommit2) {
  RestartRig rig;  // the control: the same steps without the restart reach C2
  rig.force(SectorState::Committing, commit_ready(rig));
  rig.clock.advance_to(kStart + 15);
  EXPECT_TRUE(rig.called("c2"));
}

TEST(HandlerRestart, ASeedCallbackAfterARestartAsksTheChainNothing) {
  RestartRig rig;
  SectorInfo info = commit_ready(rig);
  info.seed_value.clear();
  info.seed_epoch = 0;
  rig.events.set_height(kPreCommitEpoch);  // below the seed height: WaitSeed registers and returns
  rig.force(SectorState::WaitSeed, info);
  ASSERT_EQ(rig.events.watches(), 1u);
  rig.restart();
  rig.chain.randomness_epochs.clear();
  rig.events.set_height(kSeedEpoch + 6);
  rig.clock.advance_to(kStart + 10);
  EXPECT_TRUE(rig.chain.randomness_epochs.empty()) << "the dead run's ChainAt callback drew the seed";
}

TEST(HandlerRestart, ACooldownThatEndsAfterARestartSendsNothing) {
  RestartRig rig;
  rig.force(SectorState::SealPreCommit1Failed, commit_ready(rig));  // cooldown until kStart + 60
  rig.restart();
  rig.clock.advance_to(kStart + 120);
  EXPECT_FALSE(rig.called("pc1"));
  EXPECT_EQ(rig.store.load(kSector)->state, SectorState::SealPreCommit1Failed);
}

}  // namespace
}  // namespace sealsim::sealing
